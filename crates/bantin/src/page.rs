//! Pages into articles: blocks of text (lines of a text page, block elements of an HTML
//! page) are classified and segmented into articles with title, stamp, body paragraphs,
//! captions and byline.

use crate::classify::{self, BylineParts, Class};
use crate::decode::Decoded;
use crate::offsets::{OffsetMap, Span, TextBuilder};
use crate::pubdate::{self, Stamp};
use serde::{Deserialize, Serialize};

/// What a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Kind {
    /// Part of the story.
    Body,
    /// A photo caption or image alt text.
    Caption,
}

/// A piece of clean text with the way back to its source bytes.
#[derive(Clone, Debug)]
pub struct Text {
    /// NFC, tidy text.
    pub text: String,
    /// Text offsets to source offsets.
    pub map: OffsetMap,
}

impl Text {
    /// Source span of the whole text.
    pub fn span(&self) -> Span {
        self.map.src_span(0, self.text.len())
    }
    /// Source span of a byte range of the text.
    pub fn sub_span(&self, start: usize, end: usize) -> Span {
        self.map.src_span(start, end)
    }
}

/// A paragraph of an article.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// Its text.
    pub text: Text,
    /// Body or caption.
    pub kind: Kind,
}

/// A byline.
#[derive(Clone, Debug)]
pub struct Byline {
    /// The author, when named.
    pub author: Option<String>,
    /// The sources ("Theo TASS, Reuters").
    pub sources: Vec<String>,
    /// The source span of the whole byline.
    pub span: Span,
    /// The source span of the author's name.
    pub author_span: Option<Span>,
}

/// How the publication date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Page metadata (JSON-LD, meta tags, `<time>`).
    Metadata,
    /// A stamp printed on the page.
    Stamp,
    /// Reasoned from the days the text refers to (the year only when printed with the day).
    Text,
    /// The date in the page's own address (canonical link, `og:url`).
    Url,
    /// Reasoned from the text, the year fixed by the weekday printed with the day.
    Weekday,
    /// Reasoned from the text, the year taken from a printed date of a neighbouring
    /// article of the same page.
    Neighbour,
    /// Reasoned from the text, the year from a hint the user gave (`--around 2024-02`).
    Hint,
    /// Reasoned from the text, the year the only one in which a lunar date it tells falls
    /// on a solar day it tells ("ngày 17/2 … mùng 8 Tết" is 2024).
    Lunar,
}

/// One article read from a page.
#[derive(Clone, Debug)]
pub struct Article {
    /// Its place in the page.
    pub index: usize,
    /// The title, if the page shows one.
    pub title: Option<Text>,
    /// Publication date and how it was found.
    pub published: Option<(Stamp, DateSource)>,
    /// Paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// The byline.
    pub byline: Option<Byline>,
    /// The outlet, when the page names it.
    pub outlet: Option<String>,
    /// The article's own address, when the page gives it.
    pub url: Option<String>,
}

/// The role a block played in the page's structure (HTML) or `Line` for text pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A line of a text page.
    Line,
    /// A paragraph element.
    Para,
    /// A heading of a level.
    Heading(u8),
    /// A list item.
    Item,
    /// A caption (`figcaption`, text inside `figure`).
    Caption,
    /// Preformatted text.
    Pre,
}

/// A block of text read from a page.
#[derive(Clone, Debug)]
pub struct Block {
    /// Its text.
    pub text: Text,
    /// Its structural role.
    pub role: Role,
    /// Bytes of its text inside links.
    pub link_bytes: usize,
    /// Set out like a signature (HTML): right-aligned, all bold, or marked as the author.
    pub signed: bool,
}

/// Appends the decoded text `range` to a builder, following the decoded map back to the
/// source bytes.
pub(crate) fn push_decoded(tb: &mut TextBuilder, dec: &Decoded, start: usize, end: usize) {
    dec.map.for_each_piece(start, end, |a, b, s, sl, linear| {
        push_piece(tb, &dec.text[a..b], s, sl, linear)
    });
}

