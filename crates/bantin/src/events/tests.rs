use super::*;

type Found = (EventType, String, Vec<String>, Option<String>, Status);

fn run_all(page: &str) -> Vec<Found> {
    let (a, m) = crate::entities::first_article_names(page);
    find_all(&a, &m, &ArticleTimes::of(&a))
        .into_iter()
        .map(|e| {
            (
                e.ty,
                e.date,
                e.actors
                    .iter()
                    .map(|&k| m[k].mention.surface.clone())
                    .collect(),
                e.place.map(|k| m[k].mention.surface.clone()),
                e.status,
            )
        })
        .collect()
}

fn run(page: &str) -> Vec<Found> {
    let mut v = run_all(page);
    v.retain(|e| e.4 == Status::Actual);
    v
}

/// A page of one article: a title and the body lines.
fn page(title: &str, body: &[&str]) -> String {
    let mut s = format!("{title}\n");
    for b in body {
        s.push_str(b);
        s.push('\n');
    }
    s
}

fn has(ev: &[Found], ty: EventType, date: &str, actor: &str) -> bool {
    ev.iter()
        .any(|e| e.0 == ty && e.1 == date && e.2.iter().any(|a| a.contains(actor)))
}

#[test]
fn visit_meet_return_with_dates() {
    let page = "Thủ tướng Nhật Bản thăm Việt Nam\n\
        Thủ tướng Nhật Bản Kenji Sato đã đến Hà Nội hôm 3/5/2024, bắt đầu chuyến thăm chính thức ba ngày.\n\
        Ngày 4/5, ông Sato hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội.\n\
        Hai bên đã ký kết 5 văn kiện hợp tác. Sáng 6/5, ông Sato về đến Tokyo.\n";
    let ev = run(page);
    assert!(
        ev.iter().any(|e| e.0 == EventType::VISIT
            && e.1 == "2024-05-03"
            && e.2 == ["Kenji Sato"]
            && e.3.as_deref() == Some("Hà Nội")),
        "{ev:?}"
    );
    assert!(
        ev.iter().any(|e| e.0 == EventType::MEET
            && e.1 == "2024-05-04"
            && e.2.len() == 2
            && e.3.as_deref() == Some("Hà Nội")),
        "{ev:?}"
    );
    assert!(
        ev.iter().any(|e| e.0 == EventType::RETURN
            && e.1 == "2024-05-06"
            && e.3.as_deref() == Some("Tokyo")),
        "{ev:?}"
    );
    // the signing names no party: not an event
    assert!(!ev.iter().any(|e| e.0 == EventType::SIGN), "{ev:?}");
}

#[test]
fn undated_background_is_not_an_event() {
    let page = "Quan hệ hai nước\n\
        Hôm 3/5/2024, hai bên thống nhất kế hoạch hợp tác mới.\n\
        Trước đây, ông Kenji Sato từng nhiều lần thăm Hà Nội và gặp ông Phạm Minh Chính.\n\
        Sau cuộc gặp, ông Sato cũng nhận lời mời thăm Tokyo của ông Phạm Minh Chính.\n";
    assert!(run(page).is_empty(), "{:?}", run(page));
}

#[test]
fn words_inside_longer_words_are_no_triggers() {
    let p = page(
        "Cử tri tiếp tục góp ý",
        &[
            "Ngày 2/3/2025, ông Lê Văn Tâm và bà Đỗ Thị Hoa tiếp tục thăm dò ý kiến cử tri trước bầu cử.",
        ],
    );
    let ev = run_all(&p);
    assert!(ev.is_empty(), "{ev:?}");
}

#[test]
fn sign_and_invite() {
    let p = page(
        "Hai bộ trưởng ký thỏa thuận",
        &[
            "Ngày 10/4/2025, Bộ trưởng Lê Văn Tâm và Bộ trưởng Kenji Sato ký thỏa thuận hợp tác tại Hà Nội.",
            "Cùng ngày 10/4, ông Tâm cũng mời ông Sato dự hội nghị tại Huế.",
        ],
    );
    let ev = run(&p);
    assert!(
        has(&ev, EventType::SIGN, "2025-04-10", "Lê Văn Tâm"),
        "{ev:?}"
    );
    assert!(has(&ev, EventType::INVITE, "2025-04-10", "Tâm"), "{ev:?}");
}

