//! `bantin`: the command line. A thin shell over the `bantin` library: it finds the pages,
//! reads their bytes, draws progress, and writes records.

mod input;

use anyhow::{Context, Result};
use bantin::{Engine, Entity, Record};
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
    /// List the people, places and organisations of the pages, one row per entity.
    Entities(EntitiesArgs),
    /// List the quotes of the pages: speaker, date, quote, source.
    Quotes(QuotesArgs),
    /// Group the pages into stories: copies collapsed, a timeline and a summary for each
    /// story and topic, written as an HTML report, Markdown or JSON.
    Digest(DigestArgs),
    /// Add pages to a store (incremental: pages already there are skipped).
    Ingest(IngestArgs),
    /// Search a store; tone marks optional ("duong" finds đường, dương).
    Search(SearchArgs),
    /// Serve a store: JSON API (/api, /openapi.json) and web pages (/).
    Serve(ServeArgs),
    /// The figures of a store (JSON): pages, articles, entities, stories, indexed documents.
    Stats(StatsArgs),
}

#[derive(clap::Args)]
struct StatsArgs {
    /// The store's directory.
    #[arg(long)]
    store: PathBuf,
}

#[derive(clap::Args)]
struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The store's directory (created when missing).
    #[arg(long)]
    store: PathBuf,
}

#[derive(clap::Args)]
struct SearchArgs {
    /// Words and "quoted phrases" (optional: filters alone list the articles they keep).
    #[arg(default_value = "")]
    query: String,
    /// The store's directory.
    #[arg(long)]
    store: PathBuf,
    /// Only articles naming this entity id.
    #[arg(long)]
    entity: Option<String>,
    /// Only articles naming an entity of this type (PER, LOC, ORG, MISC).
    #[arg(long = "type")]
    ty: Option<String>,
    /// Only articles of this story.
    #[arg(long)]
    story: Option<String>,
    /// Only articles of this outlet: its name ("Dân trí", "vnexpress") or its host.
    #[arg(long)]
    outlet: Option<String>,
    /// Published on or after (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    from: Option<String>,
    /// Published on or before.
    #[arg(long)]
    to: Option<String>,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    format: SearchFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SearchFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per hit.
    Jsonl,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The store's directory.
    #[arg(long)]
    store: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Alias files (TOML) for pages uploaded to the server (the store keeps the last ones
    /// given).
    #[arg(long)]
    aliases: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct DigestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write the self-contained HTML report here.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write the report as Markdown here (- for standard output).
    #[arg(long)]
    markdown: Option<PathBuf>,
    /// Write topics and stories as JSON here (- for standard output).
    #[arg(long)]
    json: Option<PathBuf>,
    /// Length of every summary, in syllables (words between spaces).
    #[arg(long, value_name = "N", default_value_t = bantin::digest::summary::DEFAULT_WORDS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(10..=5000))]
    summary_words: usize,
}

#[derive(clap::Args)]
struct QuotesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Only the quotes of this speaker (any spelling, tone marks optional, or an entity id).
    #[arg(long)]
    speaker: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TableFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per entity.
    Jsonl,
    /// Comma-separated values.
    Csv,
}

#[derive(clap::Args)]
struct EntitiesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Files, directories (walked recursively), .gz files, or - for standard input.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Skip pages larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 64)]
    max_size_mb: usize,
    /// An alias file (TOML) layered over the built-in one: entities and their variants,
    /// names never to merge, names with a fixed type. May be given several times.
    #[arg(long)]
    aliases: Vec<PathBuf>,
    /// A folder of word lists replacing the built-in ones of the same name (`per_triggers.txt`,
    /// `org_heads.txt`, … as in crates/bantin/data/lexicon; one entry a line).
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// No progress bar or summary line.
    #[arg(short, long)]
    quiet: bool,
    /// When undated pages were written (YYYY, YYYY-MM or YYYY-MM-DD): a date reasoned from
    /// a text that gives no year takes the nearest year to it (`published_from: "hint"`).
    /// Pages with a printed date are not touched.
    #[arg(long, value_name = "DATE", value_parser = parse_around)]
    around: Option<bantin::Around>,
}

