//! Records as JSON lines, one JSON array, or readable Markdown.

use crate::args::OutFormat;
use anyhow::Result;
use bantin::Record;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// Writes records in the format asked; `names` are the run's entity names by id.
pub fn write_records(
    w: &mut dyn Write,
    recs: &[&Record],
    fmt: OutFormat,
    names: &HashMap<&str, &str>,
) -> Result<()> {
    match fmt {
        OutFormat::Jsonl => {
            for r in recs {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")?;
            }
        }
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, recs)?;
            w.write_all(b"\n")?;
        }
        OutFormat::Md => {
            for r in recs {
                write_markdown(w, r, names)?;
            }
        }
    }
    Ok(())
}

/// One record as readable Markdown: the text, then its entities, dates, quotes and events.
fn write_markdown(w: &mut dyn Write, r: &Record, names: &HashMap<&str, &str>) -> Result<()> {
    let local = bantin::labels::names(r);
    let name = |id: &str| -> String {
        names
            .get(id)
            .map(|n| n.to_string())
            .or_else(|| local.get(id).cloned())
            .unwrap_or_else(|| bantin::labels::id_as_name(id))
    };
    write_text(w, r)?;
    write_entities(w, r, &name)?;
    if !r.times.is_empty() {
        writeln!(w, "## Dates\n")?;
        for t in &r.times {
            writeln!(w, "- {} → `{}`", t.text, t.value)?;
        }
        writeln!(w)?;
    }
    if !r.quotes.is_empty() {
        writeln!(w, "## Quotes\n")?;
        for q in &r.quotes {
            let who = q
                .speaker
                .as_ref()
                .map_or("unknown speaker".to_string(), |s| name(&s.id));
            writeln!(w, "- **{who}:** “{}”", q.text)?;
        }
        writeln!(w)?;
    }
    write_events(w, r, &name)?;
    writeln!(w, "---\n")?;
    Ok(())
}

/// The title, the line of outlet, date and source, the address and byline, the paragraphs.
fn write_text(w: &mut dyn Write, r: &Record) -> Result<()> {
    let title = r.title.as_ref().map_or("(no title)", |t| t.text.as_str());
    writeln!(w, "# {title}\n")?;
    let who = bantin::labels::outlet(r.outlet.as_deref(), r.url.as_deref(), &r.source);
    let published = match r.published.as_deref() {
        Some(p) => format!(
            "published {} ({})",
            bantin::labels::date_en(p),
            bantin::labels::date_source_en(r.published_from)
        ),
        None => "publication date unknown".to_string(),
    };
    writeln!(w, "*{who} · {published} · `{}#{}`*\n", r.source, r.index)?;
    if let Some(u) = &r.url {
        writeln!(w, "<{u}>\n")?;
    }
    if let Some(b) = &r.byline {
        writeln!(
            w,
            "*{}{}*\n",
            b.author.as_deref().unwrap_or(""),
            if b.sources.is_empty() {
                String::new()
            } else {
                format!(" (theo {})", b.sources.join(", "))
            }
        )?;
    }
    for p in &r.paragraphs {
        match p.kind {
            bantin::Kind::Caption => writeln!(w, "> {}\n", p.text)?,
            _ => writeln!(w, "{}\n", p.text)?,
        }
    }
    Ok(())
}

/// Entities by type: full name, then the spellings used here with their counts.
fn write_entities(w: &mut dyn Write, r: &Record, name: &dyn Fn(&str) -> String) -> Result<()> {
    let mut by: BTreeMap<(&str, &str), BTreeMap<&str, usize>> = Default::default();
    // a name that only credits a photo is no person of the article
    for e in r.entities.iter().filter(|e| !bantin::photo_credit(r, e)) {
        *by.entry((e.ty.as_str(), e.id.as_str()))
            .or_default()
            .entry(e.text.as_str())
            .or_default() += 1;
    }
    if by.is_empty() {
        return Ok(());
    }
    writeln!(w, "## Entities\n")?;
    for (ty, label) in [
        ("PER", "People"),
        ("ORG", "Organisations"),
        ("LOC", "Places"),
        ("MISC", "Other"),
    ] {
        let row: Vec<String> = by
            .iter()
            .filter(|((t, _), _)| *t == ty)
            .map(|((_, id), vars)| {
                let v: Vec<String> = vars.iter().map(|(s, c)| format!("{s} ×{c}")).collect();
                format!("{} ({})", name(id), v.join(", "))
            })
            .collect();
        if !row.is_empty() {
            writeln!(w, "- **{label}:** {}", row.join("; "))?;
        }
    }
    writeln!(w)?;
    Ok(())
}

/// The events as sentences, with their type, CAMEO code and date.
fn write_events(w: &mut dyn Write, r: &Record, name: &dyn Fn(&str) -> String) -> Result<()> {
    if r.events.is_empty() {
        return Ok(());
    }
    writeln!(w, "## Events\n")?;
    for e in &r.events {
        let code = if e.cameo.is_empty() {
            String::new()
        } else {
            format!(", CAMEO {}", e.cameo)
        };
        writeln!(
            w,
            "- {} ({:?}{code}; {})",
            bantin::labels::event_sentence(e, name),
            e.ty,
            if e.date.is_empty() {
                "date unknown".to_string()
            } else {
                bantin::labels::date_en(&e.date)
            }
        )?;
    }
    writeln!(w)?;
    Ok(())
}