#[test]
fn deploy_needs_forces() {
    let p = page(
        "Triển khai lực lượng",
        &["Ngày 5/6/2025, Pháp điều động 200 binh sĩ tới Mali."],
    );
    let ev = run(&p);
    assert!(
        ev.iter()
            .any(|e| e.0 == EventType::DEPLOY && e.2 == ["Pháp"]),
        "{ev:?}"
    );
    // "triển khai" a plan sends no one
    let p = page(
        "Triển khai kế hoạch",
        &["Ngày 5/6/2025, Pháp triển khai kế hoạch giáo dục mới tại Paris."],
    );
    assert!(run(&p).iter().all(|e| e.0 != EventType::DEPLOY));
}

#[test]
fn attack_with_passive_agent() {
    let p = page(
        "Đồn biên phòng bị tấn công",
        &["Ngày 14/8/2025, ông Trần Văn Nam bị Lê Văn Hùng tấn công tại Hải Phòng."],
    );
    let ev = run(&p);
    assert!(
        ev.iter().any(|e| e.0 == EventType::ATTACK
            && e.1 == "2025-08-14"
            && e.2 == ["Lê Văn Hùng", "Trần Văn Nam"]),
        "{ev:?}"
    );
}

#[test]
fn protest() {
    let p = page(
        "Công nhân biểu tình",
        &["Sáng 3/9/2025, công nhân Công ty Giày Sao Mai biểu tình trước cổng nhà máy."],
    );
    let ev = run(&p);
    assert!(
        has(&ev, EventType::PROTEST, "2025-09-03", "Sao Mai"),
        "{ev:?}"
    );
}

#[test]
fn arrest_the_doer_first_and_a_negated_one() {
    let p = page(
        "Bắt nghi phạm trộm xe",
        &[
            "Ngày 29/7/2026, Công an TP Cần Thơ đã bắt Nguyễn Văn Bình về hành vi trộm cắp.",
            "Công an chưa bắt được Trần Văn Cường, kẻ đồng phạm.",
        ],
    );
    let all = run_all(&p);
    let ev = run(&p);
    let (_, names) = crate::entities::first_article_names(&p);
    let names: Vec<_> = names
        .iter()
        .map(|m| (&m.mention.surface, m.mention.ty))
        .collect();
    assert!(
        ev.iter().any(|e| e.0 == EventType::ARREST
            && e.1 == "2026-07-29"
            && e.2.len() == 2
            && e.2[0].contains("Công an")
            && e.2[1] == "Nguyễn Văn Bình"),
        "{all:?} {names:?}"
    );
    assert!(
        all.iter().any(|e| e.0 == EventType::ARREST
            && e.4 == Status::Negated
            && e.2.iter().any(|a| a.contains("Cường"))),
        "{all:?}"
    );
    assert!(!ev.iter().any(|e| e.2.iter().any(|a| a.contains("Cường"))));
}

#[test]
fn sentence_of_a_court() {
    let p = page(
        "Tuyên án vụ lừa đảo",
        &["Ngày 20/11/2025, Tòa án nhân dân TP Đà Nẵng tuyên phạt Lê Quang Huy 12 năm tù."],
    );
    let ev = run(&p);
    assert!(
        has(&ev, EventType::SENTENCE, "2025-11-20", "Lê Quang Huy"),
        "{ev:?}"
    );
}

#[test]
fn appoint_in_the_passive_and_a_planned_one() {
    let p = page(
        "Bổ nhiệm giám đốc",
        &[
            "Ngày 2/10/2025, ông Trịnh Minh Khoa được bổ nhiệm làm Giám đốc Sở Y tế tỉnh Nam Định.",
            "Tỉnh sẽ bổ nhiệm bà Vũ Thị Lan làm phó giám đốc.",
        ],
    );
    let all = run_all(&p);
    assert!(
        has(
            &run(&p),
            EventType::APPOINT,
            "2025-10-02",
            "Trịnh Minh Khoa"
        ),
        "{all:?}"
    );
    assert!(
        all.iter().any(|e| e.0 == EventType::APPOINT
            && e.4 == Status::Planned
            && e.2.iter().any(|a| a.contains("Lan"))),
        "{all:?}"
    );
}

#[test]
fn dismiss() {
    let p = page(
        "Chủ tịch từ chức",
        &["Ngày 8/1/2026, ông Hoàng Văn Đức từ chức Chủ tịch Tập đoàn Sông Hồng."],
    );
    let ev = run(&p);
    assert!(
        has(&ev, EventType::DISMISS, "2026-01-08", "Hoàng Văn Đức"),
        "{ev:?}"
    );
}