fn parse_around(s: &str) -> std::result::Result<bantin::Around, String> {
    bantin::Around::parse(s)
        .ok_or_else(|| format!("{s:?} is no date: give YYYY, YYYY-MM or YYYY-MM-DD"))
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    /// One JSON record per line (docs/FORMAT.md).
    Jsonl,
    /// One JSON array.
    Json,
    /// Readable Markdown.
    Md,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write records here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Jsonl)]
    format: OutFormat,
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
        Cmd::Entities(a) => entities(a),
        Cmd::Quotes(a) => quotes(a),
        Cmd::Digest(a) => digest(a),
        Cmd::Ingest(a) => ingest(a),
        Cmd::Search(a) => search(a),
        Cmd::Serve(a) => serve(a),
        Cmd::Stats(a) => stats(a),
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
            // another writer held the store too long: worth running again (EX_TEMPFAIL)
            let busy = e.chain().any(|c| {
                c.downcast_ref::<bantin_store::Error>()
                    .is_some_and(|s| s.kind() == bantin_store::ErrorKind::Busy)
            });
            ExitCode::from(if busy { 75 } else { 2 })
        }
    }
}

/// What a run of the pipeline gives: records in input order and the run's entities.
struct Run {
    records: Vec<Record>,
    grouping: bantin::digest::Grouping,
    entities: Vec<Entity>,
    read: usize,
}

/// The engine of a run: the built-in resources, the user's alias files and word lists.
fn load_engine(
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

fn run(args: &InputArgs) -> Result<Run> {
    let engine = load_engine(&args.aliases, args.lexicon.as_deref(), args.around)?;
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
    let mut skipped: std::collections::BTreeMap<String, usize> = Default::default();
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
    let bantin::pipeline::Linked {
        records,
        entities,
        grouping,
    } = engine.link(pages);
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
        eprintln!(
            "bantin: {read} files read, {} articles found, {total_skipped} files skipped{why}",
            records.len()
        );
    }
    Ok(Run {
        records,
        grouping,
        entities,
        read,
    })
}

