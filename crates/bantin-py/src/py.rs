//! The native module `bantin._bantin`: the engine, its calls taking and giving JSON text
//! and Arrow buffers. The Python package (`python/bantin/__init__.py`) wraps it in the
//! public API; every call that works on many pages runs without the GIL.

use crate::arrow::{self, Column, RecordColumns};
use crate::{AliasSource, ArticleLinks, Failure, Linked};
use bantin::Record;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyBytes;
use std::path::PathBuf;

/// Page data: bytes (as read from a file) or text (taken as UTF-8).
#[derive(FromPyObject)]
enum Data {
    Bytes(PyBackedBytes),
    Str(PyBackedStr),
}

impl AsRef<[u8]> for Data {
    fn as_ref(&self) -> &[u8] {
        match self {
            Data::Bytes(b) => b.as_ref(),
            Data::Str(s) => s.as_ref(),
        }
    }
}

/// An Arrow variable-size column as buffers: (offsets, data, offset, length, large).
type ColIn = (PyBackedBytes, PyBackedBytes, usize, usize, bool);
/// A column made: (name, kind, length, null count, buffers).
type ColOut<'py> = (String, &'static str, usize, usize, Vec<Bound<'py, PyBytes>>);
/// A page skipped: (position, name, reason key, message).
type FailOut = (usize, String, &'static str, String);

fn fails(f: Vec<Failure>) -> Vec<FailOut> {
    f.into_iter()
        .map(|f| (f.position, f.name, f.skip.reason_key(), f.skip.to_string()))
        .collect()
}

fn column_rows(c: &ColIn) -> PyResult<Vec<&[u8]>> {
    arrow::read_column(&c.0, &c.1, c.2, c.3, c.4).map_err(PyValueError::new_err)
}

/// The pages of a name and a data column, which must be as long as each other.
fn page_columns<'a>(names: &'a ColIn, data: &'a ColIn) -> PyResult<Vec<(&'a str, &'a [u8])>> {
    let names = column_strs(names, "name")?;
    let data = column_rows(data)?;
    if names.len() != data.len() {
        return Err(PyValueError::new_err(
            "columns name and data differ in length",
        ));
    }
    Ok(names.into_iter().zip(data).collect())
}

fn column_strs<'a>(c: &'a ColIn, what: &str) -> PyResult<Vec<&'a str>> {
    column_rows(c)?
        .into_iter()
        .map(|b| {
            std::str::from_utf8(b)
                .map_err(|_| PyValueError::new_err(format!("column {what} is not UTF-8")))
        })
        .collect()
}

fn out<'py>(py: Python<'py>, name: &str, c: Column) -> ColOut<'py> {
    match c {
        Column::Str {
            validity,
            offsets,
            data,
            len,
            nulls,
        } => (
            name.to_string(),
            "str",
            len,
            nulls,
            vec![
                PyBytes::new(py, &validity),
                PyBytes::new(py, &offsets),
                PyBytes::new(py, &data),
            ],
        ),
        Column::Int {
            validity,
            values,
            len,
            nulls,
        } => (
            name.to_string(),
            "int",
            len,
            nulls,
            vec![PyBytes::new(py, &validity), PyBytes::new(py, &values)],
        ),
    }
}

