//! The digest as a report: one self-contained HTML file (styles and the timeline chart
//! inline, no script, nothing fetched) or Markdown. Every summary sentence, timeline line
//! and quote links to the paragraph it comes from, and the articles are included (each copy
//! once) so those links work offline.

use super::{Cite, Digest, Grouping, Story, TimelineEntry, Topic};
use crate::entities::EntityType;
use crate::record::Record;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// The report's style sheet (also used by the web pages).
pub const STYLE: &str = "
body{font:16px/1.55 system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#1d2430;background:#fff}
h1{font-size:1.8rem;margin:.5rem 0}h2{font-size:1.35rem;margin-top:2.2rem;border-top:2px solid #dde3ea;padding-top:1rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
.meta{color:#5b6775;font-size:.9rem}.summary{background:#f4f7fa;border-left:4px solid #0b5cad;padding:.6rem 1rem}
sup a{font-size:.75rem;margin-left:1px}table{border-collapse:collapse;width:100%}
td{vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eef1f4}td.date{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}
.chip{display:inline-block;background:#eef3f8;border-radius:1rem;padding:.05rem .6rem;margin:.15rem;font-size:.9rem}
.chip small{color:#5b6775}.quote{margin:.3rem 0 .3rem 1rem;font-style:italic}
.article{border-top:1px solid #dde3ea;margin-top:1.5rem}.article p.caption{color:#5b6775;font-size:.9rem}
.article p:target,.article:target{background:#fff6d6}.repeat{color:#8a94a0;font-size:.85rem}
svg text{font:11px system-ui,sans-serif;fill:#1d2430}svg .axis{stroke:#9aa5b1}svg .lane{stroke:#eef1f4}
";

const COLOURS: [&str; 8] = [
    "#0b5cad", "#c0392b", "#16a085", "#8e44ad", "#d35400", "#2c3e50", "#27ae60", "#b7950b",
];

/// Where the report's links point: the anchor of every article.
struct Anchors {
    by_ref: FxHashMap<String, usize>,
    labels: FxHashMap<String, String>,
    stories: FxHashMap<String, String>,
}

impl Anchors {
    fn new(records: &[Record]) -> Anchors {
        Anchors {
            by_ref: records
                .iter()
                .enumerate()
                .map(|(i, r)| (super::article_ref(r), i))
                .collect(),
            labels: records
                .iter()
                .map(|r| (super::article_ref(r), crate::display::record_label(r)))
                .collect(),
            stories: FxHashMap::default(),
        }
    }
    /// How a reader names an article: its outlet (or file name) and date.
    fn label(&self, r: &str) -> String {
        self.labels.get(r).cloned().unwrap_or_else(|| {
            let (src, _) = r.rsplit_once('#').unwrap_or((r, ""));
            crate::display::file_name(src).to_string()
        })
    }
    fn labels(&self, refs: &[String]) -> String {
        refs.iter()
            .map(|r| self.label(r))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn story_title(&self, id: &str) -> String {
        self.stories
            .get(id)
            .cloned()
            .unwrap_or_else(|| "câu chuyện".to_string())
    }
    fn article(&self, r: &str) -> String {
        self.by_ref
            .get(r)
            .map_or_else(String::new, |i| format!("#a{i}"))
    }
    fn paragraph(&self, c: &Cite) -> String {
        self.by_ref
            .get(&c.article)
            .map_or_else(String::new, |i| format!("#a{i}-p{}", c.paragraph))
    }
}

/// A date as a reader sees it, Vietnamese style (`2023-07-26` → "26/7/2023",
/// `XXXX-11-05` → "5/11 (không rõ năm)", `XXXX-06` → "tháng 6 (không rõ năm)"); see
/// [`crate::display::date_vi`].
pub fn date_label(v: &str) -> String {
    crate::display::date_vi(v)
}

/// The day number of a TimeML day or month (a month counts as its 15th), as the chart's
/// x coordinate.
fn day_number(v: &str) -> Option<f64> {
    let mut it = v.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next().map_or(Some(15), |d| d.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(crate::days::from_civil(y, m, d) as f64)
}

/// The geometry of the timeline chart.
struct Chart<'a> {
    lo: f64,
    hi: f64,
    lanes: Vec<&'a str>,
}

impl Chart<'_> {
    const W: f64 = 1000.0;
    const LEFT: f64 = 150.0;
    const RIGHT: f64 = 30.0;
    const LANE_H: f64 = 34.0;
    const TOP: f64 = 24.0;

    fn x(&self, d: f64) -> f64 {
        if self.hi > self.lo {
            Self::LEFT + (d - self.lo) / (self.hi - self.lo) * (Self::W - Self::LEFT - Self::RIGHT)
        } else {
            (Self::LEFT + Self::W - Self::RIGHT) / 2.0
        }
    }

    fn lane_y(&self, i: usize) -> f64 {
        Self::TOP + Self::LANE_H * (i as f64 + 0.5)
    }

    fn axis_y(&self) -> f64 {
        Self::TOP + Self::LANE_H * self.lanes.len() as f64 + 6.0
    }

    /// The lanes with their story titles.
    fn lanes(&self, out: &mut String, stories: &[(&str, &str)]) {
        let (left, w, right) = (Self::LEFT, Self::W, Self::RIGHT);
        for (i, (id, title)) in stories.iter().enumerate() {
            let y = self.lane_y(i);
            let _ = write!(
                out,
                "<line class=\"lane\" x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
                 <a href=\"#{}\"><text x=\"4\" y=\"{}\" fill=\"{}\">{}</text></a>",
                w - right,
                attr(id),
                y + 4.0,
                COLOURS[i % COLOURS.len()],
                esc(&super::shorten(title, 22))
            );
        }
    }

    /// The axis, a tick a year (for a dated axis) and the first and last dates.
    fn axis(&self, out: &mut String, yearless: bool, first: &str, last: &str) {
        let (left, w, right) = (Self::LEFT, Self::W, Self::RIGHT);
        let axis_y = self.axis_y();
        let _ = write!(
            out,
            "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>",
            w - right
        );
        let (y0, _, _) = crate::days::to_civil(self.lo as i64);
        let (y1, _, _) = crate::days::to_civil(self.hi as i64);
        if y1 - y0 <= 30 && !yearless {
            for y in y0..=y1 + 1 {
                let d = crate::days::from_civil(y, 1, 1) as f64;
                if d >= self.lo && d <= self.hi {
                    let _ = write!(
                        out,
                        "<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\
                         <text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{y}</text>",
                        self.x(d),
                        axis_y - 4.0,
                        axis_y + 4.0,
                        axis_y + 18.0
                    );
                }
            }
        }
        let _ = write!(
            out,
            "<text x=\"{left}\" y=\"{0}\">{1}</text><text x=\"{2}\" y=\"{0}\" text-anchor=\"end\">{3}</text>",
            axis_y + 32.0,
            esc(&date_label(first)),
            w - right,
            esc(&date_label(last))
        );
    }
}

/// The timeline drawn as an SVG chart: one lane per story (`(id, title)`), a dot per date
/// sized by its score, each linking where `link` says its paragraph is.
pub fn chart(
    out: &mut String,
    entries: &[TimelineEntry],
    stories: &[(&str, &str)],
    link: &dyn Fn(&Cite) -> String,
) {
    let mut points: Vec<(f64, &TimelineEntry)> = entries
        .iter()
        .filter_map(|e| day_number(&e.date).map(|d| (d, e)))
        .collect();
    // a timeline without any year is drawn by day and month
    let yearless = points.is_empty();
    if yearless {
        points = entries
            .iter()
            .filter_map(|e| {
                let rest = e.date.strip_prefix("XXXX-")?;
                day_number(&format!("2000-{rest}")).map(|d| (d, e))
            })
            .collect();
    }
    if points.is_empty() {
        return;
    }
    let c = Chart {
        lo: points.iter().map(|p| p.0).fold(f64::MAX, f64::min),
        hi: points.iter().map(|p| p.0).fold(f64::MIN, f64::max),
        lanes: stories.iter().map(|s| s.0).collect(),
    };
    let h = Chart::TOP + Chart::LANE_H * c.lanes.len() as f64 + 40.0;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"Dòng thời gian\" viewBox=\"0 0 {} {h}\" width=\"100%\">",
        Chart::W
    );
    c.lanes(out, stories);
    c.axis(
        out,
        yearless,
        &points[0].1.date,
        &points[points.len() - 1].1.date,
    );
    // a story whose dates have no year gets no dot on a dated axis: its lane says so
    for (i, id) in c.lanes.iter().enumerate() {
        if !points.iter().any(|(_, e)| e.story == *id) {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"#8a94a0\">(không rõ năm)</text>",
                Chart::LEFT + 6.0,
                c.lane_y(i) + 4.0
            );
        }
    }
    for (d, e) in &points {
        let lane = c.lanes.iter().position(|l| *l == e.story).unwrap_or(0);
        let r = 4.0 + e.score.min(6.0);
        let _ = write!(
            out,
            "<a href=\"{}\"><circle cx=\"{:.1}\" cy=\"{}\" r=\"{r:.1}\" fill=\"{}\" fill-opacity=\"0.8\">\
             <title>{}: {}</title></circle></a>",
            attr(&link(&e.source)),
            c.x(*d),
            c.lane_y(lane),
            COLOURS[lane % COLOURS.len()],
            esc(&date_label(&e.date)),
            esc(&e.text)
        );
    }
    out.push_str("</svg>\n");
}

/// A summary as a paragraph, each sentence followed by a numbered link to its source
/// paragraph (where `link` says it is).
pub fn summary_html(
    out: &mut String,
    sentences: &[(String, Cite)],
    link: &dyn Fn(&Cite) -> String,
) {
    if sentences.is_empty() {
        return;
    }
    out.push_str("<p class=\"summary\">");
    for (i, (s, c)) in sentences.iter().enumerate() {
        let _ = write!(
            out,
            "{}<sup><a href=\"{}\">[{}]</a></sup> ",
            esc(s),
            attr(&link(c)),
            i + 1
        );
    }
    out.push_str("</p>\n");
}

fn timeline_html(out: &mut String, entries: &[TimelineEntry], a: &Anchors) {
    if entries.is_empty() {
        return;
    }
    out.push_str("<table class=\"timeline\">\n");
    for e in entries {
        let _ = write!(
            out,
            "<tr><td class=\"date\">{}</td><td><a href=\"{}\">{}</a><br><span class=\"meta\">",
            esc(&date_label(&e.date)),
            attr(&a.paragraph(&e.source)),
            esc(&e.text)
        );
        for (i, r) in e.articles.iter().enumerate() {
            let _ = write!(
                out,
                "{}<a href=\"{}\">{}</a>",
                if i > 0 { " · " } else { "" },
                attr(&a.article(r)),
                esc(&a.label(r))
            );
        }
        out.push_str("</span></td></tr>\n");
    }
    out.push_str("</table>\n");
}

/// Quotes by speaker, each with a link to its source paragraph.
pub fn quotes_html(
    out: &mut String,
    quotes: &[super::SpeakerQuotes],
    link: &dyn Fn(&Cite) -> String,
) {
    for sq in quotes {
        let _ = write!(out, "<p><b>{}</b></p>", esc(&sq.name));
        for (q, c) in &sq.quotes {
            let _ = write!(
                out,
                "<p class=\"quote\">“{}” <a href=\"{}\">¶</a></p>",
                esc(q),
                attr(&link(c))
            );
        }
    }
}

fn type_label(t: EntityType) -> &'static str {
    match t {
        EntityType::PER => "Nhân vật",
        EntityType::ORG => "Tổ chức",
        EntityType::LOC => "Địa danh",
        EntityType::MISC => "Khác",
    }
}

fn story_html(out: &mut String, s: &Story, a: &Anchors) {
    let _ = write!(
        out,
        "<section id=\"{}\"><h2>{}</h2>\n<p class=\"meta\">{} bài",
        attr(&s.id),
        esc(&s.title),
        s.articles.len()
    );
    if let Some((from, to)) = &s.dates {
        let _ = write!(out, " · {}", esc(&date_range(from, to)));
    }
    out.push_str("</p>\n");
    summary_html(out, &s.summary_sources, &|c| a.paragraph(c));
    if !s.timeline.is_empty() {
        out.push_str("<h3>Dòng thời gian</h3>\n");
        timeline_html(out, &s.timeline, a);
    }
    for ty in [EntityType::PER, EntityType::ORG, EntityType::LOC] {
        let ents: Vec<_> = s.entities.iter().filter(|e| e.ty == ty).collect();
        if ents.is_empty() {
            continue;
        }
        let _ = write!(out, "<h3>{}</h3><p>", type_label(ty));
        for e in ents.iter().take(30) {
            let vars = e
                .variants
                .iter()
                .map(|(v, c)| format!("{v} ×{c}"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = write!(
                out,
                "<span class=\"chip\" title=\"{}\">{} <small>{}</small></span>",
                attr(&vars),
                esc(&e.name),
                esc(&vars)
            );
        }
        out.push_str("</p>\n");
    }
    if !s.quotes.is_empty() {
        out.push_str("<h3>Trích dẫn</h3>\n");
        quotes_html(out, &s.quotes, &|c| a.paragraph(c));
    }
    out.push_str("<h3>Bài viết</h3><ul>\n");
    for r in &s.reports {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">{}</span>",
            attr(&a.article(&r.article)),
            esc(r.title.as_deref().unwrap_or("(không tiêu đề)")),
            esc(&a.label(&r.article))
        );
        if !r.also_reported_by.is_empty() {
            let _ = write!(
                out,
                "<br><span class=\"meta\">Cũng đưa tin: {}</span>",
                esc(&a.labels(&r.also_reported_by))
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul></section>\n");
}

fn topic_html(out: &mut String, t: &Topic, stories: &[&Story], a: &Anchors, main: bool) {
    if let [only] = stories {
        // a topic of one story is that story: its summary and timeline are shown once
        let lanes = [(only.id.as_str(), only.title.as_str())];
        let _ = write!(out, "<section id=\"{}\">", attr(&t.id));
        if main {
            let _ = write!(out, "<h1>{}</h1>", esc(&only.title));
        }
        chart(out, &only.timeline, &lanes, &|c| a.paragraph(c));
        out.push_str("</section>\n");
        story_html(out, only, a);
        return;
    }
    let _ = write!(
        out,
        "<section id=\"{}\">{}{}{}",
        attr(&t.id),
        if main { "<h1>" } else { "<h2>" },
        esc(&t.title),
        if main { "</h1>" } else { "</h2>" }
    );
    let n: usize = stories.iter().map(|s| s.articles.len()).sum();
    let _ = writeln!(
        out,
        "<p class=\"meta\">Chủ đề · {} câu chuyện · {} bài</p>",
        stories.len(),
        n
    );
    summary_html(out, &t.summary_sources, &|c| a.paragraph(c));
    let lanes: Vec<(&str, &str)> = stories
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    chart(out, &t.timeline, &lanes, &|c| a.paragraph(c));
    if !t.timeline.is_empty() {
        out.push_str("<h3>Dòng thời gian của chủ đề</h3>\n");
        timeline_html(out, &t.timeline, a);
    }
    out.push_str("</section>\n");
    for s in stories {
        story_html(out, s, a);
    }
}

/// The report as one self-contained HTML page.
pub fn html(d: &Digest, records: &[Record], g: &Grouping) -> String {
    let mut a = Anchors::new(records);
    a.stories = d
        .stories
        .iter()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    let mut out = String::with_capacity(64 * 1024);
    let title = d.topic.as_ref().map_or("bantin", |t| t.title.as_str());
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        esc(title)
    );
    if d.topics.len() > 1 {
        out.push_str("<nav class=\"meta\">Chủ đề: ");
        for (i, t) in d.topics.iter().enumerate() {
            let _ = write!(
                out,
                "{}<a href=\"#{}\">{}</a>",
                if i > 0 { " · " } else { "" },
                attr(&t.id),
                esc(&t.title)
            );
        }
        out.push_str("</nav>\n");
    }
    let by_id: FxHashMap<&str, &Story> = d.stories.iter().map(|s| (s.id.as_str(), s)).collect();
    for (i, t) in d.topics.iter().enumerate() {
        let stories: Vec<&Story> = t
            .stories
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect();
        topic_html(&mut out, t, &stories, &a, i == 0);
    }
    articles_html(&mut out, d, records, g, &a);
    out.push_str("<p class=\"meta\">Tạo bởi bantin.</p></body></html>\n");
    out
}

/// The articles of the digest (copies named, not repeated), each paragraph anchored and
/// spanned; a paragraph repeated from another article links to it.
fn articles_html(out: &mut String, d: &Digest, records: &[Record], g: &Grouping, a: &Anchors) {
    out.push_str("<h2 id=\"articles\">Các bài viết</h2>\n");
    let repeated: FxHashMap<(String, usize), &Cite> = d
        .stories
        .iter()
        .flat_map(|s| s.reports.iter())
        .flat_map(|r| {
            r.repeated_paragraphs
                .iter()
                .map(move |(p, c)| ((r.article.clone(), *p), c))
        })
        .collect();
    let mut copies_of: FxHashMap<usize, Vec<String>> = FxHashMap::default();
    for (b, &c) in g.copy_of.iter().enumerate() {
        if b != c {
            copies_of
                .entry(c)
                .or_default()
                .push(super::article_ref(&records[b]));
        }
    }
    for (i, r) in records.iter().enumerate() {
        if g.copy_of[i] != i {
            continue;
        }
        let me = super::article_ref(r);
        let _ = writeln!(
            out,
            "<article class=\"article\" id=\"a{i}\"><h3>{}</h3><p class=\"meta\">{} · Câu chuyện: <a href=\"#{}\">{}</a></p>",
            esc(r.title.as_ref().map_or("(không tiêu đề)", |t| t.text.as_str())),
            esc(&a.label(&me)),
            attr(&super::story_id(g.story[i])),
            esc(&super::shorten(&a.story_title(&super::story_id(g.story[i])), 80))
        );
        if let Some(copies) = copies_of.get(&i) {
            let _ = writeln!(
                out,
                "<p class=\"meta\">Cũng đưa tin: {}</p>",
                esc(&a.labels(copies))
            );
        }
        for (k, p) in r.paragraphs.iter().enumerate() {
            if let Some(c) = repeated.get(&(me.clone(), k)) {
                let _ = writeln!(
                    out,
                    "<p id=\"a{i}-p{k}\" class=\"repeat\">(đoạn lặp lại <a href=\"{}\">¶</a>)</p>",
                    attr(&a.paragraph(c))
                );
                continue;
            }
            let class = if p.kind == crate::page::Kind::Caption {
                " class=\"caption\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<p id=\"a{i}-p{k}\"{class} title=\"bytes {}–{}\">{}</p>",
                p.span[0],
                p.span[1],
                esc(&p.text)
            );
        }
        out.push_str("</article>\n");
    }
}

/// "28/1/2024 → 30/1/2024", or one date when both ends are the same day.
pub fn date_range(from: &str, to: &str) -> String {
    let (a, b) = (date_label(from), date_label(to));
    if a == b {
        a
    } else {
        format!("{a} → {b}")
    }
}

/// An article reference as the Markdown report cites it: the file's name, never its path.
fn md_ref(r: &str) -> String {
    let (src, idx) = r.rsplit_once('#').unwrap_or((r, ""));
    let name = crate::display::file_name(src);
    if idx.is_empty() {
        name.to_string()
    } else {
        format!("{name}#{idx}")
    }
}

fn md_cite(c: &Cite) -> String {
    format!("[{} ¶{}]", md_ref(&c.article), c.paragraph + 1)
}

/// The report as Markdown: the same content, citations as `[file#index ¶n]`.
pub fn markdown(d: &Digest) -> String {
    let mut out = String::new();
    let by_id: FxHashMap<&str, &Story> = d.stories.iter().map(|s| (s.id.as_str(), s)).collect();
    let refs = |v: &[String]| v.iter().map(|r| md_ref(r)).collect::<Vec<_>>().join(", ");
    for t in &d.topics {
        let stories: Vec<&Story> = t
            .stories
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect();
        // a topic of one story is that story: shown once
        let single = stories.len() == 1;
        if !single {
            let _ = writeln!(out, "# {}\n", t.title);
            for (s, c) in &t.summary_sources {
                let _ = write!(out, "{s} {} ", md_cite(c));
            }
            out.push_str("\n\n## Dòng thời gian\n\n");
            for e in &t.timeline {
                let _ = writeln!(
                    out,
                    "- **{}** — {} {} ({})",
                    date_label(&e.date),
                    e.text,
                    md_cite(&e.source),
                    refs(&e.articles)
                );
            }
        }
        for s in stories {
            let _ = writeln!(out, "\n{} {}\n", if single { "#" } else { "##" }, s.title);
            if let Some((a, b)) = &s.dates {
                let _ = writeln!(out, "{} bài, {}\n", s.articles.len(), date_range(a, b));
            }
            for (x, c) in &s.summary_sources {
                let _ = write!(out, "{x} {} ", md_cite(c));
            }
            out.push('\n');
            if !s.timeline.is_empty() {
                out.push_str("\n### Dòng thời gian\n\n");
                for e in &s.timeline {
                    let _ = writeln!(
                        out,
                        "- **{}** — {} {}",
                        date_label(&e.date),
                        e.text,
                        md_cite(&e.source)
                    );
                }
            }
            for ty in [EntityType::PER, EntityType::ORG, EntityType::LOC] {
                let ents: Vec<String> = s
                    .entities
                    .iter()
                    .filter(|e| e.ty == ty)
                    .take(30)
                    .map(|e| {
                        let v: Vec<&str> = e.variants.iter().map(|v| v.0.as_str()).collect();
                        format!("{} ({})", e.name, v.join(", "))
                    })
                    .collect();
                if !ents.is_empty() {
                    let _ = writeln!(out, "\n**{}:** {}", type_label(ty), ents.join("; "));
                }
            }
            if !s.quotes.is_empty() {
                out.push_str("\n### Trích dẫn\n");
                for sq in &s.quotes {
                    let _ = writeln!(out, "\n**{}**\n", sq.name);
                    for (q, c) in &sq.quotes {
                        let _ = writeln!(out, "> “{q}” {}", md_cite(c));
                    }
                }
            }
            out.push_str("\n### Bài viết\n\n");
            for r in &s.reports {
                let _ = write!(
                    out,
                    "- {} — {}{}",
                    r.title.as_deref().unwrap_or("(không tiêu đề)"),
                    md_ref(&r.article),
                    r.published
                        .as_deref()
                        .map(|p| format!(", {}", date_label(p)))
                        .unwrap_or_default()
                );
                if !r.also_reported_by.is_empty() {
                    let _ = write!(out, " (cũng đưa tin: {})", refs(&r.also_reported_by));
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}