#[test]
fn adopt_needs_a_decision_word() {
    let p = page(
        "Quốc hội thông qua luật",
        &[
            "Ngày 27/6/2025, Quốc hội thông qua Luật Đất đai sửa đổi.",
            "Thông qua đó, người dân được hưởng lợi.",
        ],
    );
    let ev = run(&p);
    assert!(
        has(&ev, EventType::ADOPT, "2025-06-27", "Quốc hội"),
        "{ev:?}"
    );
    assert_eq!(
        ev.iter().filter(|e| e.0 == EventType::ADOPT).count(),
        1,
        "{ev:?}"
    );
}

#[test]
fn accident_victims_from_the_sentence_before() {
    let p = page(
        "Xe khách lật trên đèo",
        &[
            "Khoảng 5h ngày 11/3/2026, ông Đặng Văn Lực lái xe khách chở 20 người qua đèo Khánh Lê. \
             Xe bất ngờ lao xuống vực, ba người tử vong.",
        ],
    );
    let ev = run(&p);
    assert!(
        has(&ev, EventType::ACCIDENT, "2026-03-11", "Đặng Văn Lực"),
        "{ev:?}"
    );
    // without a victim a crash of prices is no accident
    let p = page(
        "Giá vàng",
        &["Ngày 11/3/2026, giá vàng tại Công ty Bảo Tín lao xuống mức thấp."],
    );
    assert!(run(&p).iter().all(|e| e.0 != EventType::ACCIDENT));
}

#[test]
fn deal() {
    let p = page(
        "Thương vụ mua lại",
        &["Ngày 15/5/2025, Tập đoàn Hòa Phát mua lại Công ty Thép Miền Trung."],
    );
    let ev = run(&p);
    assert!(
        ev.iter().any(|e| e.0 == EventType::DEAL
            && e.1 == "2025-05-15"
            && e.2.len() == 2
            && e.2[0].contains("Hòa Phát")),
        "{ev:?}"
    );
}

#[test]
fn launch() {
    let p = page(
        "Khánh thành cầu",
        &["Sáng 30/4/2025, UBND tỉnh Cà Mau khánh thành cầu Đầm Cùng."],
    );
    let ev = run(&p);
    assert!(has(&ev, EventType::LAUNCH, "2025-04-30", "UBND"), "{ev:?}");
}

#[test]
fn match_with_both_sides() {
    let p = page(
        "Việt Nam thắng Thái Lan",
        &["Tối 5/1/2025, Việt Nam đánh bại Thái Lan 3-2 tại Bangkok."],
    );
    let ev = run(&p);
    assert!(
        ev.iter().any(|e| e.0 == EventType::MATCH
            && e.2.contains(&"Việt Nam".to_string())
            && e.2.contains(&"Thái Lan".to_string())),
        "{ev:?}"
    );
}

#[test]
fn a_name_holding_a_trigger_is_a_name() {
    let p = page(
        "Tin địa phương",
        &["Ngày 5/1/2025, ông Nguyễn Văn Thắng và ông Lê Văn Hòa trồng cây tại Huế."],
    );
    assert!(
        run(&p).iter().all(|e| e.0 != EventType::MATCH),
        "{:?}",
        run(&p)
    );
}

#[test]
fn plans_and_history_by_their_dates() {
    let p = page(
        "Lịch làm việc",
        &[
            "Thứ hai, 3/3/2025",
            "Ông Kenji Sato sẽ thăm Hà Nội vào ngày 20/3/2025. Năm 2019, ông Sato thăm Huế.",
        ],
    );
    let all = run_all(&p);
    assert!(all.iter().all(|e| e.4 != Status::Actual), "{all:?}");
}

#[test]
fn week_dates_give_a_month() {
    assert_eq!(event_date("2013-W42").as_deref(), Some("2013-10"));
    assert_eq!(event_date("2021-W01").as_deref(), Some("2021-01"));
    assert_eq!(
        event_date("2023-07-26T14:00").as_deref(),
        Some("2023-07-26")
    );
    assert_eq!(event_date("XXXX-11-05").as_deref(), Some("XXXX-11-05"));
    assert_eq!(event_date("2018"), None);
    assert_eq!(event_date("P3D"), None);
    assert_eq!(
        day_range("2024-12"),
        Some((days(2024, 12, 1), days(2024, 12, 31)))
    );
}