/// The lines of a text page as blocks (blank lines dropped), with a title glued to its
/// body split off.
pub fn text_blocks(dec: &Decoded) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0;
    let text = &dec.text;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if !line.trim().is_empty() {
            let mut tb = TextBuilder::new();
            push_decoded(&mut tb, dec, pos, end);
            let (t, map) = tb.finish();
            if !t.is_empty() {
                let block = Block {
                    text: Text { text: t, map },
                    role: Role::Line,
                    link_bytes: 0,
                    signed: false,
                };
                match classify::glued_title_split(&block.text.text) {
                    Some(i) => {
                        let (a, b) = split_text(&block.text, i);
                        out.push(Block {
                            text: a,
                            role: Role::Line,
                            link_bytes: 0,
                            signed: false,
                        });
                        out.push(Block {
                            text: b,
                            role: Role::Line,
                            link_bytes: 0,
                            signed: false,
                        });
                    }
                    None => out.push(block),
                }
            }
        }
        pos = end + 1;
    }
    out
}

/// Splits a text at byte `i` into two tidy texts.
fn split_text(t: &Text, i: usize) -> (Text, Text) {
    let left = t.text[..i].trim_end();
    let mut a = TextBuilder::new();
    let mut b = TextBuilder::new();
    t.map.for_each_piece(0, left.len(), |x, y, s, sl, lin| {
        push_piece(&mut a, &t.text[x..y], s, sl, lin)
    });
    t.map.for_each_piece(i, t.text.len(), |x, y, s, sl, lin| {
        push_piece(&mut b, &t.text[x..y], s, sl, lin)
    });
    let (ta, ma) = a.finish();
    let (tb, mb) = b.finish();
    (Text { text: ta, map: ma }, Text { text: tb, map: mb })
}

pub(crate) fn push_piece(tb: &mut TextBuilder, s: &str, src: usize, sl: usize, linear: bool) {
    if linear {
        tb.push_verbatim(s, src);
    } else {
        tb.push_atomic(s, src, src + sl);
    }
}

#[derive(Clone, Debug)]
struct Classed {
    block: Block,
    class: Class,
    /// whether the block reads like a news lead, computed when first asked
    lead: std::cell::OnceCell<bool>,
}

/// Segments the blocks of a text page into articles.
pub fn segment(blocks: Vec<Block>) -> Vec<Article> {
    let classed = classify_blocks(blocks);
    let mut seg = Segmenter {
        classed: &classed,
        articles: Vec::new(),
        cur: None,
        in_list: false,
    };
    for i in 0..classed.len() {
        seg.step(i);
    }
    seg.close();
    let mut articles = seg.articles;
    if articles.is_empty() {
        articles.extend(short_article(&classed));
    }
    finish_articles(&classed, &mut articles);
    articles
}

/// The blocks with their classes; a title cut short with an ellipsis is still a title when a
/// printed stamp follows it.
fn classify_blocks(blocks: Vec<Block>) -> Vec<Classed> {
    let mut classed: Vec<Classed> = blocks
        .into_iter()
        .map(|b| {
            let class = classify::classify(&b.text.text);
            Classed {
                block: b,
                class,
                lead: std::cell::OnceCell::new(),
            }
        })
        .collect();
    let n = classed.len();
    for i in 0..n {
        if classed[i].class == Class::Teaser {
            let next = (i + 1..n).find(|&j| classed[j].class != Class::Boiler);
            if next.is_some_and(|j| matches!(classed[j].class, Class::Stamp(_))) {
                classed[i].class = Class::Short;
            }
        }
    }
    classed
}

/// The page's address (a line that is nothing but it), the outlet, the date and the index of
/// each article.
fn finish_articles(classed: &[Classed], articles: &mut [Article]) {
    let url = classed.iter().find_map(|c| {
        let t = c.block.text.text.trim();
        let ok = (t.starts_with("http://") || t.starts_with("https://"))
            && !t.contains(char::is_whitespace)
            && t.len() > 12;
        ok.then(|| t.to_string())
    });
    for a in articles.iter_mut() {
        a.url.clone_from(&url);
        a.outlet = a
            .byline
            .as_ref()
            .and_then(|b| b.sources.first().cloned())
            .or_else(|| url.as_deref().and_then(url_host));
    }
    date_articles(articles);
    for (k, a) in articles.iter_mut().enumerate() {
        a.index = k;
    }
}

