"""Demo data for `manage.py seed_demo`: units, people of every role and the
home page. All text here was written for this project; the facts (decree
numbers, institutions) come from the public background article in shared/.

Passwords are for local demonstration only and are listed in the README.
"""

from dataclasses import dataclass

from lms import roles

DEMO_PASSWORD = "hoctap-2026"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    short_name: str
    governing_body: str
    address: str


@dataclass(frozen=True)
class DemoPerson:
    username: str
    family_name: str
    given_name: str
    role: str | None  # group name; None for the administrator
    unit_code: str
    rank_code: str = ""
    staff_code: str = ""
    agency: str = ""
    position: str = ""
    date_of_birth: str = ""  # ISO
    superuser: bool = False


UNITS = [
    DemoUnit(
        code="hoc-vien-hanh-chinh",
        name="Học viện Hành chính và Quản trị công",
        short_name="HVHCQTC",
        governing_body="Bộ Nội vụ",
        address="77 Nguyễn Chí Thanh, Đống Đa, Hà Nội",
    ),
    DemoUnit(
        code="truong-chinh-tri-tinh-demo",
        name="Trường Chính trị tỉnh Phú Thọ (dữ liệu mẫu)",
        short_name="TCT Phú Thọ",
        governing_body="Tỉnh ủy Phú Thọ",
        address="Phường Việt Trì, tỉnh Phú Thọ",
    ),
]

PEOPLE = [
    DemoPerson(
        username="quantri",
        family_name="Nguyễn Văn",
        given_name="Quản",
        role=None,
        unit_code="hoc-vien-hanh-chinh",
        superuser=True,
    ),
    DemoPerson(
        username="quanly",
        family_name="Trần Thị",
        given_name="Hạnh",
        role=roles.MANAGERS,
        unit_code="hoc-vien-hanh-chinh",
        rank_code="01.002",
        agency="Học viện Hành chính và Quản trị công",
        position="Phó Trưởng phòng Quản lý đào tạo",
    ),
    DemoPerson(
        username="giangvien",
        family_name="Lê Minh",
        given_name="Đức",
        role=roles.LECTURERS,
        unit_code="hoc-vien-hanh-chinh",
        rank_code="01.002",
        agency="Khoa Nhà nước và Pháp luật",
        position="Giảng viên chính",
    ),
    DemoPerson(
        username="thuthu",
        family_name="Phạm Thu",
        given_name="Trang",
        role=roles.LIBRARIANS,
        unit_code="hoc-vien-hanh-chinh",
        rank_code="01.003",
        agency="Trung tâm Thông tin - Thư viện",
        position="Thủ thư",
    ),
    DemoPerson(
        username="hocvien",
        family_name="Đào Quang",
        given_name="Anh",
        role=roles.LEARNERS,
        unit_code="truong-chinh-tri-tinh-demo",
        rank_code="01.003",
        staff_code="PT-2026-0001",
        agency="Sở Nội vụ tỉnh Phú Thọ",
        position="Chuyên viên",
        date_of_birth="1990-05-12",
    ),
    DemoPerson(
        username="hocvien2",
        family_name="Dương Thị",
        given_name="Ánh",
        role=roles.LEARNERS,
        unit_code="truong-chinh-tri-tinh-demo",
        rank_code="01.004",
        staff_code="PT-2026-0002",
        agency="Ủy ban nhân dân xã Lương Sơn, tỉnh Phú Thọ",
        position="Cán sự",
        date_of_birth="1995-11-03",
    ),
]

HOME_TITLE = "Học tập trực tuyến cho cán bộ, công chức, viên chức"
HOME_INTRODUCTION = (
    "Một nơi chung để các cơ sở đào tạo, bồi dưỡng đăng bài giảng điện tử, chia sẻ học liệu "
    "và tình huống quản lý, tổ chức kiểm tra trực tuyến, theo dõi tiến độ học tập và cấp "
    "chứng chỉ có thể tra cứu."
)
HOME_BODY = [
    ("heading", "Học ở đâu, lúc nào cũng được"),
    (
        "paragraph",
        "<p>Học viên ghi danh vào chương trình bồi dưỡng theo ngạch, theo chức vụ lãnh đạo, "
        "quản lý hoặc theo vị trí việc làm, rồi học các chuyên đề bằng bài giảng điện tử trên "
        "máy tính hay điện thoại. Tiến độ được lưu lại sau mỗi bài, nên có thể dừng giữa chừng "
        "và học tiếp vào hôm sau.</p>",
    ),
    (
        "callout",
        {
            "title": "Căn cứ pháp lý",
            "text": "<p>Nội dung và hình thức bồi dưỡng bám theo Nghị định số 101/2017/NĐ-CP "
            "và Nghị định số 89/2021/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định này. Mỗi "
            "chương trình ghi rõ căn cứ, thời lượng (tiết) và điều kiện đạt để dễ cập nhật khi "
            "văn bản thay đổi.</p>",
        },
    ),
    ("heading", "Dành cho từng người"),
    (
        "paragraph",
        "<ul><li><b>Học viên</b>: ghi danh, học bài giảng, làm bài kiểm tra, xem kết quả và "
        "chứng chỉ của mình.</li><li><b>Giảng viên</b>: soạn bài giảng, tình huống và ngân hàng "
        "câu hỏi, ra đề thi, chấm bài tự luận.</li><li><b>Thủ thư</b>: duyệt và mô tả tài liệu "
        "của thư viện số dùng chung.</li><li><b>Cán bộ quản lý đào tạo</b>: mở lớp bồi dưỡng, "
        "theo dõi chuyên cần và kết quả, cấp chứng chỉ.</li></ul>",
    ),
]
