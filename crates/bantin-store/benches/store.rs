//! The store at scale: ingest and search over generated Vietnamese news articles (100,000
//! by default), each beside a baseline measured in the same run.
//!
//! - Ingest: articles per second through `Store::ingest` (reading, every stage, linking,
//!   SQLite, tantivy, copies and stories), beside the same pages through the analysis alone
//!   (`Engine::analyze` on all cores): the ratio is what storing costs.
//! - Search: latency percentiles of 2,000 mixed queries (words with and without tone marks,
//!   phrases, entity and date filters), snippets included, without the answer cache, beside
//!   a query for any article (the fixed cost of a search).
//!
//! `cargo bench -p bantin-store --bench store` · `BANTIN_BENCH_ARTICLES=20000` for fewer ·
//! `BANTIN_BENCH_STORE=DIR` keeps the store in DIR (for `bench/load.sh`).

use bantin_store::{Page, Query, Store};
use rayon::prelude::*;
use std::time::Instant;

#[path = "../../bantin/benches/common/xorshift.rs"]
mod xorshift;
use xorshift::Rng;

const PLACES: &[&str] = &[
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Nghệ An",
    "Hà Tĩnh",
    "Thanh Hóa",
    "Quảng Nam",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Bình Dương",
    "Đồng Nai",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Lào Cai",
    "Yên Bái",
    "Sơn La",
    "Điện Biên",
    "Thái Nguyên",
    "Bắc Ninh",
    "Nam Định",
    "Ninh Bình",
    "Quảng Bình",
];
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Lan", "Long", "Mai",
    "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Yến",
];
const ORGS: &[&str] = &[
    "Bộ Y tế",
    "Bộ Xây dựng",
    "Bộ Công Thương",
    "Bộ Giáo dục và Đào tạo",
    "Ngân hàng Nhà nước",
    "Tổng cục Thống kê",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Tập đoàn Điện lực Việt Nam",
    "Cục Quản lý thị trường",
];
const ROLES: &[&str] = &[
    "giám đốc",
    "phó giám đốc",
    "chủ tịch",
    "trưởng phòng",
    "chuyên gia",
];
const TOPICS: &[(&str, &str)] = &[
    ("dự án đường cao tốc", "khởi công"),
    ("bệnh viện đa khoa mới", "khánh thành"),
    ("cây cầu nối hai bờ sông", "thông xe"),
    ("nhà máy xử lý nước thải", "đi vào hoạt động"),
    ("khu công nghiệp công nghệ cao", "được phê duyệt"),
    ("tuyến xe buýt điện", "chạy thử"),
    ("trường học vùng cao", "khánh thành"),
    ("chợ đầu mối nông sản", "mở cửa"),
    ("dự án điện gió ngoài khơi", "được cấp phép"),
    ("đường dây truyền tải điện", "đóng điện"),
];
const EXTRA: &[&str] = &[
    "Mưa lớn kéo dài khiến một số đoạn đường bị ngập sâu, giao thông bị ảnh hưởng.",
    "Người dân địa phương bày tỏ vui mừng vì chờ đợi công trình này nhiều năm.",
    "Giá vật liệu xây dựng tăng cao là khó khăn lớn nhất của các nhà thầu.",
    "Nhiều doanh nghiệp đã đăng ký thuê đất ngay trong quý đầu tiên.",
    "Các chuyên gia khuyến nghị cần có kế hoạch bảo trì dài hạn.",
    "Dòng thời gian thi công được điều chỉnh để tránh mùa mưa bão.",
];

fn person(r: &mut Rng) -> String {
    format!("{} {} {}", r.pick(SURNAMES), r.pick(MIDDLE), r.pick(GIVEN))
}

/// One generated page: a titled article of about 1.2 KB with people, places,
/// organisations, dates and a quote.
fn article(r: &mut Rng, i: usize) -> String {
    let place = r.pick(PLACES);
    let (topic, verb) = TOPICS[r.below(TOPICS.len() as u64) as usize];
    let org = r.pick(ORGS);
    let who = person(r);
    let other = person(r);
    let (d, m, y) = (1 + r.below(28), 1 + r.below(12), 2019 + r.below(7));
    let title = format!("{place}: {topic} {verb} (số {i})");
    let mut t = format!("{title}\n");
    t.push_str(&format!(
        "Ngày {d}/{m}/{y}, {org} cho biết {topic} tại {place} đã {verb} với tổng vốn {} tỷ đồng. \
         Đây là công trình trọng điểm của tỉnh trong giai đoạn {}-{}.\n",
        100 + r.below(9000),
        y,
        y + 5
    ));
    t.push_str(&format!(
        "Ông {who}, {} {org}, nói: “Công trình sẽ phục vụ khoảng {} nghìn người dân và góp phần giảm ùn tắc”.\n",
        r.pick(ROLES),
        10 + r.below(500)
    ));
    t.push_str(&format!(
        "Trước đó, hôm {}/{m}, bà {other} đã có buổi làm việc với lãnh đạo {} về tiến độ {topic}. {}\n",
        1 + r.below(28),
        r.pick(PLACES),
        r.pick(EXTRA)
    ));
    t.push_str(&format!(
        "Theo kế hoạch, giai đoạn hai của dự án sẽ hoàn thành vào tháng {}/{}. {}\n",
        1 + r.below(12),
        y + 1 + r.below(3),
        r.pick(EXTRA)
    ));
    t
}

