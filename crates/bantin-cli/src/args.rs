//! The arguments of the commands.

use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct StatsArgs {
    /// The store's directory.
    #[arg(long)]
    pub store: PathBuf,
}

#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The store's directory (created when missing).
    #[arg(long)]
    pub store: PathBuf,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words and "quoted phrases" (optional: filters alone list the articles they keep).
    #[arg(default_value = "")]
    pub query: String,
    /// The store's directory.
    #[arg(long)]
    pub store: PathBuf,
    /// Only articles naming this entity id.
    #[arg(long)]
    pub entity: Option<String>,
    /// Only articles naming an entity of this type (PER, LOC, ORG, MISC).
    #[arg(long = "type")]
    pub ty: Option<String>,
    /// Only articles of this story.
    #[arg(long)]
    pub story: Option<String>,
    /// Only articles of this outlet: its name ("Dân trí", "vnexpress") or its host.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Published on or after (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before.
    #[arg(long)]
    pub to: Option<String>,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SearchFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per hit.
    Jsonl,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store's directory.
    #[arg(long)]
    pub store: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Alias files (TOML) for pages uploaded to the server (the store keeps the last ones
    /// given).
    #[arg(long)]
    pub aliases: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct DigestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the self-contained HTML report here.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Write the report as Markdown here (- for standard output).
    #[arg(long)]
    pub markdown: Option<PathBuf>,
    /// Write topics and stories as JSON here (- for standard output).
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Length of every summary, in syllables (words between spaces).
    #[arg(long, value_name = "N", default_value_t = bantin::DEFAULT_SUMMARY_WORDS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(10..=5000))]
    pub summary_words: usize,
}

#[derive(clap::Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only the quotes of this speaker (any spelling, tone marks optional, or an entity id).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per entity.
    Jsonl,
    /// Comma-separated values.
    Csv,
}

#[derive(clap::Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct InputArgs {
    /// Files, directories (walked recursively), .gz files, or - for standard input.
    #[arg(required = true)]
    pub pages: Vec<PathBuf>,
    /// Skip pages larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 64)]
    pub max_size_mb: usize,
    /// An alias file (TOML) layered over the built-in one: entities and their variants,
    /// names never to merge, names with a fixed type. May be given several times.
    #[arg(long)]
    pub aliases: Vec<PathBuf>,
    /// A folder of word lists replacing the built-in ones of the same name (`per_triggers.txt`,
    /// `org_heads.txt`, … as in crates/bantin/data/lexicon; one entry a line).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// No progress bar or summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// When undated pages were written (YYYY, YYYY-MM or YYYY-MM-DD): a date reasoned from
    /// a text that gives no year takes the nearest year to it (`published_from: "hint"`).
    /// Pages with a printed date are not touched.
    #[arg(long, value_name = "DATE", value_parser = parse_around)]
    pub around: Option<bantin::Around>,
}

pub fn parse_around(s: &str) -> std::result::Result<bantin::Around, String> {
    bantin::Around::parse(s)
        .ok_or_else(|| format!("{s:?} is no date: give YYYY, YYYY-MM or YYYY-MM-DD"))
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON record per line (docs/FORMAT.md).
    Jsonl,
    /// One JSON array.
    Json,
    /// Readable Markdown.
    Md,
}

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write records here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Jsonl)]
    pub format: OutFormat,
}