/// Every kind, told as done, as not done and as planned: (kind, actual, negated, planned).
const TOLD: &[(EventType, &str, &str, &str)] = &[
    (
        EventType::VISIT,
        "Ngày 3/5/2025, Thủ tướng Kenji Sato thăm Hà Nội.",
        "Ngày 3/5/2025, Thủ tướng Kenji Sato không thăm Hà Nội.",
        "Ngày 3/5/2025, Thủ tướng Kenji Sato sẽ thăm Hà Nội.",
    ),
    (
        EventType::MEET,
        "Ngày 4/5/2025, ông Kenji Sato hội đàm với ông Lê Văn Tâm.",
        "Ngày 4/5/2025, ông Kenji Sato chưa hội đàm với ông Lê Văn Tâm.",
        "Ngày 4/5/2025, ông Kenji Sato sẽ hội đàm với ông Lê Văn Tâm.",
    ),
    (
        EventType::SIGN,
        "Ngày 10/4/2025, ông Lê Văn Tâm và ông Kenji Sato ký thỏa thuận hợp tác.",
        "Ngày 10/4/2025, ông Lê Văn Tâm và ông Kenji Sato không ký thỏa thuận hợp tác.",
        "Ngày 10/4/2025, ông Lê Văn Tâm và ông Kenji Sato dự kiến ký thỏa thuận hợp tác.",
    ),
    (
        EventType::INVITE,
        "Ngày 10/4/2025, ông Lê Văn Tâm mời ông Kenji Sato dự hội nghị.",
        "Ngày 10/4/2025, ông Lê Văn Tâm không mời ông Kenji Sato dự hội nghị.",
        "Ngày 10/4/2025, ông Lê Văn Tâm sẽ mời ông Kenji Sato dự hội nghị.",
    ),
    (
        EventType::DEPLOY,
        "Ngày 5/6/2025, Pháp điều động 200 binh sĩ tới Mali.",
        "Ngày 5/6/2025, Pháp không điều động binh sĩ tới Mali.",
        "Ngày 5/6/2025, Pháp sẽ điều động 200 binh sĩ tới Mali.",
    ),
    (
        EventType::RETURN,
        "Ngày 6/5/2025, ông Kenji Sato trở về Tokyo.",
        "Ngày 6/5/2025, ông Kenji Sato chưa trở về Tokyo.",
        "Ngày 6/5/2025, ông Kenji Sato sẽ trở về Tokyo.",
    ),
    (
        EventType::ATTACK,
        "Ngày 14/8/2025, Lê Văn Hùng tấn công ông Trần Văn Nam.",
        "Ngày 14/8/2025, Lê Văn Hùng không tấn công ông Trần Văn Nam.",
        "Ngày 14/8/2025, Lê Văn Hùng đe dọa tấn công ông Trần Văn Nam.",
    ),
    (
        EventType::PROTEST,
        "Sáng 3/9/2025, công nhân Công ty Giày Sao Mai biểu tình.",
        "Sáng 3/9/2025, công nhân Công ty Giày Sao Mai không biểu tình.",
        "Sáng 3/9/2025, công nhân Công ty Giày Sao Mai sẽ biểu tình.",
    ),
    (
        EventType::ARREST,
        "Ngày 29/7/2026, Công an TP Cần Thơ bắt Nguyễn Văn Bình.",
        "Ngày 29/7/2026, Công an TP Cần Thơ chưa bắt Nguyễn Văn Bình.",
        "Ngày 29/7/2026, Công an TP Cần Thơ sẽ bắt Nguyễn Văn Bình.",
    ),
    (
        EventType::SENTENCE,
        "Ngày 20/11/2025, Tòa án nhân dân TP Đà Nẵng tuyên phạt Lê Quang Huy 12 năm tù.",
        "Ngày 20/11/2025, Tòa án nhân dân TP Đà Nẵng chưa tuyên phạt Lê Quang Huy.",
        "Ngày 20/11/2025, Tòa án nhân dân TP Đà Nẵng sẽ tuyên phạt Lê Quang Huy.",
    ),
    (
        EventType::APPOINT,
        "Ngày 2/10/2025, UBND tỉnh Nam Định bổ nhiệm ông Trịnh Minh Khoa làm giám đốc sở.",
        "Ngày 2/10/2025, UBND tỉnh Nam Định chưa bổ nhiệm ông Trịnh Minh Khoa làm giám đốc sở.",
        "Ngày 2/10/2025, UBND tỉnh Nam Định dự kiến bổ nhiệm ông Trịnh Minh Khoa làm giám đốc sở.",
    ),
    (
        EventType::DISMISS,
        "Ngày 8/1/2026, ông Hoàng Văn Đức từ chức Chủ tịch Tập đoàn Sông Hồng.",
        "Ngày 8/1/2026, ông Hoàng Văn Đức không từ chức Chủ tịch Tập đoàn Sông Hồng.",
        "Ngày 8/1/2026, ông Hoàng Văn Đức sẽ từ chức Chủ tịch Tập đoàn Sông Hồng.",
    ),
    (
        EventType::ADOPT,
        "Ngày 27/6/2025, Quốc hội thông qua Luật Đất đai sửa đổi.",
        "Ngày 27/6/2025, Quốc hội chưa thông qua Luật Đất đai sửa đổi.",
        "Ngày 27/6/2025, Quốc hội sẽ thông qua Luật Đất đai sửa đổi.",
    ),
    (
        EventType::ACCIDENT,
        "Ngày 11/3/2026, xe của ông Đặng Văn Lực lao xuống vực, hai người bị thương.",
        "Ngày 11/3/2026, xe của ông Đặng Văn Lực không lao xuống vực dù hai người bị thương.",
        "Ngày 11/3/2026, xe của ông Đặng Văn Lực có thể lao xuống vực, hai người bị thương.",
    ),
    (
        EventType::DEAL,
        "Ngày 15/5/2025, Tập đoàn Hòa Phát mua lại Công ty Thép Miền Trung.",
        "Ngày 15/5/2025, Tập đoàn Hòa Phát không mua lại Công ty Thép Miền Trung.",
        "Ngày 15/5/2025, Tập đoàn Hòa Phát sẽ mua lại Công ty Thép Miền Trung.",
    ),
    (
        EventType::LAUNCH,
        "Sáng 30/4/2025, UBND tỉnh Cà Mau khánh thành cầu Đầm Cùng.",
        "Sáng 30/4/2025, UBND tỉnh Cà Mau chưa khánh thành cầu Đầm Cùng.",
        "Sáng 30/4/2025, UBND tỉnh Cà Mau sẽ khánh thành cầu Đầm Cùng.",
    ),
    (
        EventType::MATCH,
        "Tối 5/1/2025, Việt Nam đánh bại Thái Lan 3-2 tại Bangkok.",
        "Tối 5/1/2025, Việt Nam không thắng Thái Lan tại Bangkok.",
        "Tối 5/1/2025, Việt Nam sẽ đối đầu với Thái Lan tại Bangkok.",
    ),
];

