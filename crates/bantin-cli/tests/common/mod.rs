//! What the tests of the binary share.

/// Places the generated pages take turns to name.
const PLACES: [&str; 6] = [
    "Hà Nội",
    "Huế",
    "Đà Nẵng",
    "Cần Thơ",
    "Hải Phòng",
    "Nha Trang",
];

/// Page `i` of a generated set: one article opening `thing` (its own number, date, place
/// and person, `person` followed by the number).
pub fn page(i: usize, thing: &str, person: &str) -> String {
    let place = PLACES[i % PLACES.len()];
    format!(
        "{place} khánh thành {thing} số {i}\n\
         Ngày {}/{}/2024, {place} khánh thành {thing} số {i} với tổng vốn {} tỷ đồng. \
         Ông {person}{i} cho biết công trình phục vụ khoảng {} nghìn người dân.\n\
         Theo kế hoạch, giai đoạn hai sẽ hoàn thành trong năm {}.\n",
        1 + i % 28,
        1 + i % 12,
        100 + i,
        10 + i % 90,
        2025 + i % 3
    )
}