fn sink(output: &Option<PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn analyze(args: AnalyzeArgs) -> Result<ExitCode> {
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
    Ok(if run.read == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

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

fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let store = open_store(&args.store, &args.input.aliases)?;
    let limit = args.input.max_size_mb.saturating_mul(1 << 20);
    let (inputs, walk_errors) = input::collect(&args.input.pages);
    for e in &walk_errors {
        eprintln!("bantin: skipped {e}");
    }
    let show = !args.input.quiet && io::stderr().is_terminal();
    let bar = ProgressBar::with_draw_target(
        Some(inputs.len() as u64),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} pages · {msg} · {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
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

fn stats(args: StatsArgs) -> Result<ExitCode> {
    let store = existing_store(&args.store)?;
    println!("{}", serde_json::to_string(&store.stats()?)?);
    Ok(ExitCode::SUCCESS)
}

fn search(args: SearchArgs) -> Result<ExitCode> {
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
                        .map_or_else(|| "?".to_string(), bantin::display::date_en),
                    h.title.as_deref().unwrap_or("(untitled)"),
                    bantin::display::outlet(h.outlet.as_deref(), h.url.as_deref(), &h.source),
                    h.source,
                    h.index,
                    h.id,
                    bantin::digest::shorten(&h.snippet, 160)
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

fn serve(args: ServeArgs) -> Result<ExitCode> {
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

fn digest(args: DigestArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let started = std::time::Instant::now();
    let d = bantin::digest::build_with_words(&run.records, &run.grouping, args.summary_words);
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
        write_to(
            p,
            &bantin::digest::report::html(&d, &run.records, &run.grouping),
        )?;
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
        write_to(p, &bantin::digest::report::markdown(&d))?;
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
    Ok(if run.read == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn entities(args: EntitiesArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let mut out = sink(&args.output)?;
    let mut ents: Vec<&Entity> = run.entities.iter().collect();
    ents.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(
                b.variants
                    .iter()
                    .map(|v| v.1)
                    .sum::<usize>()
                    .cmp(&a.variants.iter().map(|v| v.1).sum::<usize>()),
            )
            .then(a.id.cmp(&b.id))
    });
    let dates = |e: &Entity| {
        let mut d: Vec<&str> = e
            .articles
            .iter()
            .filter_map(|&a| run.records.get(a).and_then(|r| r.published.as_deref()))
            .collect();
        // yearless dates sort after every dated one
        d.sort_by_key(|x| bantin::display::date_key(x));
        (
            d.first().map(|s| s.to_string()),
            d.last().map(|s| s.to_string()),
        )
    };
    let variants = |e: &Entity| {
        e.variants
            .iter()
            .map(|(v, c)| format!("{v} ×{c}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match args.format {
        TableFormat::Jsonl => {
            for e in ents {
                let (first, last) = dates(e);
                let row = serde_json::json!({
                    "id": e.id, "name": e.name, "type": e.ty, "variants": e.variants.iter().map(|(v, c)| serde_json::json!({"text": v, "count": c})).collect::<Vec<_>>(),
                    "articles": e.articles.len(), "first": first, "last": last,
                });
                serde_json::to_writer(&mut out, &row)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            writeln!(out, "id,name,type,variants,articles,first,last")?;
            let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            for e in ents {
                let (first, last) = dates(e);
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
        }
        TableFormat::Table => {
            // columns as wide as their widest cell (in characters), so dates with times
            // and long names stay aligned
            let rows: Vec<[String; 6]> = ents
                .iter()
                .map(|e| {
                    let (first, last) = dates(e);
                    [
                        e.id.clone(),
                        e.name.clone(),
                        e.ty.as_str().to_string(),
                        e.articles.len().to_string(),
                        first
                            .as_deref()
                            .map(bantin::display::date_en)
                            .unwrap_or_default(),
                        last.as_deref()
                            .map(bantin::display::date_en)
                            .unwrap_or_default(),
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
            let pad = |s: &str, w: usize, right: bool| {
                let fill = " ".repeat(w.saturating_sub(s.chars().count()));
                if right {
                    format!("{fill}{s}")
                } else {
                    format!("{s}{fill}")
                }
            };
            let line = |cells: [&str; 6], tail: &str| {
                let mut l = String::new();
                for (i, c) in cells.iter().enumerate() {
                    l.push_str(&pad(c, width[i], i == 3));
                    l.push_str("  ");
                }
                l.push_str(tail);
                l
            };
            writeln!(out, "{}", line(head, "variants"))?;
            for (r, e) in rows.iter().zip(&ents) {
                let cells = [
                    r[0].as_str(),
                    r[1].as_str(),
                    r[2].as_str(),
                    r[3].as_str(),
                    r[4].as_str(),
                    r[5].as_str(),
                ];
                writeln!(out, "{}", line(cells, &variants(e)))?;
            }
        }
    }
    out.flush()?;
    Ok(if run.read == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let run = run(&args.input)?;
    let mut out = sink(&args.output)?;
    let want = args.speaker.as_deref().map(bantin::lang::fold);
    // an entity matches when its id or any of its spellings folds to the asked name
    let matches = |id: &str| -> bool {
        let Some(w) = &want else { return true };
        let Some(e) = run.entities.iter().find(|e| e.id == id) else {
            return false;
        };
        bantin::lang::fold(&e.id) == *w
            || bantin::lang::fold(&e.name) == *w
            || e.variants.iter().any(|(v, _)| bantin::lang::fold(v) == *w)
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
    Ok(if run.read == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_records(
    w: &mut dyn Write,
    recs: &[&Record],
    fmt: OutFormat,
    names: &std::collections::HashMap<&str, &str>,
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
fn write_markdown(
    w: &mut dyn Write,
    r: &Record,
    names: &std::collections::HashMap<&str, &str>,
) -> Result<()> {
    use bantin::display;
    let local = display::names(r);
    let name = |id: &str| -> String {
        names
            .get(id)
            .map(|n| n.to_string())
            .or_else(|| local.get(id).cloned())
            .unwrap_or_else(|| display::id_as_name(id))
    };
    let title = r.title.as_ref().map_or("(no title)", |t| t.text.as_str());
    writeln!(w, "# {title}\n")?;
    let who = display::outlet(r.outlet.as_deref(), r.url.as_deref(), &r.source);
    let published = match r.published.as_deref() {
        Some(p) => format!(
            "published {} ({})",
            display::date_en(p),
            display::date_source_en(r.published_from)
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
    // entities by type: full name, then the spellings used here with their counts
    let mut by: std::collections::BTreeMap<(&str, &str), std::collections::BTreeMap<&str, usize>> =
        Default::default();
    // a name that only credits a photo is no person of the article
    for e in r
        .entities
        .iter()
        .filter(|e| !bantin::digest::photo_credit(r, e))
    {
        *by.entry((e.ty.as_str(), e.id.as_str()))
            .or_default()
            .entry(e.text.as_str())
            .or_default() += 1;
    }
    if !by.is_empty() {
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
    }
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
    if !r.events.is_empty() {
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
                display::event_sentence(e, &name),
                e.ty,
                if e.date.is_empty() {
                    "date unknown".to_string()
                } else {
                    display::date_en(&e.date)
                }
            )?;
        }
        writeln!(w)?;
    }
    writeln!(w, "---\n")?;
    Ok(())
}
