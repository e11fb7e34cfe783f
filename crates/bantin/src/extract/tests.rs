use super::*;
use crate::decode::decode;

const PAGE: &str = r#"<!doctype html><html><head><title>Lũ lớn ở miền Trung - Báo Mẫu</title>
<meta property="og:title" content="Lũ lớn ở miền Trung">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lũ lớn ở miền Trung","datePublished":"2024-10-28T07:30:00+07:00","author":{"@type":"Person","name":"Lan Anh"}}</script>
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a></nav>
<div class="main"><article class="article-detail">
<h1 class="title">Lũ lớn ở miền Trung</h1>
<p class="sapo">Mưa lớn kéo dài từ ngày 26/10 khiến nhiều tỉnh miền Trung ngập sâu, hàng nghìn hộ dân phải sơ tán.</p>
<div class="content">
<p>Theo Ban chỉ huy phòng chống thiên tai, mực nước trên các sông dâng cao, vượt mức báo động 3.</p>
<figure><img src="a.jpg" alt=""><figcaption>Nước lũ tràn vào khu dân cư. Ảnh: Minh Hà</figcaption></figure>
<p>Chính quyền địa phương đã huy động lực lượng, phương tiện hỗ trợ người dân di chuyển đồ đạc &amp; tài sản.</p>
<p>Các trường học được cho học sinh nghỉ học để bảo đảm an toàn trong những ngày tới.</p>
</div>
<div class="box-related"><h3>Tin liên quan</h3><ul><li><a href="/1">Bài một về mưa lũ</a></li><li><a href="/2">Bài hai về mưa lũ</a></li></ul></div>
</article></div>
<footer>© Báo Mẫu. Giấy phép số 123.</footer>
</body></html>"#;

#[test]
fn reads_article_from_html() {
    let d = decode(PAGE.as_bytes(), None).unwrap();
    let a = read_html(&d);
    assert_eq!(a.len(), 1);
    let a = &a[0];
    let t = a.title.as_ref().unwrap();
    assert_eq!(t.text, "Lũ lớn ở miền Trung");
    let sp = t.span();
    assert_eq!(&PAGE[sp.start..sp.end], "Lũ lớn ở miền Trung");
    assert_eq!(
        a.published.as_ref().unwrap().0.iso(),
        "2024-10-28T07:30+07:00"
    );
    let body: Vec<_> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == Kind::Body)
        .map(|p| p.text.text.as_str())
        .collect();
    assert_eq!(body.len(), 4, "{body:?}");
    assert!(body[2].contains("đồ đạc & tài sản"));
    let caps: Vec<_> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == Kind::Caption)
        .collect();
    assert_eq!(caps.len(), 1);
    for p in &a.paragraphs {
        let sp = p.text.span();
        assert!(PAGE.is_char_boundary(sp.start) && PAGE.is_char_boundary(sp.end));
    }
    let p = &a
        .paragraphs
        .iter()
        .find(|p| p.text.text.contains("đồ đạc"))
        .unwrap();
    let sp = p.text.span();
    assert!(PAGE[sp.start..sp.end].contains("&amp;"));
}

#[test]
fn nested_paragraphs_with_links_do_not_underflow() {
    // found by fuzzing: a <pre> (paragraph-like) holding many links and a block of
    // paragraphs, so that its own text minus links is less than its paragraphs' text
    let link = format!("<a href=\"/x\">{}</a>", "liên kết dài ".repeat(40));
    let para =
        "<p>Đoạn văn đủ dài để được tính là một đoạn của bài viết, có dấu phẩy, và nhiều chữ.</p>"
            .repeat(4);
    let html = format!("<html><body><article><pre>{link}<div><div>{para}</div></div>{link}</pre></article></body></html>");
    let d = decode(html.as_bytes(), None).unwrap();
    let _ = read_html(&d);
}

const VI_PAGE: &str = r#"<html><head><title>Trang chủ - Báo Thử</title>
<link rel="canonical" href="https://baothu.vn/xa-hoi/cau-moi-thong-xe-20240314081500123.htm">
<meta property="og:site_name" content="Báo Thử">
</head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/xh">Xã hội</a></div>
<ul class="list"><li><a href="/a">Một bài khác được nhắc ở đây</a> <span>13/03/2024 10:00</span></li></ul>
<div class="detail">
<h1 class="title-detail">Cầu mới thông xe trước kế hoạch hai tháng</h1>
<div class="info"><span class="date">Thứ năm, 14/3/2024, 08:15 (GMT+7)</span></div>
<h2 class="sapo">(BT) - Cây cầu nối hai bờ sông được thông xe sáng nay, sớm hơn kế hoạch hai tháng nhờ thi công ba ca liên tục.</h2>
<div class="noi-dung">
<p>Công trình dài 1,2 km, có bốn làn xe, tổng vốn đầu tư hơn 900 tỷ đồng từ ngân sách thành phố.</p>
<p>Theo ban quản lý dự án, trong những ngày đầu, lưu lượng xe qua cầu được theo dõi để điều chỉnh đèn tín hiệu.</p>
<p>Người dân hai bên bờ cho biết quãng đường đi làm rút ngắn gần nửa giờ mỗi ngày, nhất là vào giờ cao điểm.</p>
<p align="right"><strong>Lê Văn An</strong></p>
</div></div>
</body></html>"#;

