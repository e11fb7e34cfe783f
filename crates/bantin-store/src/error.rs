//! The store's errors, by kind: what the user asked for is wrong ([`ErrorKind::BadInput`]),
//! what they named does not exist ([`ErrorKind::NotFound`]), another process holds the store
//! for a moment ([`ErrorKind::Busy`], worth trying again), or the store itself failed
//! ([`ErrorKind::Internal`]: a full disk, a read-only store, damaged files, a bug).

use crate::IngestReport;
use std::path::PathBuf;

/// What an error means to whoever answers the user (an HTTP status, an exit message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request is wrong: a bad date, a bad type, an unreadable alias file.
    BadInput,
    /// What the request names is not there.
    NotFound,
    /// Another writer holds the store; the same request later will do.
    Busy,
    /// The store failed: the caller cannot fix it by asking differently.
    Internal,
}

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A request the store cannot answer as asked (bad date, bad type).
    #[error("{0}")]
    Bad(String),
    /// The user's alias file.
    #[error("alias file: {0}")]
    Aliases(String),
    /// Something named that the store does not hold.
    #[error("{0}")]
    NotFound(String),
    /// Another process (or request) is writing to the store and did not finish in time.
    #[error("{0}")]
    Busy(String),
    /// The disk (or the file-size limit) is full.
    #[error("no room left to write the store: {0}")]
    DiskFull(String),
    /// The store's files cannot be written.
    #[error("the store in {} cannot be written (read-only): {}", .0.display(), .1)]
    ReadOnly(PathBuf, String),
    /// A store this version cannot use (another schema, an index ahead of its database).
    #[error("{0}")]
    Incompatible(String),
    /// The database.
    #[error("database: {0}")]
    Db(rusqlite::Error),
    /// The search index.
    #[error("search index: {0}")]
    Index(tantivy::TantivyError),
    /// Reading or writing files.
    #[error("{0}")]
    Io(std::io::Error),
    /// A stored record that does not read back.
    #[error("stored record {0} is damaged: {1}")]
    Damaged(i64, String),
    /// A record that could not be written as JSON (a bug: records are plain data).
    #[error("record of {0} cannot be written: {1}")]
    Encode(String, serde_json::Error),
    /// An ingest stopped part way: what it had added before is kept, and said.
    #[error(
        "stopped after adding {} pages ({} articles), which are kept: {cause}",
        kept.pages_added,
        kept.articles_added
    )]
    Interrupted {
        /// What the ingest had committed before it stopped.
        kept: Box<IngestReport>,
        /// Why it stopped.
        cause: Box<Error>,
    },
}

impl Error {
    /// The error's kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Bad(_) | Error::Aliases(_) => ErrorKind::BadInput,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Busy(_) => ErrorKind::Busy,
            Error::Interrupted { cause, .. } => cause.kind(),
            _ => ErrorKind::Internal,
        }
    }

    /// The usual busy error.
    pub(crate) fn busy() -> Error {
        Error::Busy("another process is writing to this store; try again in a moment".to_string())
    }
}

/// Errors of the operating system that say the disk is full or the store read-only.
fn os_kind(e: &std::io::Error) -> Option<Error> {
    const ENOSPC: i32 = 28;
    const EFBIG: i32 = 27;
    const EROFS: i32 = 30;
    const EDQUOT: i32 = 122;
    match e.raw_os_error() {
        Some(ENOSPC | EFBIG | EDQUOT) => Some(Error::DiskFull(e.to_string())),
        Some(EROFS) => Some(Error::ReadOnly(PathBuf::new(), e.to_string())),
        _ if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Some(Error::ReadOnly(PathBuf::new(), e.to_string()))
        }
        _ => None,
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        os_kind(&e).unwrap_or(Error::Io(e))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::busy(),
            Some(C::DiskFull) => Error::DiskFull(e.to_string()),
            Some(C::ReadOnly) => Error::ReadOnly(PathBuf::new(), e.to_string()),
            _ => Error::Db(e),
        }
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Error {
        use tantivy::TantivyError as T;
        let io = match &e {
            T::LockFailure(tantivy::directory::error::LockError::LockBusy, _) => {
                return Error::busy()
            }
            T::LockFailure(tantivy::directory::error::LockError::IoError(io), _) => {
                Some(io.as_ref())
            }
            T::IoError(io) => Some(io.as_ref()),
            T::OpenWriteError(tantivy::directory::error::OpenWriteError::IoError {
                io_error,
                ..
            }) => Some(io_error.as_ref()),
            _ => None,
        };
        io.and_then(os_kind).unwrap_or(Error::Index(e))
    }
}
