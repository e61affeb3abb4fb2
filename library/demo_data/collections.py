"""The curated collections of the demo, shown on the library home."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCollection:
    slug: str
    title: str
    introduction: str
    entries: tuple[str, ...]  # slugs of library items and case studies, in order


COLLECTIONS = [
    DemoCollection(
        slug="van-ban-ve-chuyen-doi-so",
        title="Văn bản về chuyển đổi số",
        introduction=(
            "Những văn bản định hướng và pháp lý chính về chuyển đổi số, Chính phủ số và dữ "
            "liệu số, theo thứ tự thời gian: từ Nghị quyết số 52-NQ/TW năm 2019 đến Luật Dữ liệu "
            "năm 2024. Cuối danh sách là một tình huống để thảo luận."
        ),
        entries=(
            "nghi-quyet-52-nq-tw",
            "chi-thi-01-ct-ttg",
            "quyet-dinh-749-qd-ttg",
            "quyet-dinh-942-qd-ttg",
            "quyet-dinh-06-qd-ttg",
            "luat-giao-dich-dien-tu-2023",
            "luat-du-lieu-2024",
            "tinh-huong-chuyen-doi-so-cap-xa-danh-sach-nguoi-cao-tuoi-bi-lo",
        ),
    ),
    DemoCollection(
        slug="dao-tao-boi-duong-can-bo-cong-chuc",
        title="Đào tạo, bồi dưỡng cán bộ, công chức",
        introduction=(
            "Căn cứ pháp lý và tài liệu cho công tác đào tạo, bồi dưỡng: Nghị định số "
            "101/2017/NĐ-CP và văn bản sửa đổi, luật về cán bộ, công chức, viên chức, tài liệu "
            "bồi dưỡng theo ngạch và nghiên cứu về chuyển đổi số trong bồi dưỡng."
        ),
        entries=(
            "nghi-dinh-101-2017-nd-cp",
            "nghi-dinh-89-2021-nd-cp",
            "luat-can-bo-cong-chuc-2025",
            "luat-vien-chuc-2010",
            "tai-lieu-boi-duong-ngach-chuyen-vien-nha-nuoc-va-quan-ly-nha-nuoc",
            "tai-lieu-boi-duong-ngach-chuyen-vien-chinh-ky-nang-tham-muu",
            "bai-bao-chuyen-doi-so-trong-dao-tao-boi-duong-ve-quan-ly-nha-nuoc",
            "de-tai-kho-hoc-lieu-so-dung-chung",
        ),
    ),
]