#[test]
fn every_kind_done_not_done_and_planned() {
    assert_eq!(TOLD.len(), EventType::ALL.len());
    for &(ty, actual, negated, planned) in TOLD {
        let all = run_all(&page("Tin", &[actual]));
        assert!(
            all.iter().any(|e| e.0 == ty && e.4 == Status::Actual),
            "{ty:?} told as done: {all:?}"
        );
        for (told, status) in [(negated, Status::Negated), (planned, Status::Planned)] {
            let all = run_all(&page("Tin", &[told]));
            assert!(
                all.iter().any(|e| e.0 == ty && e.4 == status),
                "{ty:?} {status:?}: {all:?}"
            );
            assert!(
                !all.iter().any(|e| e.0 == ty && e.4 == Status::Actual),
                "{ty:?} {status:?} told as done: {all:?}"
            );
        }
    }
}

#[test]
fn speech_credits_habits_and_references_tell_no_event() {
    // a trigger inside a quotation holding another one is speech
    let p = page(
        "Ý kiến đại biểu",
        &["Ông Lê Văn Tâm nói: “Pháp đã “âm thầm” điều động binh sĩ tới Mali, chúng ta cần biết”."],
    );
    assert!(
        run(&p).iter().all(|e| e.0 != EventType::DEPLOY),
        "{:?}",
        run(&p)
    );
    // what happens every year is no event of that day
    let p = page(
        "Tưởng nhớ đồng đội",
        &["Cứ đến ngày 17/3/2025, ông Trần Văn Nam đều trở về Cao Bằng thăm chiến trường xưa."],
    );
    assert!(run(&p).is_empty(), "{:?}", run_all(&p));
    // a match named as the time of something else
    let p = page(
        "Chuẩn bị phục thù",
        &["Sau trận thua Thái Lan ngày 5/1/2025, ông Lê Văn Tâm triệu tập thêm cầu thủ."],
    );
    assert!(
        run(&p).iter().all(|e| e.0 != EventType::MATCH),
        "{:?}",
        run(&p)
    );
    // since when something has gone on is background
    let p = page(
        "Xung đột kéo dài",
        &["Ngày 2/2/2025, Liên Hợp Quốc họp khẩn, trong bối cảnh hơn 100 người chết từ khi Pháp tấn công Mali."],
    );
    assert!(
        run(&p).iter().all(|e| e.0 != EventType::ATTACK),
        "{:?}",
        run(&p)
    );
    // a crash where no one was hurt is no accident
    let p = page(
        "Va chạm trên cao tốc",
        &["Sáng 6/2/2025, xe của ông Đặng Văn Lực va chạm với xe tải. May mắn không có thương vong."],
    );
    assert!(
        run(&p).iter().all(|e| e.0 != EventType::ACCIDENT),
        "{:?}",
        run(&p)
    );
}

