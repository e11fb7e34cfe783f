//! A small deterministic generator (xorshift), shared by the benches of bantin and
//! bantin-store (`#[path]`-included, so each bench uses what it needs).

/// The generator; the seed must not be zero.
pub struct Rng(pub u64);

#[allow(dead_code)]
impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One of `xs`.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
