//! `bantin`: the command line. A thin shell over the `bantin` library: it finds the pages,
//! reads their bytes, draws progress, and writes records.

mod analyze;
mod args;
mod entities;
mod input;
mod markdown;
mod run;
mod store;

use args::{
    AnalyzeArgs, DigestArgs, EntitiesArgs, IngestArgs, QuotesArgs, SearchArgs, ServeArgs, StatsArgs,
};
use clap::{Parser, Subcommand};
use std::io;
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
        Cmd::Analyze(a) => analyze::analyze(a),
        Cmd::Entities(a) => entities::entities(a),
        Cmd::Quotes(a) => analyze::quotes(a),
        Cmd::Digest(a) => analyze::digest(a),
        Cmd::Ingest(a) => store::ingest(a),
        Cmd::Search(a) => store::search(a),
        Cmd::Serve(a) => store::serve(a),
        Cmd::Stats(a) => store::stats(a),
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