fn pages(n: usize) -> Vec<Page> {
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    (0..n)
        .map(|i| Page {
            name: format!("gen/{i:06}.txt"),
            bytes: article(&mut r, i).into_bytes(),
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn fold(s: &str) -> String {
    bantin::text::fold(s)
}

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let n: usize = std::env::var("BANTIN_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!("store bench: {n} generated articles, {cores} cores");
    let ps = pages(n);
    let bytes: usize = ps.iter().map(|p| p.bytes.len()).sum();
    println!("  corpus: {:.1} MB", bytes as f64 / 1e6);

    // baseline: the analysis alone, on all cores
    let engine = bantin::Engine::builtin();
    let t = Instant::now();
    let analysed: usize = ps
        .par_iter()
        .map(|p| {
            engine
                .analyze(&p.name, &p.bytes)
                .map(|a| a.records.len())
                .unwrap_or(0)
        })
        .sum();
    let base = analysed as f64 / t.elapsed().as_secs_f64();

    let kept = std::env::var("BANTIN_BENCH_STORE").ok();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = kept.map_or_else(|| tmp.path().to_path_buf(), std::path::PathBuf::from);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the store directory");
    }
    let store = Store::open(&dir, &[]).expect("store");
    let t = Instant::now();
    let report = store.ingest(ps, &|_| {}).expect("ingest");
    let secs = t.elapsed().as_secs_f64();
    let rate = report.articles_added as f64 / secs;
    println!(
        "  ingest: {} articles in {secs:.1} s = {rate:.0} articles/s (analysis alone: {base:.0}/s; ratio {:.2}); {} stories",
        report.articles_added,
        rate / base,
        report.stories
    );

    // search: mixed queries
    let people: Vec<String> = store
        .entities(Some("PER"), None, 0, 200)
        .expect("entities")
        .into_iter()
        .map(|e| e.id)
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut queries = Vec::new();
    for k in 0..2000 {
        let place = rng.pick(PLACES);
        let (topic, verb) = TOPICS[rng.below(TOPICS.len() as u64) as usize];
        let mut q = Query::default();
        match k % 6 {
            0 => q.text = fold(place),
            1 => q.text = format!("{place} {verb}"),
            2 => q.text = format!("\"{topic}\""),
            3 => {
                q.text = fold(topic);
                q.from = Some(format!("{}-01", 2019 + rng.below(6)));
                q.to = Some(format!("{}-12", 2024 + rng.below(2)));
            }
            4 => {
                q.text = fold(rng.pick(GIVEN));
                q.entity = people
                    .get(rng.below(people.len().max(1) as u64) as usize)
                    .cloned();
            }
            _ => q.text = format!("{} {}", fold(rng.pick(SURNAMES)), rng.pick(GIVEN)),
        }
        queries.push(q);
    }
    let time_all = |qs: &[Query]| -> (Vec<f64>, usize) {
        let mut lat = Vec::with_capacity(qs.len());
        let mut found = 0;
        for q in qs {
            let t = Instant::now();
            let r = store.search_uncached(q).expect("search");
            lat.push(t.elapsed().as_secs_f64() * 1e3);
            found += (r.total > 0) as usize;
        }
        lat.sort_by(f64::total_cmp);
        (lat, found)
    };
    let (lat, found) = time_all(&queries);
    let (blat, _) = time_all(&vec![Query::default(); 500]);
    println!(
        "  search: {} queries ({found} with hits): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.9),
        percentile(&lat, 0.99),
        lat[lat.len() - 1]
    );
    println!(
        "  baseline (any article, 10 hits): p50 {:.2} ms, p99 {:.2} ms; ratio of p50s {:.1}",
        percentile(&blat, 0.5),
        percentile(&blat, 0.99),
        percentile(&lat, 0.5) / percentile(&blat, 0.5)
    );
    let st = store.stats().expect("stats");
    // the size once closed (the database's log folded in), beside the text it holds
    drop(store);
    let db = std::fs::metadata(dir.join("bantin.sqlite")).map_or(0, |m| m.len());
    let index = dir_size(&dir.join("index"));
    let total = dir_size(&dir);
    let per = |b: u64| b as f64 / st.articles.max(1) as f64;
    println!(
        "  store: {} articles, {} entities, {} stories, {} indexed, {:.0} MB on disk \
         (database {:.0} MB, index {:.0} MB)",
        st.articles,
        st.entities,
        st.stories,
        st.indexed,
        total as f64 / 1e6,
        db as f64 / 1e6,
        index as f64 / 1e6
    );
    println!(
        "  size: {:.0} bytes per article (database {:.0}, index {:.0}) for {:.0} bytes of text: {:.2}× the text",
        per(total),
        per(db),
        per(index),
        per(bytes as u64),
        total as f64 / bytes.max(1) as f64
    );
}

fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p).map_or(0, |rd| {
        rd.filter_map(|e| e.ok())
            .map(|e| {
                let m = e.metadata().map(|m| (m.is_dir(), m.len()));
                match m {
                    Ok((true, _)) => dir_size(&e.path()),
                    Ok((false, len)) => len,
                    Err(_) => 0,
                }
            })
            .sum()
    })
}
