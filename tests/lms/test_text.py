import unicodedata

from lms.text import collation_key, fold, nfc, person_sort_key


def test_fold_strips_diacritics_and_d_stroke():
    assert fold("QUẢN LÝ NHÀ NƯỚC") == "quan ly nha nuoc"
    assert fold("Đà Nẵng") == "da nang"


def test_fold_handles_nfd_input():
    decomposed = unicodedata.normalize("NFD", "quản lý nhà nước")
    assert decomposed != "quản lý nhà nước"
    assert fold(decomposed) == "quan ly nha nuoc"


def test_nfc_normalises_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert nfc(decomposed) == "Nguyễn"
    assert len(nfc(decomposed)) == 6


def test_vietnamese_alphabet_order():
    words = ["Đào", "Dương", "Ăn", "An", "Bình", "Ấm", "Ơn", "Ông", "Ô", "Uyên", "Ưng"]
    assert sorted(words, key=collation_key) == [
        "An", "Ăn", "Ấm", "Bình", "Dương", "Đào", "Ô", "Ông", "Ơn", "Uyên", "Ưng",
    ]  # fmt: skip


def test_tone_only_breaks_ties_so_anh_is_followed_by_anh_with_acute():
    assert sorted(["Ao", "Ánh", "Anh", "An"], key=collation_key) == ["An", "Anh", "Ánh", "Ao"]


def test_person_sort_key_orders_by_given_name_first():
    people = [
        ("Trần Văn", "Bình"),
        ("Lê Thị", "Anh"),
        ("Bùi", "Anh"),
        ("Đỗ", "Đào"),
        ("Vũ", "Dương"),
    ]
    ordered = sorted(people, key=lambda p: person_sort_key(family_name=p[0], given_name=p[1]))
    assert ordered == [
        ("Bùi", "Anh"),
        ("Lê Thị", "Anh"),
        ("Trần Văn", "Bình"),
        ("Vũ", "Dương"),
        ("Đỗ", "Đào"),
    ]


def test_collation_key_is_digits_only_so_every_database_sorts_it_alike():
    assert collation_key("Nguyễn Thị Ánh Đào").isdigit()
