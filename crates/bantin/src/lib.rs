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
pub use digest::{Digest, Grouping};
pub use engine::{Config, Engine, Error};
pub use entities::kb::{AliasError, AliasFile};
pub use entities::{Entity, EntityType, Lexicon, LexiconError};
pub use offsets::{OffsetMap, Span};
pub use page::{Article, Kind, Paragraph};
pub use pipeline::{Linked, PageAnalysis};
pub use reasoned::Around;
pub use record::{EntityRecord, EventRecord, QuoteRecord, Record, SpeakerRecord, SCHEMA_VERSION};

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
