//! How a stored article is laid out in the database: its record as compressed JSON.
//! What can be made from the record (its search text, its signatures for copies and
//! stories) is not kept beside it.

use crate::{Error, Result};
use bantin::Record;

/// Record JSON is kept compressed (zstd): it is most of a store's size.
pub(crate) fn encode_record(r: &Record) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(r).map_err(|e| Error::Encode(r.source.clone(), e))?;
    Ok(zstd::bulk::compress(&json, 3)?)
}

/// A stored record; `id` names it in errors.
pub(crate) fn decode_record(id: i64, bytes: &[u8]) -> Result<Record> {
    let json = if bytes.first() == Some(&b'{') {
        bytes.to_vec() // a store of schema 1, before it is migrated
    } else {
        zstd::stream::decode_all(bytes).map_err(|e| Error::Damaged(id, e.to_string()))?
    };
    let text = std::str::from_utf8(&json).map_err(|e| Error::Damaged(id, e.to_string()))?;
    Record::from_json(text).map_err(|e| Error::Damaged(id, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_the_same_and_damage_is_an_error() {
        let page = "Hà Nội mở rộng đường Vành đai 4\n\
            Ngày 3/5/2024, thành phố Hà Nội khởi công mở rộng đường Vành đai 4. \
            Ông Ivan Petrovsky cho biết tuyến đường sẽ giảm ùn tắc.\n";
        let engine = bantin::Engine::builtin();
        let read = engine.analyze("a.txt", page.as_bytes()).unwrap();
        let r = engine.link_only(vec![read]).0.remove(0);
        let b = encode_record(&r).unwrap();
        let back = decode_record(1, &b).unwrap();
        assert_eq!(back, r);
        // what grouping reads is the same from the stored record
        assert_eq!(back.signature(), r.signature());
        assert!(matches!(
            decode_record(9, &b[..b.len() / 2]),
            Err(Error::Damaged(9, _))
        ));
        assert!(matches!(
            decode_record(9, b"{\"schema\""),
            Err(Error::Damaged(9, _))
        ));
    }
}