#[test]
fn the_doer_is_no_photo_credit_and_a_decision_is_its_matter() {
    let p = page(
        "Quốc hội họp",
        &[
            "Quốc hội Pháp họp phiên bất thường hôm 6/2/2025 tại Paris với hơn 500 đại biểu.",
            "Các đại biểu tranh luận suốt nhiều giờ về thuế. (Ảnh: AFP/TTXVN) Trong phiên họp \
             ngày 6/2/2025, Quốc hội Pháp đã thông qua dự luật mới về thuế thu nhập.",
            "Dự luật có hiệu lực từ tháng 3 năm sau, theo các nhà lập pháp.",
        ],
    );
    let ev = run(&p);
    assert!(
        ev.iter()
            .any(|e| e.0 == EventType::ADOPT && e.2.first().is_some_and(|a| a.contains("Quốc hội"))),
        "{ev:?}"
    );
    assert!(
        ev.iter().all(|e| !e.2.iter().any(|a| a.contains("TTXVN"))),
        "{ev:?}"
    );
    let p = page(
        "Bổ nhiệm hiệu trưởng",
        &["Ngày 6/2/2025, Trường Đại học Hòa Bình công bố quyết định bổ nhiệm ông Trịnh Minh Khoa làm hiệu trưởng."],
    );
    let ev = run(&p);
    assert!(ev.iter().any(|e| e.0 == EventType::APPOINT), "{ev:?}");
    assert!(ev.iter().all(|e| e.0 != EventType::ADOPT), "{ev:?}");
}

#[test]
fn a_guessed_year_is_no_year_of_an_event() {
    // the text prints no year of its news day (the reader moves on past 2022 to 2023 by the
    // order of the telling): the day's year is unknown
    let p = page(
        "Tai nạn trên cầu",
        &[
            "Cầu Sông Lam được khánh thành ngày 31/12/2022 và đã được sửa chữa nhiều lần.",
            "Sáng 18/2, xe của ông Đặng Văn Lực lao xuống sông, hai người tử vong.",
        ],
    );
    let (a, _) = crate::entities::first_article_names(&p);
    let all = run_all(&p);
    if matches!(a.published, Some((_, DateSource::Text))) {
        assert!(
            all.iter()
                .any(|e| e.0 == EventType::ACCIDENT && e.1 == "XXXX-02-18"),
            "{:?} {all:?}",
            a.published
        );
    } else {
        assert!(all.iter().all(|e| !e.1.starts_with("2023")), "{all:?}");
    }
}

#[test]
fn an_accident_of_unnamed_victims_is_one_by_its_day() {
    let p = page(
        "Tai nạn đường sắt",
        &[
            "Khoảng 9h ngày 6/2/2025, một người đàn ông bị tàu hỏa tông tử vong tại xã Nghi Long, huyện Nghi Lộc.",
            "Vụ tai nạn xảy ra tại đường ngang dân sinh ở Nghệ An ngày 6/2/2025, nạn nhân tử vong tại chỗ.",
        ],
    );
    let ev = run(&p);
    assert_eq!(
        ev.iter().filter(|e| e.0 == EventType::ACCIDENT).count(),
        1,
        "{ev:?}"
    );
}

#[test]
fn a_duration_is_no_year_of_the_days_beside_it() {
    // "30 tháng" is P30M: four characters, no year
    let p = page(
        "Cầu Bến Gỗ thông xe",
        &["Sau 30 tháng thi công, sáng 14/3, Công ty Cầu Đường Miền Trung khánh thành cầu Bến Gỗ tại tỉnh Quảng Trị."],
    );
    for e in run_all(&p) {
        assert!(
            e.1.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == 'X'),
            "{e:?}"
        );
        assert!(!e.1.contains('P'), "{e:?}");
    }
}
