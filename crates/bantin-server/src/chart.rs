//! The chart of the home page: every story drawn over time, one row each.

use crate::web::story_title;
use bantin_store::StoryInfo;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use std::collections::HashMap;
use std::fmt::Write;

/// Day number of a date's first ten characters (`2023-07-26`), `None` when the year is
/// unknown.
fn day(d: &str) -> Option<f64> {
    let mut it = d.get(..10)?.split('-');
    let y: f64 = it.next()?.parse().ok()?;
    let m: f64 = it.next()?.parse().ok()?;
    let dd: f64 = it.next()?.parse().ok()?;
    Some(y * 365.25 + (m - 1.0) * 30.44 + dd)
}

/// Month and day of a yearless date (`XXXX-11-05`) as a day of a year.
fn yearless_day(d: &str) -> Option<f64> {
    let rest = d.strip_prefix("XXXX-")?;
    let mut it = rest.get(..5)?.split('-');
    let m: f64 = it.next()?.parse().ok()?;
    let dd: f64 = it.next()?.parse().ok()?;
    Some((m - 1.0) * 30.44 + dd)
}

/// When a story was reported: days of dated reports, days of a year when the year is
/// unknown, or no date at all.
enum Span {
    Dated(f64, f64),
    Yearless(f64, f64),
    None,
}

impl Span {
    fn of(s: &StoryInfo) -> Span {
        let (a, b) = (s.first.as_deref(), s.last.as_deref());
        match (a.and_then(day), b.and_then(day)) {
            (Some(x), Some(y)) => Span::Dated(x, y),
            (Some(x), None) => Span::Dated(x, x),
            _ => match (a.and_then(yearless_day), b.and_then(yearless_day)) {
                (Some(x), Some(y)) => Span::Yearless(x.min(y), x.max(y)),
                (Some(x), None) | (None, Some(x)) => Span::Yearless(x, x),
                _ => Span::None,
            },
        }
    }

    fn dated(&self) -> bool {
        matches!(self, Span::Dated(..))
    }
}

/// Width, left margin (titles), right margin and row height of the chart.
const W: f64 = 1000.0;
const LEFT: f64 = 300.0;
const RIGHT: f64 = 20.0;
const ROW: f64 = 22.0;

/// The scale of dated rows: the first and last day reported.
struct Scale {
    lo: f64,
    hi: f64,
}

/// The position of a day between `lo` and `hi` on the chart.
fn x(d: f64, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        LEFT + (d - lo) / (hi - lo) * (W - LEFT - RIGHT)
    } else {
        LEFT
    }
}

/// Every story drawn over time, one row each, in the order of the list below it: a bar
/// from first to last report; stories whose year is unknown on their own rows under the
/// dated ones, placed by day and month and marked; stories with no date at all listed.
pub(crate) fn stories_chart(
    out: &mut String,
    stories: &[StoryInfo],
    titles: &HashMap<&str, String>,
) {
    if stories.is_empty() {
        return;
    }
    let spans: Vec<Span> = stories.iter().map(Span::of).collect();
    let dated: Vec<(f64, f64)> = spans
        .iter()
        .filter_map(|s| match s {
            Span::Dated(a, b) => Some((*a, *b)),
            _ => None,
        })
        .collect();
    let scale = Scale {
        lo: dated.iter().map(|b| b.0).fold(f64::MAX, f64::min),
        hi: dated.iter().map(|b| b.1).fold(f64::MIN, f64::max),
    };
    let n_yearless = spans.iter().filter(|s| !s.dated()).count();
    let gap = if n_yearless > 0 && !dated.is_empty() {
        26.0
    } else {
        0.0
    };
    let h = ROW * stories.len() as f64 + gap + 24.0;
    let _ = write!(
        out,
        "<svg class=\"stories-chart\" role=\"img\" aria-label=\"Các câu chuyện theo thời gian\" viewBox=\"0 0 {W} {h}\" width=\"100%\">"
    );
    // dated rows first, then yearless and undated ones, each group in list order
    let order: Vec<usize> = (0..stories.len())
        .filter(|&i| spans[i].dated())
        .chain((0..stories.len()).filter(|&i| !spans[i].dated()))
        .collect();
    let mut y = 20.0;
    let mut separated = false;
    for &i in &order {
        if !separated && !spans[i].dated() {
            separated = true;
            if gap > 0.0 {
                let _ = write!(
                    out,
                    "<line class=\"sep\" x1=\"0\" x2=\"{W}\" y1=\"{0}\" y2=\"{0}\"/>\
                     <text class=\"nodate\" x=\"{LEFT}\" y=\"{1}\">Không rõ năm: xếp theo ngày và tháng</text>",
                    y + 4.0,
                    y + 18.0
                );
                y += gap;
            }
        }
        story_row(out, &stories[i], &spans[i], &scale, titles, y);
        y += ROW;
    }
    if !dated.is_empty() {
        axis(out, stories);
    }
    out.push_str("</svg>\n");
}

