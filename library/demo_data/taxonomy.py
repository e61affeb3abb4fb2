"""Issuing bodies and the subject taxonomy of the library demo."""

HOC_VIEN = "Học viện Hành chính và Quản trị công"
TRUONG_TINH = "Trường Chính trị tỉnh Phú Thọ (dữ liệu mẫu)"

# (name, short name); the two schools are the demo training units (lms.demo.UNITS).
ISSUING_BODIES = [
    ("Bộ Chính trị", "BCT"),
    ("Quốc hội", "QH"),
    ("Chính phủ", "CP"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Bộ Nội vụ", "BNV"),
    (HOC_VIEN, "HVHCQTC"),
    (TRUONG_TINH, "TCT Phú Thọ"),
]

# Broader subject -> narrower subjects. Items name a subject as "Broader" or
# "Broader › Narrower".
SUBJECTS = {
    "Quản lý nhà nước": [
        "Tổ chức bộ máy",
        "Công vụ, công chức",
        "Thủ tục hành chính",
        "Tiếp công dân, khiếu nại, tố cáo",
    ],
    "Chuyển đổi số": ["Chính phủ số", "Dữ liệu số", "An toàn thông tin"],
    "Đào tạo, bồi dưỡng": [],
    "Kỹ năng": [
        "Soạn thảo văn bản",
        "Tham mưu",
        "Lãnh đạo, quản lý",
        "Giao tiếp công vụ",
        "Kỹ năng số",
    ],
}
SEPARATOR = " › "