fn record_out(py: Python<'_>, rc: RecordColumns) -> Vec<ColOut<'_>> {
    arrow::record_columns()
        .into_iter()
        .zip(rc.columns)
        .map(|((n, _), c)| out(py, n, c))
        .collect()
}

fn to_json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn records_json(records: &[Record]) -> PyResult<String> {
    to_json(&records)
}

/// The engine: the recognizer (built-in aliases and the user's), the size limit, the
/// threads. Built once, shared by every call.
#[pyclass(frozen, module = "bantin._bantin", name = "Engine")]
struct PyEngine {
    inner: crate::Engine,
}

#[pymethods]
impl PyEngine {
    #[new]
    #[pyo3(signature = (aliases = Vec::new(), alias_texts = Vec::new(), max_size_mb = crate::DEFAULT_MAX_SIZE_MB, threads = None, around = None))]
    fn new(
        aliases: Vec<PathBuf>,
        alias_texts: Vec<String>,
        max_size_mb: usize,
        threads: Option<usize>,
        around: Option<String>,
    ) -> PyResult<Self> {
        let around = around
            .map(|a| {
                bantin::Around::parse(&a).ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "around: {a:?} is no date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    ))
                })
            })
            .transpose()?;
        let sources: Vec<AliasSource> = aliases
            .into_iter()
            .map(AliasSource::Path)
            .chain(alias_texts.into_iter().map(AliasSource::Text))
            .collect();
        let inner = crate::Engine::new(&sources, max_size_mb, threads)
            .map_err(PyValueError::new_err)?
            .with_around(around);
        Ok(PyEngine { inner })
    }

    /// The command line's run over (name, data) pages: a JSON array of records, and the
    /// pages skipped.
    fn analyze(
        &self,
        py: Python<'_>,
        pages: Vec<(String, Data)>,
    ) -> PyResult<(String, Vec<FailOut>)> {
        let e = &self.inner;
        let (json, f) = py.detach(|| {
            let (records, f) = e.install(|| e.analyze(&pages));
            (records_json(&records), f)
        });
        Ok((json?, fails(f)))
    }

    /// Pages read without linking: for each article, (page position, record JSON, links
    /// JSON); and the pages skipped.
    #[allow(clippy::type_complexity)]
    fn read(
        &self,
        py: Python<'_>,
        pages: Vec<(String, Data)>,
    ) -> PyResult<(Vec<(usize, String, String)>, Vec<FailOut>)> {
        let e = &self.inner;
        let res: Result<_, String> = py.detach(|| {
            let mut arts = Vec::new();
            let mut failures = Vec::new();
            for (position, (r, (name, _))) in e.read_all(&pages).into_iter().zip(&pages).enumerate()
            {
                match r {
                    Ok(page) => {
                        for (rec, links) in crate::split(page) {
                            arts.push((
                                position,
                                serde_json::to_string(&rec).map_err(|e| e.to_string())?,
                                serde_json::to_string(&links).map_err(|e| e.to_string())?,
                            ));
                        }
                    }
                    Err(skip) => failures.push(Failure {
                        position,
                        name: name.clone(),
                        skip,
                    }),
                }
            }
            Ok((arts, failures))
        });
        let (arts, f) = res.map_err(PyValueError::new_err)?;
        Ok((arts, fails(f)))
    }

    /// Links articles given as (record JSON, links JSON) in run order: a JSON array of the
    /// linked records.
    fn link(&self, py: Python<'_>, articles: Vec<(PyBackedStr, PyBackedStr)>) -> PyResult<String> {
        let e = &self.inner;
        py.detach(|| {
            let mut records = Vec::with_capacity(articles.len());
            let mut links = Vec::with_capacity(articles.len());
            for (r, l) in &articles {
                records.push(Record::from_json(r).map_err(|e| format!("not a record: {e}"))?);
                links.push(
                    serde_json::from_str::<ArticleLinks>(l)
                        .map_err(|e| format!("not the links of an article: {e}"))?,
                );
            }
            let linked = e.install(|| e.link_signatures(links));
            let out: Vec<Record> = records
                .into_iter()
                .zip(linked)
                .map(|(r, l)| crate::merge(r, l))
                .collect();
            serde_json::to_string(&out).map_err(|e| e.to_string())
        })
        .map_err(PyValueError::new_err)
    }

    /// Arrow: pages (name and data columns) through the command line's run; record columns
    /// out, and the pages skipped.
    fn analyze_columns<'py>(
        &self,
        py: Python<'py>,
        names: ColIn,
        data: ColIn,
    ) -> PyResult<(Vec<ColOut<'py>>, Vec<FailOut>)> {
        let pages = page_columns(&names, &data)?;
        let e = &self.inner;
        let res = py.detach(|| {
            let (records, f) = e.install(|| e.analyze(&pages));
            let mut rc = RecordColumns::new();
            for r in &records {
                rc.push(r)?;
            }
            Ok::<_, String>((rc, f))
        });
        let (rc, f) = res.map_err(PyValueError::new_err)?;
        Ok((record_out(py, rc), fails(f)))
    }

    /// Arrow, the per-page step of a split run: pages in; for every article its source,
    /// index, record JSON (unlinked) and links JSON; for every page skipped a row with its
    /// name and the error only.
    fn read_columns<'py>(
        &self,
        py: Python<'py>,
        names: ColIn,
        data: ColIn,
    ) -> PyResult<Vec<ColOut<'py>>> {
        let pages = page_columns(&names, &data)?;
        let e = &self.inner;
        let cols = py.detach(|| {
            let mut source = Column::strings();
            let mut index = Column::ints();
            let mut record = Column::strings();
            let mut links = Column::strings();
            let mut error = Column::strings();
            for (r, (name, _)) in e.read_all(&pages).into_iter().zip(&pages) {
                match r {
                    Ok(page) => {
                        for (rec, l) in crate::split(page) {
                            source.push_str(Some(&rec.source))?;
                            index.push_int(i64::try_from(rec.index).ok());
                            record.push_str(Some(
                                &serde_json::to_string(&rec).map_err(|e| e.to_string())?,
                            ))?;
                            links.push_str(Some(
                                &serde_json::to_string(&l).map_err(|e| e.to_string())?,
                            ))?;
                            error.push_str(None)?;
                        }
                    }
                    Err(skip) => {
                        source.push_str(Some(name))?;
                        index.push_int(None);
                        record.push_str(None)?;
                        links.push_str(None)?;
                        error.push_str(Some(&format!("{}\t{skip}", skip.reason_key())))?;
                    }
                }
            }
            Ok::<_, String>(vec![
                ("source", source),
                ("index", index),
                ("record", record),
                ("links", links),
                ("error", error),
            ])
        });
        Ok(cols
            .map_err(PyValueError::new_err)?
            .into_iter()
            .map(|(n, c)| out(py, n, c))
            .collect())
    }

    /// Arrow, the run-level step of a split run: the links column of every article, in
    /// any order; sorted into the walk order (path components, then index), linked and
    /// grouped; source, index and linked JSON out.
    fn link_columns<'py>(&self, py: Python<'py>, links: ColIn) -> PyResult<Vec<ColOut<'py>>> {
        let rows = column_rows(&links)?;
        let e = &self.inner;
        let cols = py.detach(|| {
            let mut arts = Vec::with_capacity(rows.len());
            for r in rows {
                arts.push(
                    serde_json::from_slice::<ArticleLinks>(r)
                        .map_err(|e| format!("not the links of an article: {e}"))?,
                );
            }
            arts.sort_by(|a, b| {
                crate::run_order(
                    (&a.skeleton.source, a.skeleton.index),
                    (&b.skeleton.source, b.skeleton.index),
                )
            });
            let keys: Vec<(String, usize)> = arts
                .iter()
                .map(|a| (a.skeleton.source.clone(), a.skeleton.index))
                .collect();
            let linked = e.install(|| e.link_signatures(arts));
            let mut source = Column::strings();
            let mut index = Column::ints();
            let mut out = Column::strings();
            for ((s, i), l) in keys.into_iter().zip(linked) {
                source.push_str(Some(&s))?;
                index.push_int(i64::try_from(i).ok());
                out.push_str(Some(&serde_json::to_string(&l).map_err(|e| e.to_string())?))?;
            }
            Ok::<_, String>(vec![("source", source), ("index", index), ("linked", out)])
        });
        Ok(cols
            .map_err(PyValueError::new_err)?
            .into_iter()
            .map(|(n, c)| out(py, n, c))
            .collect())
    }

    /// Arrow, the last step of a split run: each article's record JSON and linked JSON in;
    /// record columns out.
    fn merge_columns<'py>(
        &self,
        py: Python<'py>,
        record: ColIn,
        linked: ColIn,
    ) -> PyResult<Vec<ColOut<'py>>> {
        let recs = column_rows(&record)?;
        let links = column_rows(&linked)?;
        if recs.len() != links.len() {
            return Err(PyValueError::new_err(
                "columns record and linked differ in length",
            ));
        }
        let e = &self.inner;
        let rc = py.detach(|| {
            e.install(|| {
                let mut rc = RecordColumns::new();
                for (r, l) in recs.into_iter().zip(links) {
                    let r =
                        std::str::from_utf8(r).map_err(|_| "a record is not UTF-8".to_string())?;
                    let r = Record::from_json(r).map_err(|e| format!("not a record: {e}"))?;
                    let l: Linked = serde_json::from_slice(l)
                        .map_err(|e| format!("not what linking gives: {e}"))?;
                    rc.push(&crate::merge(r, l))?;
                }
                Ok::<_, String>(rc)
            })
        });
        Ok(record_out(py, rc.map_err(PyValueError::new_err)?))
    }
}

/// The columns of a record row: (name, kind) with kind "int", "str" or "json".
#[pyfunction]
fn record_columns() -> Vec<(&'static str, &'static str)> {
    arrow::record_columns()
        .into_iter()
        .map(|(n, k)| (n, k.name()))
        .collect()
}

/// Record JSON (one object) from a row's fields given as JSON text, nulls for missing.
#[pyfunction]
fn record_from_fields(fields: PyBackedStr) -> PyResult<String> {
    let r = Record::from_json(&fields)
        .map_err(|e| PyValueError::new_err(format!("not a record: {e}")))?;
    to_json(&r)
}

#[pymodule]
fn _bantin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngine>()?;
    m.add_function(wrap_pyfunction!(record_columns, m)?)?;
    m.add_function(wrap_pyfunction!(record_from_fields, m)?)?;
    m.add("SCHEMA_VERSION", bantin::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
