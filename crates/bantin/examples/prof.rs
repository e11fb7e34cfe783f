fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let pages: Vec<Vec<u8>> = std::fs::read_dir(dir).unwrap().filter_map(|e| std::fs::read(e.unwrap().path()).ok()).collect();
    let mut k = 0;
    for _ in 0..n { for p in &pages { if let Ok(r) = bantin::read_page(p) { k += r.articles.len(); } } }
    println!("{k}");
}
