//! Finding pages and reading their bytes: files, directories, `.gz`, standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One page to read.
pub struct Input {
    /// The path as given (or "-").
    pub name: String,
    path: Option<PathBuf>,
}

pub use bantin::Skip;

/// What reading one page gave: every stage but linking, and warnings.
pub enum Outcome {
    Read {
        page: bantin::PageAnalysis,
        warnings: Vec<String>,
    },
    Skipped(Skip),
}

/// Expands the arguments into pages, sorted within each directory; errors met on the way
/// are returned as messages.
pub fn collect(args: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            out.push(Input {
                name: "-".into(),
                path: None,
            });
            continue;
        }
        match std::fs::metadata(a) {
            Ok(m) if m.is_dir() => {
                for e in walkdir::WalkDir::new(a)
                    .sort_by_file_name()
                    .follow_links(true)
                {
                    match e {
                        Ok(e) if e.file_type().is_file() => {
                            let p = e.path();
                            if p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.starts_with('.'))
                            {
                                continue;
                            }
                            out.push(Input {
                                name: p.display().to_string(),
                                path: Some(p.to_path_buf()),
                            });
                        }
                        Ok(_) => {}
                        Err(err) => errors.push(format!(
                            "{}: {}",
                            err.path().map_or_else(
                                || a.display().to_string(),
                                |p| p.display().to_string()
                            ),
                            io_reason(&err)
                        )),
                    }
                }
            }
            Ok(_) => out.push(Input {
                name: a.display().to_string(),
                path: Some(a.clone()),
            }),
            Err(e) => errors.push(format!("{}: {e}", a.display())),
        }
    }
    (out, errors)
}

fn io_reason(e: &walkdir::Error) -> String {
    e.io_error()
        .map_or_else(|| e.to_string(), |io| io.to_string())
}

fn read_limited(r: impl Read, limit: usize) -> std::io::Result<Result<Vec<u8>, u64>> {
    let mut buf = Vec::new();
    let n = r.take(limit as u64 + 1).read_to_end(&mut buf)?;
    if n > limit {
        return Ok(Err(n as u64));
    }
    Ok(Ok(buf))
}

pub fn bytes_of(inp: &Input, limit: usize) -> Result<Vec<u8>, Skip> {
    let raw = match &inp.path {
        None => read_limited(std::io::stdin().lock(), limit),
        Some(p) => {
            if let Ok(m) = std::fs::metadata(p) {
                if m.len() as usize > limit && !is_gz(p) {
                    return Err(Skip::TooLarge(m.len(), limit));
                }
            }
            std::fs::File::open(p).and_then(|f| read_limited(f, limit))
        }
    }
    .map_err(|e| Skip::Io(e.to_string()))?
    .map_err(|n| Skip::TooLarge(n, limit))?;
    Ok(bantin::unpack(&raw, limit)?.into_owned())
}

fn is_gz(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "gz")
}

/// Reads one page into records and recognises the names in its articles.
pub fn process(inp: &Input, limit: usize, engine: &bantin::Engine) -> Outcome {
    let bytes = match bytes_of(inp, limit) {
        Ok(b) => b,
        Err(s) => return Outcome::Skipped(s),
    };
    match engine.analyze_guarded(&inp.name, &bytes) {
        Ok(page) => {
            let mut warnings = Vec::new();
            if page.replaced > 0 {
                warnings.push(format!(
                    "{} invalid byte sequences replaced by U+FFFD ({})",
                    page.replaced,
                    page.encoding.name()
                ));
            }
            Outcome::Read { page, warnings }
        }
        Err(e) => Outcome::Skipped(e),
    }
}
