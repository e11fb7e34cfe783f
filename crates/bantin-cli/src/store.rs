//! The commands over a store: ingest, search, stats, serve.

use crate::args::{IngestArgs, SearchArgs, SearchFormat, ServeArgs, StatsArgs};
use crate::input;
use crate::run::{load_engine, progress_bar};
use anyhow::{Context, Result};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn alias_texts(paths: &[PathBuf]) -> Result<Vec<String>> {
    paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read alias file {}", p.display()))
        })
        .collect()
}

fn open_store(dir: &std::path::Path, aliases: &[PathBuf]) -> Result<bantin_store::Store> {
    if !aliases.is_empty() {
        // checked here first, for messages that name the file at fault
        load_engine(aliases, None, None)?;
    }
    bantin_store::Store::open(dir, &alias_texts(aliases)?)
        .with_context(|| format!("cannot open the store in {}", dir.display()))
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let store = open_store(&args.store, &args.input.aliases)?;
    let limit = args.input.max_size_mb.saturating_mul(1 << 20);
    let (inputs, walk_errors) = input::collect(&args.input.pages);
    for e in &walk_errors {
        eprintln!("bantin: skipped {e}");
    }
    let show = !args.input.quiet && io::stderr().is_terminal();
    let bar = progress_bar(inputs.len(), show, "pages");
    let unreadable = std::cell::Cell::new(walk_errors.len());
    let quiet = args.input.quiet;
    // pages are read as the store asks for them, a batch at a time
    let pages = inputs
        .iter()
        .filter_map(|inp| match input::bytes_of(inp, limit) {
            Ok(bytes) => Some(bantin_store::Page {
                name: inp.name.clone(),
                bytes,
            }),
            Err(why) => {
                if !quiet {
                    bar.suspend(|| eprintln!("bantin: skipped {}: {why}", inp.name));
                }
                unreadable.set(unreadable.get() + 1);
                None
            }
        });
    let started = std::time::Instant::now();
    let report = store.ingest_around(pages, args.input.around.as_ref(), &|p| {
        bar.set_position(p.pages as u64);
        bar.set_message(format!("{} articles", p.articles));
    })?;
    bar.finish_and_clear();
    if !quiet {
        for (name, why) in &report.pages_failed {
            eprintln!("bantin: skipped {name}: {why}");
        }
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "bantin: {} pages added{}, {} unchanged, {} failed, {} unreadable; {} articles added ({:.0}/s); the store holds {} articles in {} stories",
            report.pages_added,
            match report.pages_replaced {
                0 => String::new(),
                n => format!(" ({n} replacing an earlier version)"),
            },
            report.pages_unchanged,
            report.pages_failed.len(),
            unreadable.get(),
            report.articles_added,
            report.articles_added as f64 / secs.max(1e-9),
            report.articles,
            report.stories
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens a store that must exist already.
fn existing_store(dir: &std::path::Path) -> Result<bantin_store::Store> {
    if !dir.join("bantin.sqlite").exists() {
        anyhow::bail!(
            "no store in {}: create one with `bantin ingest PAGES --store {}`",
            dir.display(),
            dir.display()
        );
    }
    open_store(dir, &[])
}

pub fn stats(args: StatsArgs) -> Result<ExitCode> {
    let store = existing_store(&args.store)?;
    println!("{}", serde_json::to_string(&store.stats()?)?);
    Ok(ExitCode::SUCCESS)
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = existing_store(&args.store)?;
    if args.query.trim().is_empty()
        && args.entity.is_none()
        && args.ty.is_none()
        && args.story.is_none()
        && args.outlet.is_none()
        && args.from.is_none()
        && args.to.is_none()
    {
        anyhow::bail!(
            "nothing to search for: give words, or filters (--entity, --type, --story, --outlet, --from, --to)"
        );
    }
    let q = bantin_store::Query {
        text: args.query,
        entity: args.entity,
        ty: args.ty,
        story: args.story,
        outlet: args.outlet,
        from: args.from,
        to: args.to,
        limit: Some(args.limit),
        offset: None,
    };
    let r = store.search(&q)?;
    let mut out = io::stdout().lock();
    match args.format {
        SearchFormat::Jsonl => {
            for h in &r.hits {
                writeln!(out, "{}", serde_json::to_string(h)?)?;
            }
        }
        SearchFormat::Table => {
            writeln!(out, "{} hits", r.total)?;
            for h in &r.hits {
                writeln!(
                    out,
                    "{:>7.2}  {:<10}  {}  [{} · {}#{} · id {}]\n         {}",
                    h.score,
                    h.published
                        .as_deref()
                        .map_or_else(|| "?".to_string(), bantin::labels::date_en),
                    h.title.as_deref().unwrap_or("(untitled)"),
                    bantin::labels::outlet(h.outlet.as_deref(), h.url.as_deref(), &h.source),
                    h.source,
                    h.index,
                    h.id,
                    bantin::text::shorten(&h.snippet, 160)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if r.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let store = std::sync::Arc::new(if args.aliases.is_empty() {
        existing_store(&args.store)?
    } else {
        open_store(&args.store, &args.aliases)?
    });
    // an upload waits this long for another writer (an ingest), then answers 503
    store.set_lock_wait(std::time::Duration::from_secs(10));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    eprintln!(
        "bantin: serving {} on http://{}/",
        args.store.display(),
        args.addr
    );
    rt.block_on(bantin_server::serve(store, args.addr))
        .with_context(|| format!("cannot serve on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}
