//! Near-duplicates: MinHash over syllable shingles with locality-sensitive hashing, so the
//! cost grows with the number of texts, not with its square.
//!
//! The signature is one-permutation MinHash (one hash per shingle, the minimum kept in each
//! of [`BINS`] bins, empty bins filled from their neighbours), so a text costs one pass over
//! its shingles. Texts that agree on every row of one of [`BANDS`] bands are candidates;
//! a candidate is a duplicate when the signatures agree on at least the threshold's share
//! of bins (an estimate of the Jaccard similarity of the shingle sets).

use super::text::{mix, shingles};
use crate::union_find::{find, union_lower};
use rustc_hash::FxHashMap;

/// Bins of a signature.
pub const BINS: usize = 64;
/// Bands of the LSH index (each `BINS / BANDS` rows).
pub const BANDS: usize = 16;
const ROWS: usize = BINS / BANDS;
/// Syllables per shingle.
pub const SHINGLE: usize = 3;
/// Texts with fewer shingles than this are never called duplicates.
pub const MIN_SHINGLES: usize = 8;

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; BINS]);

impl Signature {
    /// The signature of a text given as syllable hashes; `None` when it is too short.
    pub fn of(words: &[u64]) -> Option<Signature> {
        if words.len() < MIN_SHINGLES + SHINGLE - 1 {
            return None;
        }
        let mut bins = [u32::MAX; BINS];
        let mut filled = [false; BINS];
        for h in shingles(words, SHINGLE) {
            let h = mix(h);
            let b = (h >> 58) as usize; // top 6 bits: the bin
            let v = h as u32;
            if v <= bins[b] {
                bins[b] = v;
                filled[b] = true;
            }
        }
        // densify: an empty bin takes the value of the next filled bin to its right, marked
        // by the distance so that two texts agree only when they agree there
        let mut out = bins;
        for b in 0..BINS {
            if filled[b] {
                continue;
            }
            let mut k = 1;
            while k < BINS && !filled[(b + k) % BINS] {
                k += 1;
            }
            out[b] = mix(bins[(b + k) % BINS] as u64 ^ (k as u64) << 40) as u32;
        }
        Some(Signature(out))
    }

    /// The signature as bytes (little-endian), for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A signature read back from [`Signature::to_bytes`]; `None` when the length is wrong.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != BINS * 4 {
            return None;
        }
        let mut out = [0u32; BINS];
        for (o, c) in out.iter_mut().zip(b.chunks_exact(4)) {
            *o = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(Signature(out))
    }

    /// The estimated Jaccard similarity of two texts' shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / BINS as f64
    }

    fn band(&self, i: usize) -> u64 {
        let mut h = i as u64;
        for &v in &self.0[i * ROWS..(i + 1) * ROWS] {
            h = mix(h ^ v as u64);
        }
        h
    }
}

/// Groups near-duplicate texts: for every text, the index of the first text of its group
/// (itself when it has no earlier duplicate). Texts without a signature stand alone.
pub fn groups(sigs: &[Option<Signature>], threshold: f64) -> Vec<usize> {
    let n = sigs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut buckets: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, s) in sigs.iter().enumerate() {
        let Some(s) = s else { continue };
        for b in 0..BANDS {
            let list = buckets.entry(s.band(b)).or_default();
            // compare with the first members of the bucket only: a bucket of many copies
            // stays linear, and copies of copies still meet through the first
            for &j in list.iter().take(4) {
                if find(&mut parent, i) == find(&mut parent, j) {
                    continue;
                }
                if let Some(t) = &sigs[j] {
                    if s.similarity(t) >= threshold {
                        union_lower(&mut parent, i, j);
                    }
                }
            }
            if list.len() < 4 {
                list.push(i);
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::text::syllable_hashes;

    fn sig(s: &str) -> Option<Signature> {
        Signature::of(&syllable_hashes(s))
    }

    const A: &str = "Bộ Công Thương và Bộ Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15 giờ chiều nay, \
        xăng RON 95 giảm 320 đồng mỗi lít, dầu diesel giảm 250 đồng mỗi lít, đây là lần giảm thứ ba liên tiếp \
        trong tháng và các doanh nghiệp đầu mối được yêu cầu niêm yết giá mới ngay tại cửa hàng.";

    #[test]
    fn copies_with_small_edits_are_duplicates() {
        let b = A
            .replace("chiều nay", "chiều 21/11")
            .replace("ngay tại", "tại");
        let c = "Mưa lớn kéo dài ở các tỉnh miền Trung khiến nhiều tuyến đường bị ngập sâu, \
            chính quyền địa phương đã sơ tán hàng nghìn hộ dân tới nơi an toàn và cấm tàu thuyền ra khơi \
            cho đến khi thời tiết tốt hơn theo thông báo của ban chỉ huy phòng chống thiên tai.";
        let sigs = vec![sig(A), sig(c), sig(&b), sig("ngắn quá")];
        assert!(
            sigs[0]
                .as_ref()
                .unwrap()
                .similarity(sigs[2].as_ref().unwrap())
                > 0.5
        );
        assert_eq!(groups(&sigs, 0.5), vec![0, 1, 0, 3]);
    }

    #[test]
    fn bytes_round_trip() {
        let s = sig(A).unwrap();
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn many_copies_stay_linear_and_grouped() {
        let sigs: Vec<_> = (0..5000).map(|_| sig(A)).collect();
        assert!(groups(&sigs, 0.8).iter().all(|&g| g == 0));
    }
}
