//! `bantin entities`: the run's entities as a table, CSV or JSON lines.

use crate::args::{EntitiesArgs, TableFormat};
use crate::run::{run, sink};
use anyhow::Result;
use bantin::{Entity, Record};
use std::io::Write;
use std::process::ExitCode;

/// Lists the entities of the pages, the most cited first.
pub fn entities(args: EntitiesArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let mut out = sink(&args.output)?;
    let mut ents: Vec<&Entity> = run.entities.iter().collect();
    ents.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(mentions(b).cmp(&mentions(a)))
            .then(a.id.cmp(&b.id))
    });
    let rows = Rows {
        ents,
        records: &run.records,
    };
    match args.format {
        TableFormat::Jsonl => rows.jsonl(&mut out)?,
        TableFormat::Csv => rows.csv(&mut out)?,
        TableFormat::Table => rows.table(&mut out)?,
    }
    out.flush()?;
    Ok(run.exit_code())
}

/// How often an entity is named, all spellings together.
fn mentions(e: &Entity) -> usize {
    e.variants.iter().map(|v| v.1).sum()
}

/// The spellings of an entity with their counts.
fn variants(e: &Entity) -> String {
    e.variants
        .iter()
        .map(|(v, c)| format!("{v} ×{c}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The entities in order, and the records they point into.
struct Rows<'a> {
    ents: Vec<&'a Entity>,
    records: &'a [Record],
}

impl Rows<'_> {
    /// The first and last publication dates of the articles naming an entity.
    fn dates(&self, e: &Entity) -> (Option<String>, Option<String>) {
        let mut d: Vec<&str> = e
            .articles
            .iter()
            .filter_map(|&a| self.records.get(a).and_then(|r| r.published.as_deref()))
            .collect();
        // yearless dates sort after every dated one
        d.sort_by_key(|x| bantin::labels::date_key(x));
        (
            d.first().map(|s| s.to_string()),
            d.last().map(|s| s.to_string()),
        )
    }

    fn jsonl(&self, out: &mut dyn Write) -> Result<()> {
        for e in &self.ents {
            let (first, last) = self.dates(e);
            let row = serde_json::json!({
                "id": e.id, "name": e.name, "type": e.ty, "variants": e.variants.iter().map(|(v, c)| serde_json::json!({"text": v, "count": c})).collect::<Vec<_>>(),
                "articles": e.articles.len(), "first": first, "last": last,
            });
            serde_json::to_writer(&mut *out, &row)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn csv(&self, out: &mut dyn Write) -> Result<()> {
        writeln!(out, "id,name,type,variants,articles,first,last")?;
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        for e in &self.ents {
            let (first, last) = self.dates(e);
            writeln!(
                out,
                "{},{},{},{},{},{},{}",
                q(&e.id),
                q(&e.name),
                e.ty.as_str(),
                q(&variants(e)),
                e.articles.len(),
                first.unwrap_or_default(),
                last.unwrap_or_default()
            )?;
        }
        Ok(())
    }

    /// Columns as wide as their widest cell (in characters), so dates with times and long
    /// names stay aligned; the spellings last.
    fn table(&self, out: &mut dyn Write) -> Result<()> {
        let rows: Vec<[String; 6]> = self
            .ents
            .iter()
            .map(|e| {
                let (first, last) = self.dates(e);
                let date = |d: Option<String>| {
                    d.as_deref()
                        .map(bantin::labels::date_en)
                        .unwrap_or_default()
                };
                [
                    e.id.clone(),
                    e.name.clone(),
                    e.ty.as_str().to_string(),
                    e.articles.len().to_string(),
                    date(first),
                    date(last),
                ]
            })
            .collect();
        let head = ["id", "name", "type", "arts", "first", "last"];
        let mut width = head.map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in width.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: [&str; 6], tail: &str| {
            let mut l = String::new();
            for (i, c) in cells.iter().enumerate() {
                let fill = " ".repeat(width[i].saturating_sub(c.chars().count()));
                // the count of articles is aligned right
                if i == 3 {
                    l.push_str(&fill);
                    l.push_str(c);
                } else {
                    l.push_str(c);
                    l.push_str(&fill);
                }
                l.push_str("  ");
            }
            l.push_str(tail);
            l
        };
        writeln!(out, "{}", line(head, "variants"))?;
        for (r, e) in rows.iter().zip(&self.ents) {
            writeln!(
                out,
                "{}",
                line(r.each_ref().map(String::as_str), &variants(e))
            )?;
        }
        Ok(())
    }
}