fn empty_article(title: Option<Text>) -> Article {
    Article {
        index: 0,
        title,
        published: None,
        paragraphs: vec![],
        byline: None,
        outlet: None,
        url: None,
    }
}

fn has_body(a: &Article) -> bool {
    a.paragraphs.iter().any(|p| p.kind == Kind::Body)
}

/// The walk over the classed blocks of a page: the article being read, those done, and
/// whether the walk is inside a list of teasers.
struct Segmenter<'a> {
    classed: &'a [Classed],
    articles: Vec<Article>,
    cur: Option<Article>,
    in_list: bool,
}

impl Segmenter<'_> {
    /// The next block from `from` that is not furniture.
    fn next_content(&self, from: usize) -> Option<usize> {
        (from..self.classed.len())
            .find(|&j| !matches!(self.classed[j].class, Class::Boiler | Class::Stamp(_)))
    }

    /// Body paragraphs that follow a title at `i`, up to the next short line or list, and
    /// whether the first reads like a news lead.
    fn body_run(&self, i: usize) -> (usize, bool) {
        let mut count = 0;
        let mut lead = false;
        for c in &self.classed[i + 1..] {
            match c.class {
                Class::Body => {
                    if count == 0 {
                        lead = *c.lead.get_or_init(|| classify::is_lead(&c.block.text.text));
                    }
                    count += 1;
                }
                Class::Boiler | Class::Stamp(_) | Class::Caption => {}
                _ => break,
            }
        }
        (count, lead)
    }

    /// Ends the article being read (kept when it has a body).
    fn close(&mut self) {
        if let Some(a) = self.cur.take() {
            if has_body(&a) {
                self.articles.push(a);
            }
        }
    }

    fn push(&mut self, c: &Classed, kind: Kind) {
        if let Some(a) = self.cur.as_mut() {
            a.paragraphs.push(Paragraph {
                text: c.block.text.clone(),
                kind,
            });
        }
    }

    /// Reads block `i`.
    fn step(&mut self, i: usize) {
        let c = &self.classed[i];
        match &c.class {
            Class::Boiler => {}
            Class::ListHeader | Class::Doubled => {
                self.close();
                self.in_list = true;
            }
            Class::Stamp(st) => {
                let in_list = self.in_list;
                if let Some(a) = self.cur.as_mut() {
                    if a.published.is_none() && !in_list {
                        a.published = Some((st.clone(), DateSource::Stamp));
                    }
                }
            }
            Class::Caption if !self.in_list => self.push(c, Kind::Caption),
            Class::Caption => {}
            Class::Teaser if self.in_list || self.cur.is_none() => {}
            Class::Short | Class::Teaser => self.short_line(i),
            Class::Body if self.in_list => {
                // list items: only a run of two or more paragraphs with a lead restarts
            }
            Class::Body => {
                self.cur.get_or_insert_with(|| empty_article(None));
                self.push(c, Kind::Body);
            }
        }
    }

    /// A short line: a byline closing the article, a related-article item, a title opening
    /// an article, or a sub-heading of the story.
    fn short_line(&mut self, i: usize) {
        let c = &self.classed[i];
        let at_end = self.next_content(i + 1).is_none_or(|j| {
            matches!(self.classed[j].class, Class::ListHeader | Class::Doubled)
                || (self.classed[j].class == Class::Short && self.body_run(j).0 > 0)
        });
        if let (Some(a), true) = (self.cur.as_mut(), at_end) {
            if let Some(b) = classify::byline(&c.block.text.text) {
                a.byline = Some(make_byline(&c.block.text, b));
                return;
            }
        }
        let (run, lead) = self.body_run(i);
        let next_is_teaser = self
            .next_content(i + 1)
            .is_some_and(|j| self.classed[j].class == Class::Teaser);
        if next_is_teaser && c.class == Class::Short {
            // a related-article item: title then teaser
            self.close();
            self.in_list = true;
            return;
        }
        let has_body = self.cur.as_ref().is_some_and(has_body);
        let starts_article = if self.in_list {
            run >= 2 && lead
        } else if has_body {
            run >= 1 && lead
        } else {
            run >= 1
        };
        if starts_article && c.class == Class::Short {
            self.close();
            self.in_list = false;
            self.cur = Some(empty_article(Some(c.block.text.clone())));
        } else if has_body && !self.in_list {
            // a sub-heading or a truncated line of the story
            self.push(c, Kind::Body);
        }
    }
}