/// One story's row at height `y`: its title, linked, and its bar.
fn story_row(
    out: &mut String,
    st: &StoryInfo,
    span: &Span,
    scale: &Scale,
    titles: &HashMap<&str, String>,
    y: f64,
) {
    let title = titles
        .get(st.id.as_str())
        .cloned()
        .unwrap_or_else(|| story_title(st));
    let dates = match (st.first.as_deref(), st.last.as_deref()) {
        (Some(a), Some(b)) => bantin::report::date_range(a, b),
        _ => "không rõ ngày".to_string(),
    };
    let (lo, hi) = (scale.lo, scale.hi);
    let (bar, mark) = match *span {
        Span::Dated(a, b) => (Some((x(a, lo, hi), x(b, lo, hi), "#0b5cad")), ""),
        Span::Yearless(a, b) => (
            Some((x(a, 1.0, 366.0), x(b, 1.0, 366.0), "#b7950b")),
            " (không rõ năm)",
        ),
        Span::None => (None, " (không rõ ngày)"),
    };
    let _ = write!(
        out,
        "<a class=\"row\" href=\"/stories/{}\"><text x=\"4\" y=\"{}\">{}{}</text>",
        attr(&st.id),
        y + 13.0,
        esc(&bantin::text::shorten(
            &title,
            if mark.is_empty() { 44 } else { 30 }
        )),
        mark
    );
    if let Some((x0, x1, colour)) = bar {
        let _ = write!(
            out,
            "<rect x=\"{x0:.1}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" rx=\"4\" fill=\"{colour}\" fill-opacity=\"0.75\">\
             <title>{} · {} bài · {}</title></rect>",
            (x1 - x0).max(8.0),
            ROW - 8.0,
            esc(&title),
            st.articles,
            esc(&dates)
        );
    }
    out.push_str("</a>");
}

/// The first and last dated day, at the two ends of the chart's top.
fn axis(out: &mut String, stories: &[StoryInfo]) {
    let axis = 12.0;
    let first = stories
        .iter()
        .filter_map(|s| s.first.as_deref())
        .filter(|d| day(d).is_some())
        .min();
    let last = stories
        .iter()
        .filter_map(|s| s.last.as_deref())
        .filter(|d| day(d).is_some())
        .max();
    let label = |d: Option<&str>| {
        d.map(|d| bantin::labels::date_vi(&d[..10.min(d.len())]))
            .unwrap_or_default()
    };
    let _ = write!(
        out,
        "<text class=\"nodate\" x=\"{LEFT}\" y=\"{axis}\">{}</text><text class=\"nodate\" x=\"{}\" y=\"{axis}\" text-anchor=\"end\">{}</text>",
        esc(&label(first)),
        W - RIGHT,
        esc(&label(last))
    );
}
