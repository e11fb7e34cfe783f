//! Arrow columns as raw buffers, so batches cross into and out of pyarrow with one copy per
//! column and no loop in Python: variable-size columns (string, binary, and their large
//! forms) are read from their offsets and data buffers; the columns made are written as
//! Arrow's validity bitmap, little-endian offsets or values, and data.
//!
//! A record becomes one row: every top-level field of its JSON a column, plain strings and
//! numbers as such, nested fields (title, paragraphs, entities, …) as JSON text.

use bantin::Record;
use serde::de::{self, Visitor};
use serde_json::Value;

/// How a record field is stored in its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A 64-bit integer.
    Int,
    /// A string.
    Str,
    /// JSON text (objects and arrays).
    Json,
}

impl Kind {
    /// Its name, as the Python side reads it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Int => "int",
            Kind::Str => "str",
            Kind::Json => "json",
        }
    }
}

const INT_FIELDS: &[&str] = &["schema", "index"];
const STR_FIELDS: &[&str] = &[
    "source",
    "published",
    "published_from",
    "story",
    "topic",
    "outlet",
    "url",
];

/// The columns of a record row: every field of [`Record`], in its order (read from its
/// `Deserialize` implementation, so a field added later gets its column).
pub fn record_columns() -> Vec<(&'static str, Kind)> {
    fields_of::<Record>()
        .iter()
        .map(|&f| {
            let k = if INT_FIELDS.contains(&f) {
                Kind::Int
            } else if STR_FIELDS.contains(&f) {
                Kind::Str
            } else {
                Kind::Json
            };
            (f, k)
        })
        .collect()
}

/// The field names a struct's derived `Deserialize` asks for.
fn fields_of<'de, T: de::Deserialize<'de>>() -> &'static [&'static str] {
    let mut d = Fields(&[]);
    let _ = T::deserialize(&mut d);
    d.0
}

struct Fields(&'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fields read")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for &mut Fields {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

/// A column being built.
#[derive(Clone, Debug)]
pub enum Column {
    /// Strings: validity bitmap, i32 offsets, data.
    Str {
        /// One bit per row, set when not null.
        validity: Vec<u8>,
        /// `len + 1` offsets, little endian.
        offsets: Vec<u8>,
        /// The bytes.
        data: Vec<u8>,
        /// Rows.
        len: usize,
        /// Null rows.
        nulls: usize,
    },
    /// 64-bit integers: validity bitmap, values.
    Int {
        /// One bit per row, set when not null.
        validity: Vec<u8>,
        /// The values, little endian.
        values: Vec<u8>,
        /// Rows.
        len: usize,
        /// Null rows.
        nulls: usize,
    },
}

fn push_bit(bits: &mut Vec<u8>, i: usize, set: bool) {
    if i % 8 == 0 {
        bits.push(0);
    }
    if set {
        if let Some(b) = bits.last_mut() {
            *b |= 1 << (i % 8);
        }
    }
}

impl Column {
    /// An empty string column.
    pub fn strings() -> Column {
        Column::Str {
            validity: Vec::new(),
            offsets: 0i32.to_le_bytes().to_vec(),
            data: Vec::new(),
            len: 0,
            nulls: 0,
        }
    }

    /// An empty integer column.
    pub fn ints() -> Column {
        Column::Int {
            validity: Vec::new(),
            values: Vec::new(),
            len: 0,
            nulls: 0,
        }
    }

    /// Adds a string (or a null).
    ///
    /// # Errors
    /// When the column passes 2 GiB (Arrow's `string` limit): the batch is too large.
    pub fn push_str(&mut self, v: Option<&str>) -> Result<(), String> {
        let Column::Str {
            validity,
            offsets,
            data,
            len,
            nulls,
        } = self
        else {
            return Err("not a string column".into());
        };
        push_bit(validity, *len, v.is_some());
        if let Some(s) = v {
            data.extend_from_slice(s.as_bytes());
        } else {
            *nulls += 1;
        }
        let end = i32::try_from(data.len())
            .map_err(|_| "a column of the output passes 2 GiB: give smaller batches".to_string())?;
        offsets.extend_from_slice(&end.to_le_bytes());
        *len += 1;
        Ok(())
    }

    /// Adds an integer (or a null).
    pub fn push_int(&mut self, v: Option<i64>) {
        if let Column::Int {
            validity,
            values,
            len,
            nulls,
        } = self
        {
            push_bit(validity, *len, v.is_some());
            values.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
            if v.is_none() {
                *nulls += 1;
            }
            *len += 1;
        }
    }
}

/// Columns of record rows.
pub struct RecordColumns {
    kinds: Vec<(&'static str, Kind)>,
    /// One column per field, in [`record_columns`] order.
    pub columns: Vec<Column>,
}

impl Default for RecordColumns {
    fn default() -> Self {
        Self::new()
    }
}

impl RecordColumns {
    /// No rows yet.
    pub fn new() -> RecordColumns {
        let kinds = record_columns();
        let columns = kinds
            .iter()
            .map(|(_, k)| match k {
                Kind::Int => Column::ints(),
                _ => Column::strings(),
            })
            .collect();
        RecordColumns { kinds, columns }
    }

    /// Adds a record as a row.
    ///
    /// # Errors
    /// When a column passes 2 GiB.
    pub fn push(&mut self, r: &Record) -> Result<(), String> {
        let v = serde_json::to_value(r).map_err(|e| e.to_string())?;
        let obj = v.as_object();
        for ((name, kind), col) in self.kinds.iter().zip(&mut self.columns) {
            let f = obj.and_then(|o| o.get(*name)).filter(|f| !f.is_null());
            match kind {
                Kind::Int => col.push_int(f.and_then(Value::as_i64)),
                Kind::Str => match f {
                    Some(Value::String(s)) => col.push_str(Some(s))?,
                    Some(other) => col.push_str(Some(&other.to_string()))?,
                    None => col.push_str(None)?,
                },
                Kind::Json => col.push_str(f.map(|x| x.to_string()).as_deref())?,
            }
        }
        Ok(())
    }
}

/// Reads a variable-size column (string or binary, `large` for 64-bit offsets) of `len`
/// rows starting at row `offset` from its offsets and data buffers.
///
/// # Errors
/// When the buffers do not hold such a column.
pub fn read_column<'a>(
    offsets: &[u8],
    data: &'a [u8],
    offset: usize,
    len: usize,
    large: bool,
) -> Result<Vec<&'a [u8]>, String> {
    let w = if large { 8 } else { 4 };
    let at = |i: usize| -> Result<usize, String> {
        let b = offsets
            .get(i * w..(i + 1) * w)
            .ok_or_else(|| "offsets buffer too short".to_string())?;
        let v = if large {
            i64::from_le_bytes(b.try_into().map_err(|_| "bad offsets")?)
        } else {
            i64::from(i32::from_le_bytes(b.try_into().map_err(|_| "bad offsets")?))
        };
        usize::try_from(v).map_err(|_| "negative offset".to_string())
    };
    let mut out = Vec::with_capacity(len);
    let mut start = at(offset)?;
    for i in 0..len {
        let end = at(offset + i + 1)?;
        out.push(
            data.get(start..end)
                .ok_or_else(|| "offsets past the data buffer".to_string())?,
        );
        start = end;
    }
    Ok(out)
}