/// The host of an address, without `www.`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.contains('.').then(|| host.to_ascii_lowercase())
}

/// A page that is one short story (a video page: its title, its stamp and a line or two,
/// perhaps read as a caption): the title, the stamp and the lines after it.
fn short_article(classed: &[Classed]) -> Option<Article> {
    let n = classed.len();
    let t = (0..n.min(8)).find(|&i| classed[i].class == Class::Short)?;
    let s = (t + 1..n.min(t + 3)).find(|&j| matches!(classed[j].class, Class::Stamp(_)))?;
    let Class::Stamp(st) = &classed[s].class else {
        return None;
    };
    let mut paragraphs = Vec::new();
    for c in &classed[s + 1..] {
        match c.class {
            Class::Body | Class::Caption | Class::Short | Class::Teaser => {
                if c.block.text.text.split_whitespace().count() >= 4 {
                    paragraphs.push(Paragraph {
                        text: c.block.text.clone(),
                        kind: Kind::Body,
                    });
                }
            }
            Class::Boiler | Class::Stamp(_) => {}
            Class::ListHeader | Class::Doubled => break,
        }
        if paragraphs.len() >= 3 {
            break;
        }
    }
    let sentence = paragraphs
        .iter()
        .any(|p| p.text.text.split_whitespace().count() >= 6);
    sentence.then(|| Article {
        index: 0,
        title: Some(classed[t].block.text.clone()),
        published: Some((st.clone(), DateSource::Stamp)),
        paragraphs,
        byline: None,
        outlet: None,
        url: None,
    })
}

pub(crate) fn make_byline(t: &Text, b: BylineParts) -> Byline {
    Byline {
        author_span: b.author.as_ref().map(|(_, s, e)| t.sub_span(*s, *e)),
        author: b.author.map(|(a, _, _)| a),
        sources: b.sources,
        span: t.span(),
    }
}

