//! The commands of a run: analyze, digest, quotes.

use crate::args::{AnalyzeArgs, DigestArgs, QuotesArgs, TableFormat};
use crate::markdown::write_records;
use crate::run::{run, sink};
use anyhow::{Context, Result};
use bantin::Record;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn analyze(args: AnalyzeArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let mut out = sink(&args.output)?;
    let all: Vec<&Record> = run.records.iter().collect();
    let names: std::collections::HashMap<&str, &str> = run
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    write_records(&mut out, &all, args.format, &names)?;
    out.flush()?;
    Ok(run.exit_code())
}

pub fn digest(args: DigestArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let started = std::time::Instant::now();
    let d = bantin::digest_with_words(&run.records, &run.grouping, args.summary_words);
    let write_to = |path: &PathBuf, body: &str| -> Result<()> {
        if path.as_os_str() == "-" {
            let mut out = io::stdout().lock();
            out.write_all(body.as_bytes())?;
            out.flush()?;
        } else {
            std::fs::write(path, body)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    };
    if let Some(p) = &args.output {
        write_to(p, &bantin::report::html(&d, &run.records, &run.grouping))?;
    }
    if let Some(p) = &args.json {
        write_to(p, &(serde_json::to_string_pretty(&d)? + "\n"))?;
    }
    // with no output named, the Markdown report goes to standard output
    let md = args
        .markdown
        .clone()
        .or_else(|| (args.output.is_none() && args.json.is_none()).then(|| "-".into()));
    if let Some(p) = &md {
        write_to(p, &bantin::report::markdown(&d))?;
    }
    if !args.input.quiet {
        let copies = run
            .grouping
            .copy_of
            .iter()
            .enumerate()
            .filter(|(i, c)| i != *c)
            .count();
        eprintln!(
            "bantin: {} topics, {} stories, {copies} copies collapsed ({:.2} s)",
            d.topics.len(),
            d.stories.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(run.exit_code())
}

pub fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let mut out = sink(&args.output)?;
    let want = args.speaker.as_deref().map(bantin::text::fold);
    // an entity matches when its id or any of its spellings folds to the asked name
    let matches = |id: &str| -> bool {
        let Some(w) = &want else { return true };
        let Some(e) = run.entities.iter().find(|e| e.id == id) else {
            return false;
        };
        bantin::text::fold(&e.id) == *w
            || bantin::text::fold(&e.name) == *w
            || e.variants.iter().any(|(v, _)| bantin::text::fold(v) == *w)
    };
    if args.format == TableFormat::Csv {
        writeln!(out, "speaker,id,date,quote,source")?;
    }
    for r in &run.records {
        for q in &r.quotes {
            let (name, id) = match &q.speaker {
                Some(sp) => (
                    run.entities
                        .iter()
                        .find(|e| e.id == sp.id)
                        .map_or(sp.text.as_str(), |e| e.name.as_str()),
                    sp.id.as_str(),
                ),
                None => ("?", ""),
            };
            if want.is_some() && (id.is_empty() || !matches(id)) {
                continue;
            }
            let date = r.published.as_deref().unwrap_or("");
            match args.format {
                TableFormat::Jsonl => {
                    serde_json::to_writer(
                        &mut out,
                        &serde_json::json!({"speaker": name, "id": id, "date": date, "quote": q.text, "source": r.source, "index": r.index, "span": q.span}),
                    )?;
                    out.write_all(b"\n")?;
                }
                TableFormat::Csv => {
                    let esc = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
                    writeln!(
                        out,
                        "{},{},{},{},{}",
                        esc(name),
                        esc(id),
                        date,
                        esc(&q.text),
                        esc(&r.source)
                    )?;
                }
                TableFormat::Table => writeln!(
                    out,
                    "{name:<24} {date:<16} “{}” ({}#{})",
                    q.text, r.source, r.index
                )?,
            }
        }
    }
    out.flush()?;
    Ok(run.exit_code())
}
