//! What the tests of the binary share.

/// Places the generated pages take turns to name.
pub const PLACES: [&str; 6] = [
    "Hà Nội",
    "Huế",
    "Đà Nẵng",
    "Cần Thơ",
    "Hải Phòng",
    "Nha Trang",
];
