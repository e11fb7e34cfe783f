//! The store's writer lock: one writer at a time across threads and processes, taken for
//! one batch (a database transaction and its index commit) and released at once, so that a
//! server and any number of `bantin ingest` processes take turns. The operating system
//! releases it when its holder dies, so a killed writer never leaves the store locked.

use crate::{Error, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

/// The lock of one store.
pub(crate) struct WriteLock {
    path: PathBuf,
    /// Threads of this process queue here first: the file lock is per open file.
    gate: Mutex<()>,
}

/// A held lock; released when dropped.
pub(crate) struct Held<'a> {
    _file: File,
    _gate: MutexGuard<'a, ()>,
}

impl WriteLock {
    pub(crate) fn new(dir: &Path) -> WriteLock {
        WriteLock {
            path: dir.join("write.lock"),
            gate: Mutex::new(()),
        }
    }

    /// Takes the lock, waiting at most `wait`; [`Error::Busy`] when it stays taken.
    pub(crate) fn take(&self, wait: Duration) -> Result<Held<'_>> {
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(2);
        let gate = loop {
            match self.gate.try_lock() {
                Ok(g) => break g,
                Err(TryLockError::Poisoned(p)) => break p.into_inner(),
                Err(TryLockError::WouldBlock) => {}
            }
            if Instant::now() >= deadline {
                return Err(Error::busy());
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.path)
            .map_err(|e| match Error::from(e) {
                Error::ReadOnly(_, why) => {
                    Error::ReadOnly(self.path.parent().unwrap_or(&self.path).to_path_buf(), why)
                }
                e => e,
            })?;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(Held {
                        _file: file,
                        _gate: gate,
                    })
                }
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
            }
            if Instant::now() >= deadline {
                return Err(Error::busy());
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        }
    }

    /// Takes the lock only when it is free now.
    pub(crate) fn try_take(&self) -> Option<Held<'_>> {
        self.take(Duration::ZERO).ok()
    }
}
