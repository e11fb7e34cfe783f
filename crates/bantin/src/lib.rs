//! # bantin
//!
//! The pure text logic of bantin: raw Vietnamese news pages (text or HTML, any common
//! encoding) in, clean dated articles out, every fact traceable to its source bytes.
//! No I/O: callers hand in bytes and get values back.
//!
//! ```
//! let page = "Hà Nội mở tuyến buýt điện mới\nNgày 3/5/2024, thành phố đưa vào vận hành tuyến buýt điện.\n";
//! let read = bantin::read_page(page.as_bytes()).unwrap();
//! assert_eq!(read.articles.len(), 1);
//! let a = &read.articles[0];
//! assert_eq!(a.title.as_ref().unwrap().text, "Hà Nội mở tuyến buýt điện mới");
//! assert_eq!(a.published.as_ref().unwrap().0.iso(), "2024-05-03");
//! ```
#![deny(missing_docs)]

pub mod classify;
pub mod days;
pub mod decode;
pub mod digest;
pub mod display;
mod engine;
pub mod entities;
pub mod events;
pub mod extract;
pub mod html;
pub mod input;
pub mod lang;
pub mod lunar;
pub mod offsets;
pub mod page;
pub mod pipeline;
pub mod pubdate;
pub mod quotes;
pub mod reasoned;
pub mod record;
pub mod stories;
pub mod temporal;
mod union_find;

pub use decode::Encoding;
/// The digest of grouped records with summaries of `words` syllables.
pub use digest::build_with_words as digest_with_words;
pub use digest::dedup::{Signature as CopySignature, BINS as COPY_SIGNATURE_BINS};
/// Groups records into copies, stories and topics (what [`Engine::link`] gives a run).
pub use digest::group as group_records;
pub use digest::summary::DEFAULT_WORDS as DEFAULT_SUMMARY_WORDS;
pub use digest::{article_words, group_signatures, paragraph_at, photo_credit, Cite, Story};
pub use digest::{Digest, Grouping};
pub use engine::{Config, Engine, Error};
pub use entities::kb::{AliasError, AliasFile};
pub use entities::{Entity, EntityType, Lexicon, LexiconError};
pub use entities::{Placed, Recognizer};
pub use input::{unpack, Skip};
pub use offsets::{OffsetMap, Span};
pub use page::{Article, Kind, Paragraph};
pub use pipeline::{Linked, PageAnalysis};
pub use pipeline::{PageEvent, PageQuote};
pub use reasoned::Around;
pub use record::{EntityRecord, EventRecord, QuoteRecord, Record, SpeakerRecord, SCHEMA_VERSION};
pub use stories::{date_parts, Signature as StorySignature};

/// Text helpers: folding away tone marks, shortening, white space.
pub mod text {
    pub use crate::digest::shorten;
    pub use crate::digest::timeline::offset_in;
    pub use crate::lang::{fold, tone_key};
    pub use crate::offsets::{is_invisible, is_space};
}

/// How records are shown to people: dates, outlets, names, labels and event sentences.
pub mod labels {
    pub use crate::digest::article_ref;
    pub use crate::display::{
        canonical_name, date_en, date_key, date_source_en, date_vi, event_sentence, id_as_name,
        names, outlet, outlet_keys, record_label, record_outlet_keys, source_label,
    };
}

/// The stages of [`Engine::analyze`] one at a time, for benchmarks and tests of a stage:
/// names found in an article, linked across articles; dates; quotes; events.
pub mod stages {
    pub use crate::entities::{recognize_article, Linker};
    pub use crate::events::find as events;
    pub use crate::quotes::find as quotes;
    pub use crate::record::times;
    pub use crate::temporal::ArticleTimes;
}

/// The parts of the HTML and Markdown reports of a digest.
pub mod report {
    pub use crate::digest::report::{
        chart, date_label, date_range, html, markdown, quotes_html, summary_html, STYLE,
    };
}

/// Why a page could not be read (the input's fault, not ours).
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// Nothing but white space.
    #[error("empty file")]
    Empty,
    /// The bytes are not text (NUL bytes or control characters).
    #[error("binary file, not text")]
    Binary,
    /// Text, but no article in it.
    #[error("no article found")]
    NoArticle,
    /// Larger than the limit the caller set.
    #[error("file too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// Size of the page.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

/// The format a page was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain (scraped) text, one paragraph a line.
    Text,
    /// An HTML page.
    Html,
}

/// A page read into articles.
#[derive(Clone, Debug)]
pub struct Read {
    /// Text or HTML.
    pub format: Format,
    /// The encoding detected.
    pub encoding: decode::Encoding,
    /// Invalid byte sequences replaced while decoding.
    pub replaced: usize,
    /// The articles found, in page order.
    pub articles: Vec<Article>,
}

/// Reads a page (text or HTML, detected) into articles.
///
/// # Errors
/// [`ReadError`] when the bytes are empty, binary, or hold no article.
pub fn read_page(bytes: &[u8]) -> Result<Read, ReadError> {
    let html = extract::looks_like_html(bytes);
    let declared = if html {
        extract::declared_charset(bytes)
    } else {
        None
    };
    let dec = decode::decode(bytes, declared.as_deref())?;
    let articles = if html {
        extract::read_html(&dec)
    } else {
        page::segment(page::text_blocks(&dec))
    };
    if articles.is_empty() {
        return Err(ReadError::NoArticle);
    }
    Ok(Read {
        format: if html { Format::Html } else { Format::Text },
        encoding: dec.encoding,
        replaced: dec.replaced,
        articles,
    })
}
