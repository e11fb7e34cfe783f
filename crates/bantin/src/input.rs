//! Pages as crawls hand them over (gzip or not, of any size) made ready for reading, and
//! why a page gives nothing: what the command line and the Python package share. No I/O:
//! the caller reads the bytes.

use crate::pipeline::PageAnalysis;
use crate::ReadError;
use std::borrow::Cow;
use std::fmt;
use std::io::Read;

/// Why a page was skipped.
#[derive(Clone, Debug, PartialEq)]
pub enum Skip {
    /// The bytes could not be had (a file that cannot be read, bad gzip data).
    Io(String),
    /// The page holds no article (empty, binary, no article).
    Read(ReadError),
    /// Larger than the limit (size, limit in bytes).
    TooLarge(u64, usize),
    /// A bug met while reading the page.
    Internal,
}

impl Skip {
    /// The short reason skipped pages are counted by.
    pub fn reason_key(&self) -> &'static str {
        match self {
            Skip::Io(_) => "unreadable",
            Skip::Read(ReadError::Empty) => "empty",
            Skip::Read(ReadError::Binary) => "binary",
            Skip::Read(ReadError::NoArticle) => "without article",
            Skip::Read(_) | Skip::TooLarge(..) => "too large",
            Skip::Internal => "internal error",
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Io(e) => write!(f, "cannot read: {e}"),
            Skip::Internal => write!(
                f,
                "internal error while reading this page (please report it with the file)"
            ),
            Skip::Read(e) => write!(f, "{e}"),
            Skip::TooLarge(size, limit) => write!(
                f,
                "too large ({} MB, limit {} MB; raise the limit: --max-size-mb, or max_size_mb in Python)",
                size >> 20,
                limit >> 20
            ),
        }
    }
}

/// Gzip data (as crawls keep pages) decompressed, other bytes as they are; the size limit
/// applies to the bytes given and to what they decompress to.
///
/// # Errors
/// [`Skip::TooLarge`], or [`Skip::Io`] for bad gzip data.
pub fn unpack(data: &[u8], limit: usize) -> Result<Cow<'_, [u8]>, Skip> {
    if data.len() > limit {
        return Err(Skip::TooLarge(data.len() as u64, limit));
    }
    if data.starts_with(&[0x1f, 0x8b]) {
        let mut buf = Vec::new();
        let n = flate2::read::MultiGzDecoder::new(data)
            .take(limit as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Skip::Io(format!("bad gzip data: {e}")))?;
        if n > limit {
            return Err(Skip::TooLarge(n as u64, limit));
        }
        return Ok(buf.into());
    }
    Ok(data.into())
}

/// Reads one page through every stage but linking
/// ([`crate::Engine::analyze`], with the engine's hint of when undated articles were
/// written, if any); a bug met on the way is [`Skip::Internal`] for this page, never a crash
/// of the run.
///
/// # Errors
/// Why the page gives nothing.
pub fn read_guarded(
    name: &str,
    bytes: &[u8],
    engine: &crate::Engine,
) -> Result<PageAnalysis, Skip> {
    match std::panic::catch_unwind(|| engine.analyze(name, bytes)) {
        Err(_) => Err(Skip::Internal),
        Ok(r) => r.map_err(Skip::Read),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_is_opened_and_the_limit_holds_before_and_after() {
        let page = "Tiêu đề\nNội dung của bài báo.\n".repeat(50);
        assert_eq!(unpack(page.as_bytes(), 1 << 20).unwrap(), page.as_bytes());
        assert_eq!(
            unpack(&gz(page.as_bytes()), 1 << 20).unwrap(),
            page.as_bytes()
        );
        // small compressed, large once opened
        let big = vec![b'a'; 4096];
        assert_eq!(unpack(&gz(&big), 1000), Err(Skip::TooLarge(1001, 1000)));
        assert_eq!(unpack(&big, 1000), Err(Skip::TooLarge(4096, 1000)));
        let bad = [0x1f, 0x8b, 1, 2, 3];
        assert!(matches!(unpack(&bad, 1000), Err(Skip::Io(_))));
    }

    #[test]
    fn reasons_read_for_people() {
        assert_eq!(Skip::Read(ReadError::Empty).reason_key(), "empty");
        assert_eq!(Skip::Internal.reason_key(), "internal error");
        let s = Skip::TooLarge(3 << 20, 1 << 20).to_string();
        assert!(s.starts_with("too large (3 MB, limit 1 MB"), "{s}");
    }
}
