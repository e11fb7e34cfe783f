//! A run of the pipeline over the pages given: the engine, the progress bar, the summary
//! line.

use crate::args::InputArgs;
use crate::input::{self, Input, Outcome};
use anyhow::{Context, Result};
use bantin::{Engine, Entity, Record};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What a run of the pipeline gives: records in input order and the run's entities.
pub struct Run {
    /// The records, in input order.
    pub records: Vec<Record>,
    /// Copies, stories and topics.
    pub grouping: bantin::Grouping,
    /// The run's entities.
    pub entities: Vec<Entity>,
    /// Files read.
    pub read: usize,
}

impl Run {
    /// 1 when no file could be read, else success.
    pub fn exit_code(&self) -> ExitCode {
        if self.read == 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// The engine of a run: the built-in resources, the user's alias files and word lists.
pub fn load_engine(
    aliases: &[PathBuf],
    lexicon: Option<&std::path::Path>,
    around: Option<bantin::Around>,
) -> Result<Engine> {
    let mut config = bantin::Config::new().around(around);
    for p in aliases {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("cannot read alias file {}", p.display()))?;
        config = config
            .alias_text(&text)
            .with_context(|| format!("in {}", p.display()))?;
    }
    if let Some(dir) = lexicon {
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read word lists in {}", dir.display()))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            anyhow::bail!("no word list (*.txt) in {}", dir.display());
        }
        for p in paths {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let f = std::fs::File::open(&p)
                .with_context(|| format!("cannot read word list {}", p.display()))?;
            config = config
                .word_list(name, f)
                .with_context(|| format!("in {}", p.display()))?;
        }
    }
    Ok(config.build()?)
}

/// A progress bar on standard error (hidden when `show` is false) counting `unit`.
pub fn progress_bar(len: usize, show: bool, unit: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(len as u64),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} [{{bar:30}}] {{pos}}/{{len}} {unit} · {{msg}} · {{elapsed}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

/// Reads the pages of `args` and links them into one run.
pub fn run(args: &InputArgs) -> Result<Run> {
    let engine = load_engine(&args.aliases, args.lexicon.as_deref(), args.around)?;
    let limit = args.max_size_mb.saturating_mul(1 << 20);
    let (inputs, walk_errors) = input::collect(&args.pages);
    let show = !args.quiet && io::stderr().is_terminal();
    let bar = progress_bar(inputs.len(), show, "files");
    for e in &walk_errors {
        bar.suspend(|| eprintln!("bantin: skipped {e}"));
    }
    let articles_done = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: Vec<(Input, Outcome)> = inputs
        .into_par_iter()
        .map(|inp| {
            let out = input::process(&inp, limit, &engine);
            if let Outcome::Read { page, .. } = &out {
                let k = page.records.len();
                let n = articles_done.fetch_add(k, std::sync::atomic::Ordering::Relaxed) + k;
                bar.set_message(format!("{n} articles"));
            }
            bar.inc(1);
            (inp, out)
        })
        .collect();
    bar.finish_and_clear();

    let mut read = 0usize;
    let mut skipped: BTreeMap<String, usize> = Default::default();
    let mut pages = Vec::new();
    for (inp, out) in outcomes {
        match out {
            Outcome::Read { page, warnings } => {
                read += 1;
                for w in warnings {
                    if !args.quiet {
                        eprintln!("bantin: {}: {w}", inp.name);
                    }
                }
                pages.push(page);
            }
            Outcome::Skipped(why) => {
                if !args.quiet {
                    eprintln!("bantin: skipped {}: {why}", inp.name);
                }
                *skipped.entry(why.reason_key().to_string()).or_default() += 1;
            }
        }
    }
    if !walk_errors.is_empty() {
        *skipped.entry("unreadable".into()).or_default() += walk_errors.len();
    }
    // one id per real-world entity across the whole run; copies and stories: articles
    // about the same event, across files
    let bantin::Linked {
        records,
        entities,
        grouping,
    } = engine.link(pages);
    if !args.quiet {
        eprintln!("{}", summary_line(read, records.len(), &skipped));
    }
    Ok(Run {
        records,
        grouping,
        entities,
        read,
    })
}

/// The line a run ends with: files read, articles found, files skipped and why.
fn summary_line(read: usize, articles: usize, skipped: &BTreeMap<String, usize>) -> String {
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
    format!(
        "bantin: {read} files read, {articles} articles found, {total_skipped} files skipped{why}"
    )
}

/// The file named, or standard output.
pub fn sink(output: &Option<PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}
