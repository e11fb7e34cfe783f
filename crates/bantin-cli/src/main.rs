//! `bantin`: the command line. A thin shell over the `bantin` library: it finds the pages,
//! reads their bytes, draws progress, and writes records.

mod input;

use anyhow::{Context, Result};
use bantin::record::Record;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use input::{Input, Outcome};
use rayon::prelude::*;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "bantin",
    version,
    about = "Turns raw Vietnamese news pages into clean, dated, traceable articles"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Read pages (files, directories, .gz, or - for stdin) into article records.
    Analyze(AnalyzeArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    /// One JSON record per line (../shared/eval/FORMAT.md).
    Jsonl,
    /// One JSON array.
    Json,
    /// Readable Markdown.
    Md,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Files, directories (walked recursively), .gz files, or - for standard input.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Write records here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Jsonl)]
    format: OutFormat,
    /// Skip pages larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 64)]
    max_size_mb: usize,
    /// No progress bar or summary line.
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BANTIN_LOG"))
        .init();
    // a page that trips a bug is reported and skipped by `input::process`; keep the
    // default hook's message short
    std::panic::set_hook(Box::new(|info| tracing::error!(%info, "internal error")));
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Analyze(a) => analyze(a),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("bantin: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn analyze(args: AnalyzeArgs) -> Result<ExitCode> {
    let limit = args.max_size_mb.saturating_mul(1 << 20);
    let (inputs, walk_errors) = input::collect(&args.pages);
    let show = !args.quiet && io::stderr().is_terminal();
    let bar = ProgressBar::with_draw_target(
        Some(inputs.len() as u64),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files · {msg} · {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    for e in &walk_errors {
        bar.suspend(|| eprintln!("bantin: skipped {e}"));
    }
    let articles_done = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: Vec<(Input, Outcome)> = inputs
        .into_par_iter()
        .map(|inp| {
            let out = input::process(&inp, limit);
            if let Outcome::Read { records, .. } = &out {
                let n = articles_done
                    .fetch_add(records.len(), std::sync::atomic::Ordering::Relaxed)
                    + records.len();
                bar.set_message(format!("{n} articles"));
            }
            bar.inc(1);
            (inp, out)
        })
        .collect();
    bar.finish_and_clear();

    let mut sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut read = 0usize;
    let mut articles = 0usize;
    let mut skipped: std::collections::BTreeMap<String, usize> = Default::default();
    let mut all: Vec<&Record> = Vec::new();
    for (inp, out) in &outcomes {
        match out {
            Outcome::Read { records, warnings } => {
                read += 1;
                articles += records.len();
                for w in warnings {
                    if !args.quiet {
                        eprintln!("bantin: {}: {w}", inp.name);
                    }
                }
                all.extend(records.iter());
            }
            Outcome::Skipped(why) => {
                if !args.quiet {
                    eprintln!("bantin: skipped {}: {why}", inp.name);
                }
                *skipped.entry(why.reason_key()).or_default() += 1;
            }
        }
    }
    for e in &walk_errors {
        let _ = e;
        *skipped.entry("unreadable".into()).or_default() += 1;
    }
    write_records(&mut sink, &all, args.format)?;
    sink.flush()?;
    if !args.quiet {
        let total_skipped: usize = skipped.values().sum();
        let why = if skipped.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                skipped
                    .iter()
                    .map(|(k, v)| format!("{v} {k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        eprintln!("bantin: {read} files read, {articles} articles found, {total_skipped} files skipped{why}");
    }
    Ok(if read == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_records(w: &mut dyn Write, recs: &[&Record], fmt: OutFormat) -> Result<()> {
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
                let title = r.title.as_ref().map_or("(no title)", |t| t.text.as_str());
                writeln!(w, "# {title}\n")?;
                writeln!(
                    w,
                    "*{} #{} · published {}*\n",
                    r.source,
                    r.index,
                    r.published.as_deref().unwrap_or("unknown")
                )?;
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
                writeln!(w, "---\n")?;
            }
        }
    }
    Ok(())
}