#[test]
fn vietnamese_page_title_stamp_lead_author_address() {
    let d = decode(VI_PAGE.as_bytes(), None).unwrap();
    let a = read_html(&d);
    assert_eq!(a.len(), 1);
    let a = &a[0];
    assert_eq!(
        a.title.as_ref().unwrap().text,
        "Cầu mới thông xe trước kế hoạch hai tháng"
    );
    let (st, from) = a.published.as_ref().unwrap();
    assert_eq!(st.iso(), "2024-03-14T08:15+07:00");
    assert_eq!(*from, DateSource::Stamp);
    let body: Vec<_> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == Kind::Body)
        .map(|p| p.text.text.as_str())
        .collect();
    assert!(body[0].starts_with("(BT) - Cây cầu"), "{body:?}");
    assert_eq!(body.len(), 4, "{body:?}");
    let b = a.byline.as_ref().unwrap();
    assert_eq!(b.author.as_deref(), Some("Lê Văn An"));
    let sp = b.author_span.unwrap();
    assert_eq!(&VI_PAGE[sp.start..sp.end], "Lê Văn An");
    assert_eq!(a.outlet.as_deref(), Some("Báo Thử"));
    assert!(a.url.as_deref().unwrap().starts_with("https://baothu.vn/"));
}

#[test]
fn date_from_the_address_when_nothing_is_printed() {
    let page = VI_PAGE.replace("Thứ năm, 14/3/2024, 08:15 (GMT+7)", "");
    let d = decode(page.as_bytes(), None).unwrap();
    let a = &read_html(&d)[0];
    let (st, from) = a.published.as_ref().unwrap();
    assert_eq!((st.iso().as_str(), *from), ("2024-03-14", DateSource::Url));
}

#[test]
fn generic_html_faults() {
    let body: String = (1..=4)
        .map(|i| format!("<p>Paragraph {i} of the story is long enough to count, with commas, clauses, and a full stop at its end.</p>"))
        .collect();
    // no </head>: the body must not be swallowed by the head
    let html = format!("<html><head><title>A story</title><meta charset=utf-8><body><article>{body}</article></body></html>");
    let d = decode(html.as_bytes(), None).unwrap();
    assert_eq!(read_html(&d)[0].paragraphs.len(), 4);
    // page-builder class names are not widgets to drop
    let html = format!("<html><body><div class=\"elementor-widget-container\">{body}</div><div class=\"widget\"><p>Side widget text that should not be read as the story, at all.</p></div></body></html>");
    let d = decode(html.as_bytes(), None).unwrap();
    let a = read_html(&d);
    assert_eq!(a[0].paragraphs.len(), 4);
    // an <aside> never closed holds the rest of the page
    let html = format!("<html><body><aside><p>Note</p><article>{body}</article></body></html>");
    let d = decode(html.as_bytes(), None).unwrap();
    assert_eq!(read_html(&d)[0].paragraphs.len(), 4);
    // a quotation in a figure is text
    let html = format!("<html><body><article>{body}<figure><blockquote><p>A quoted passage that belongs to the story, long enough to count.</p></blockquote></figure></article></body></html>");
    let d = decode(html.as_bytes(), None).unwrap();
    let a = read_html(&d);
    assert!(a[0].paragraphs.iter().all(|p| p.kind == Kind::Body));
    // posts only in a <noscript> view
    let html = format!("<html><body><div id=app></div><noscript><article>{body}</article></noscript></body></html>");
    let d = decode(html.as_bytes(), None).unwrap();
    assert_eq!(read_html(&d)[0].paragraphs.len(), 4);
}

#[test]
fn charset_sniffing() {
    assert_eq!(
        declared_charset(b"<meta charset=\"windows-1258\">").as_deref(),
        Some("windows-1258")
    );
    assert!(looks_like_html(b"<!DOCTYPE html><html>"));
    assert!(!looks_like_html("Tin tức hôm nay".as_bytes()));
}
