use std::io::Read;
fn main() {
    let needle = std::env::args().nth(1).unwrap();
    let mut b = vec![];
    std::io::stdin().read_to_end(&mut b).unwrap();
    let cs = bantin::extract::declared_charset(&b);
    let d = bantin::decode::decode(&b, cs.as_deref()).unwrap();
    for l in bantin::extract::debug_path(&d, &needle) {
        println!("{l}");
    }
}