/// Fills in publication dates reasoned from the text where no stamp was printed
/// (`pubdate::reason_text`); an article whose text gives no year takes the year of the
/// nearest printed date of the same page, when it puts the day within two months of it.
pub fn date_articles(articles: &mut [Article]) {
    let mut printed: Vec<Option<Stamp>> = articles
        .iter()
        .map(|a| a.published.as_ref().map(|(s, _)| s.clone()))
        .collect();
    let mut reasoned: Vec<Option<(Stamp, pubdate::Evidence)>> = vec![None; articles.len()];
    for k in 0..articles.len() {
        if articles[k].published.is_some() {
            continue;
        }
        let a = &articles[k];
        let mut texts: Vec<&str> = Vec::with_capacity(a.paragraphs.len() + 1);
        if let Some(t) = &a.title {
            texts.push(&t.text);
        }
        texts.extend(a.paragraphs.iter().map(|p| p.text.text.as_str()));
        reasoned[k] = pubdate::reason_text(&texts);
        // a year the text itself gives may help a neighbour
        if let Some((r, _)) = &reasoned[k] {
            if r.year.is_some() {
                printed[k] = Some(r.clone());
            }
        }
    }
    for k in 0..articles.len() {
        if articles[k].published.is_some() {
            continue;
        }
        let Some((mut r, ev)) = reasoned[k].take() else {
            continue;
        };
        let mut from = match ev {
            pubdate::Evidence::Day => DateSource::Text,
            pubdate::Evidence::Weekday => DateSource::Weekday,
            pubdate::Evidence::Lunar => DateSource::Lunar,
        };
        if r.year.is_none() {
            let near = (1..printed.len())
                .flat_map(|d| [k.checked_sub(d), Some(k + d)])
                .flatten()
                .find_map(|j| {
                    printed
                        .get(j)
                        .cloned()
                        .flatten()
                        .filter(|s| s.year.is_some())
                });
            if let Some(n) = near {
                if let Some(y) = pubdate::year_near(&n, r.month, r.day, 62) {
                    r.year = Some(y);
                    from = DateSource::Neighbour;
                }
            }
        }
        articles[k].published = Some((r, from));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn read(s: &str) -> Vec<Article> {
        let d = decode(s.as_bytes(), None).unwrap();
        segment(text_blocks(&d))
    }

    #[test]
    fn one_article_with_title_stamp_caption_and_lists() {
        let page = "Nhỏ Bình thường Lớn\n\nHà Nội mở tuyến buýt điện mới\n\nNgày 3/5, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\n03/05/2024 08:15\nTuyến có 20 xe, chạy 15 phút một chuyến.\nXe buýt điện tại bến. Ảnh: Minh Anh\nTin liên quan\nTin khác Tin khác\n";
        let a = read(page);
        assert_eq!(a.len(), 1);
        assert_eq!(
            a[0].title.as_ref().unwrap().text,
            "Hà Nội mở tuyến buýt điện mới"
        );
        assert_eq!(a[0].published.as_ref().unwrap().0.iso(), "2024-05-03T08:15");
        let kinds: Vec<_> = a[0].paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![Kind::Body, Kind::Body, Kind::Caption]);
    }

    #[test]
    fn two_articles_and_a_related_list() {
        let page = "Mưa lớn gây ngập nhiều tuyến phố\nTối 12/6, mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu.\nNhiều xe chết máy giữa đường.\nNgập lụt kéo dài ở phía nam thành phố\nTheo ghi nhận của phóng viên, sáng 13/6 nước vẫn chưa rút.\nNgười dân phải di chuyển bằng thuyền.\nThời tiết cuối tuần\nNắng nóng quay lại trong hai ngày tới ...\nGiá vàng tăng mạnh\nGiá vàng hôm nay tiếp tục tăng ...\n";
        let a = read(page);
        assert_eq!(a.len(), 2);
        assert_eq!(
            a[1].title.as_ref().unwrap().text,
            "Ngập lụt kéo dài ở phía nam thành phố"
        );
        assert_eq!(a[1].paragraphs.len(), 2);
    }

    #[test]
    fn ellipsis_title_and_short_video_page() {
        let page = "Đội tuyển giành vé vào vòng sau sau trận thắng...\nChủ nhật, 28/1/2024, 17:28 (GMT+7)\nCác cầu thủ ăn mừng trên sân sau tiếng còi kết thúc trận đấu.\n";
        let a = read(page);
        assert_eq!(a.len(), 1);
        assert!(a[0].title.as_ref().unwrap().text.ends_with("..."));
        assert_eq!(
            a[0].published.as_ref().unwrap().0.iso(),
            "2024-01-28T17:28+07:00"
        );
        assert_eq!(a[0].published.as_ref().unwrap().1, DateSource::Stamp);
        let page = "Người dân đổ về chợ phiên cuối năm\nThứ bảy, 10/2/2024, 09:00 (GMT+7)\nKhách chọn mua cây cảnh tại chợ phiên sáng cuối tuần. Video: Minh Hà\n";
        let a = read(page);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].paragraphs.len(), 1);
    }

    #[test]
    fn untitled_article_with_byline() {
        let page = "\"Chúng tôi sẽ tiếp tục hợp tác\", ông Nam cho biết hôm nay tại cuộc họp báo ở Huế.\nHai bên đã ký biên bản ghi nhớ hôm 12/7.\nMinh An (Theo VnExpress, Tuổi Trẻ)\n";
        let a = read(page);
        assert_eq!(a.len(), 1);
        assert!(a[0].title.is_none());
        let b = a[0].byline.as_ref().unwrap();
        assert_eq!(b.author.as_deref(), Some("Minh An"));
        assert_eq!(b.sources, vec!["VnExpress", "Tuổi Trẻ"]);
        assert_eq!(a[0].published.as_ref().unwrap().0.iso(), "XXXX-07-12");
    }
}
