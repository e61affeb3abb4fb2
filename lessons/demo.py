"""Demo programs, courses and lessons for `manage.py seed_demo`.

Two programs (bồi dưỡng ngạch chuyên viên; bồi dưỡng lãnh đạo, quản lý cấp
phòng), their courses and e-lectures, one H5P activity, and enrolments with
some progress for the demo learners. All teaching text was written for this
project; facts (document numbers, dates, institutions) come from public legal
texts and the background article in shared/. Programs' lengths and pass rules
are illustrative.

The content is data (the dataclasses below); the builders at the end of the
module turn it into pages through the lessons services. If either demo program
already exists under the program index, nothing is created or changed.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from lessons import services
from lessons.models import (
    CourseLecturer,
    CoursePage,
    LessonPage,
    ProgramIndexPage,
    ProgramKind,
    ProgramPage,
)
from lessons.models.pages import CompletionMode, EnrolmentPolicy, LecturerKind
from lms.models import Rank, TrainingUnit

H5P_DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "true-false.h5p"
H5P_DEMO_TITLE = "Hoạt động H5P mẫu: câu hỏi Đúng/Sai"
LECTURER = "giangvien"
MANAGER = "quanly"

LEGAL_BASIS = (
    "Nghị định số 101/2017/NĐ-CP ngày 01/9/2017 của Chính phủ về đào tạo, bồi dưỡng cán bộ, "
    "công chức, viên chức\n"
    "Nghị định số 89/2021/NĐ-CP ngày 18/10/2021 của Chính phủ sửa đổi, bổ sung một số điều "
    "của Nghị định số 101/2017/NĐ-CP"
)
HIEN_PHAP = "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013"


# --- Helpers that keep the lesson bodies below readable ----------------------


def _heading(text):
    return ("heading", text)


def _text(html):
    return ("paragraph", html)


def _callout(title, html):
    return ("callout", {"title": title, "text": html})


def _law(text, source):
    return ("legal_quote", {"text": text, "source": source, "link": ""})


def _table(caption, header, *rows):
    return (
        "table",
        {
            "data": [list(header), *(list(row) for row in rows)],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    )


def _h5p(caption):
    # The package is uploaded when the demo is built; see _lesson_body.
    return ("h5p", {"caption": caption})


@dataclass(frozen=True)
class DemoLesson:
    slug: str
    title: str
    body: list
    minutes: int = 15
    required: bool = True
    mode: str = CompletionMode.VIEW
    min_minutes: int = 0


@dataclass(frozen=True)
class DemoCourse:
    slug: str
    title: str
    summary: str
    objectives: str
    policy: str
    lessons: list[DemoLesson]


@dataclass(frozen=True)
class DemoProgram:
    slug: str
    title: str
    kind_code: str
    unit_code: str
    rank_codes: list[str]
    target_positions: str
    periods: int
    description: str
    courses: list[DemoCourse]
    legal_basis: str = LEGAL_BASIS
    min_attendance_percent: int = 80
    pass_mark: Decimal = Decimal("5.00")


@dataclass(frozen=True)
class DemoStudy:
    """A learner's enrolment in a course and what they have done in it."""

    username: str
    course_slug: str
    by: str | None = None  # the manager who enrols them; None: the learner asks
    viewed: list[str] = field(default_factory=list)  # lesson slugs, in order
    finished: list[str] = field(default_factory=list)  # lessons marked "đã học xong"


# --- Program 1: bồi dưỡng ngạch chuyên viên -----------------------------------

COURSE_QLNN = DemoCourse(
    slug="tong-quan-ve-quan-ly-nha-nuoc",
    title="Tổng quan về quản lý nhà nước",
    summary=(
        "Những khái niệm nền tảng về nhà nước, quyền lực nhà nước và bộ máy hành chính; vị trí, "
        "nghĩa vụ và đạo đức của người công chức trong nền công vụ."
    ),
    objectives=(
        "<ul><li>Trình bày được bản chất của Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam và "
        "nguyên tắc tổ chức quyền lực nhà nước.</li>"
        "<li>Phân biệt được quản lý nhà nước theo nghĩa rộng và quản lý hành chính nhà nước.</li>"
        "<li>Mô tả được hệ thống cơ quan hành chính nhà nước từ trung ương đến địa phương.</li>"
        "<li>Vận dụng được các chuẩn mực đạo đức công vụ trong công việc hằng ngày.</li></ul>"
    ),
    policy=EnrolmentPolicy.OPEN,
    lessons=[
        DemoLesson(
            slug="nha-nuoc-va-quyen-luc-nha-nuoc",
            title="Bài 1. Nhà nước và quyền lực nhà nước",
            minutes=20,
            body=[
                _heading("Nhà nước là gì?"),
                _text(
                    "<p>Nhà nước là một tổ chức đặc biệt của quyền lực chính trị. Nó có một bộ "
                    "máy chuyên làm nhiệm vụ quản lý xã hội, ban hành pháp luật và bảo đảm cho "
                    "pháp luật được thực hiện. Khác với mọi tổ chức khác, nhà nước quản lý dân cư "
                    "theo lãnh thổ, nắm chủ quyền quốc gia, ban hành những quy tắc có hiệu lực "
                    "với mọi người và có quyền đặt ra, thu các loại thuế.</p>"
                    "<p>Những đặc trưng ấy giải thích vì sao quyết định của cơ quan nhà nước có "
                    "tính bắt buộc chung. Quyết định đó không dựa trên sự thỏa thuận tự nguyện "
                    "của các bên như một hợp đồng dân sự, mà dựa trên quyền lực công được Hiến "
                    "pháp và pháp luật trao cho.</p>"
                ),
                _heading("Nhà nước pháp quyền xã hội chủ nghĩa"),
                _text(
                    "<p>Hiến pháp năm 2013 xác định bản chất của Nhà nước ta ngay ở Điều 2. Có ba "
                    "ý cần nắm vững: mọi quyền lực nhà nước thuộc về Nhân dân; Nhà nước được tổ "
                    "chức và hoạt động theo Hiến pháp và pháp luật; quyền lực nhà nước là thống "
                    "nhất nhưng có sự phân công, phối hợp và kiểm soát giữa các cơ quan.</p>"
                ),
                _law(
                    "Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền xã hội "
                    "chủ nghĩa của Nhân dân, do Nhân dân, vì Nhân dân.",
                    f"Khoản 1 Điều 2 {HIEN_PHAP}",
                ),
                _law(
                    "Quyền lực nhà nước là thống nhất, có sự phân công, phối hợp, kiểm soát giữa "
                    "các cơ quan nhà nước trong việc thực hiện các quyền lập pháp, hành pháp, tư "
                    "pháp.",
                    f"Khoản 3 Điều 2 {HIEN_PHAP}",
                ),
                _text(
                    "<p>Theo cơ chế đó, Quốc hội thực hiện quyền lập hiến, quyền lập pháp; Chính "
                    "phủ thực hiện quyền hành pháp; Tòa án nhân dân thực hiện quyền tư pháp; Viện "
                    "kiểm sát nhân dân thực hành quyền công tố và kiểm sát hoạt động tư pháp. Sự "
                    "phân công giúp mỗi cơ quan tập trung vào chức năng của mình, sự phối hợp "
                    "giữ cho bộ máy vận hành thống nhất, còn cơ chế kiểm soát ngăn ngừa việc lạm "
                    "quyền.</p>"
                ),
                _callout(
                    "Ghi nhớ",
                    "<p>Công chức thực thi quyền lực nhà nước <b>thay mặt Nhân dân</b>. Mọi quyết "
                    "định hành chính đều phải có căn cứ pháp luật, đúng thẩm quyền và đúng trình "
                    "tự, thủ tục.</p>",
                ),
                _heading("Câu hỏi ôn tập"),
                _text(
                    "<ol><li>Vì sao nói quyền lực nhà nước ở nước ta là thống nhất?</li>"
                    "<li>Hãy nêu một ví dụ về sự phối hợp và một ví dụ về sự kiểm soát giữa các "
                    "cơ quan nhà nước mà anh/chị biết.</li></ol>"
                ),
            ],
        ),
        DemoLesson(
            slug="quan-ly-nha-nuoc-va-bo-may-hanh-chinh",
            title="Bài 2. Quản lý nhà nước và bộ máy hành chính",
            minutes=25,
            body=[
                _heading("Quản lý nhà nước theo nghĩa rộng và nghĩa hẹp"),
                _text(
                    "<p>Theo nghĩa rộng, quản lý nhà nước là toàn bộ hoạt động của bộ máy nhà "
                    "nước — lập pháp, hành pháp và tư pháp — nhằm tác động, điều chỉnh các quá "
                    "trình xã hội và hành vi của con người. Theo nghĩa hẹp, nghĩa thường dùng "
                    "trong các chương trình bồi dưỡng, quản lý nhà nước là <b>quản lý hành chính "
                    "nhà nước</b>: hoạt động chấp hành và điều hành của Chính phủ, các bộ, cơ "
                    "quan ngang bộ và Ủy ban nhân dân các cấp.</p>"
                    "<p>Quản lý hành chính nhà nước có mấy đặc điểm nổi bật. Nó mang tính quyền "
                    "lực nhà nước, nên quyết định của chủ thể quản lý có hiệu lực bắt buộc. Nó "
                    "có tính chấp hành, vì mọi hoạt động đều nhằm đưa Hiến pháp, luật và nghị "
                    "quyết vào đời sống. Nó diễn ra liên tục, trên mọi lĩnh vực, và do một đội "
                    "ngũ chuyên nghiệp là cán bộ, công chức thực hiện.</p>"
                ),
                _heading("Chính phủ và hệ thống cơ quan hành chính"),
                _law(
                    "Chính phủ là cơ quan hành chính nhà nước cao nhất của nước Cộng hòa xã hội "
                    "chủ nghĩa Việt Nam, thực hiện quyền hành pháp, là cơ quan chấp hành của "
                    "Quốc hội.",
                    f"Điều 94 {HIEN_PHAP}",
                ),
                _text(
                    "<p>Dưới Chính phủ là các bộ và cơ quan ngang bộ; mỗi cơ quan quản lý nhà "
                    "nước về một hoặc một số ngành, lĩnh vực trên phạm vi cả nước. Ở địa phương, "
                    "Ủy ban nhân dân do Hội đồng nhân dân cùng cấp bầu ra, vừa là cơ quan chấp "
                    "hành của Hội đồng nhân dân, vừa là cơ quan hành chính nhà nước ở địa "
                    "phương. Giúp Ủy ban nhân dân quản lý từng ngành, lĩnh vực là các cơ quan "
                    "chuyên môn như sở, phòng.</p>"
                ),
                _callout(
                    "Thẩm quyền chung và thẩm quyền chuyên môn",
                    "<p>Chính phủ và Ủy ban nhân dân có <b>thẩm quyền chung</b>: quản lý mọi lĩnh "
                    "vực trong phạm vi cả nước hoặc địa phương. Bộ, cơ quan ngang bộ, sở và "
                    "phòng có <b>thẩm quyền chuyên môn</b>: quản lý một ngành, lĩnh vực. Khi "
                    "tham mưu một việc, trước hết hãy xác định việc đó thuộc thẩm quyền của "
                    "ai.</p>",
                ),
                _heading("Các nguyên tắc cơ bản"),
                _text(
                    "<ul><li><b>Pháp chế</b>: mọi hoạt động quản lý phải dựa trên pháp luật và "
                    "trong khuôn khổ pháp luật.</li>"
                    "<li><b>Tập trung dân chủ</b>: bảo đảm sự chỉ đạo thống nhất, đồng thời phát "
                    "huy trí tuệ tập thể và tính chủ động của cấp dưới.</li>"
                    "<li><b>Kết hợp quản lý theo ngành với quản lý theo lãnh thổ</b>: tránh chồng "
                    "chéo giữa bộ, ngành và chính quyền địa phương.</li>"
                    "<li><b>Công khai, minh bạch</b>: người dân được biết, được tham gia và giám "
                    "sát hoạt động của cơ quan hành chính.</li></ul>"
                ),
            ],
        ),
        DemoLesson(
            slug="cong-vu-va-dao-duc-cong-vu",
            title="Bài 3. Công vụ và đạo đức công vụ",
            minutes=20,
            mode=CompletionMode.MANUAL,
            body=[
                _heading("Hoạt động công vụ"),
                _text(
                    "<p>Hoạt động công vụ là việc cán bộ, công chức thực hiện nhiệm vụ, quyền hạn "
                    "được giao theo quy định của pháp luật. Công vụ nhằm phục vụ Nhân dân và xã "
                    "hội, được bảo đảm bằng quyền lực và ngân sách nhà nước; vì vậy người thực "
                    "thi công vụ phải chịu trách nhiệm về kết quả công việc của mình.</p>"
                ),
                _law(
                    "Các cơ quan nhà nước, cán bộ, công chức, viên chức phải tôn trọng Nhân dân, "
                    "tận tụy phục vụ Nhân dân, liên hệ chặt chẽ với Nhân dân, lắng nghe ý kiến và "
                    "chịu sự giám sát của Nhân dân; kiên quyết đấu tranh chống tham nhũng, lãng "
                    "phí và mọi biểu hiện quan liêu, hách dịch, cửa quyền.",
                    f"Khoản 2 Điều 8 {HIEN_PHAP}",
                ),
                _heading("Những chuẩn mực cốt lõi"),
                _text(
                    "<p>Đạo đức công vụ thường được tóm lại trong bốn chữ <b>cần, kiệm, liêm, "
                    "chính</b> cùng tinh thần <b>chí công vô tư</b>. Trong công việc hằng ngày, "
                    "các chuẩn mực ấy thể hiện qua những việc rất cụ thể:</p>"
                    "<ul><li>Giải quyết hồ sơ đúng hạn, không để người dân phải đi lại nhiều "
                    "lần.</li>"
                    "<li>Không gợi ý, không nhận quà hay lợi ích từ người có việc mình đang giải "
                    "quyết.</li>"
                    "<li>Nói và viết rõ ràng, lịch sự; hướng dẫn đầy đủ ngay từ lần đầu.</li>"
                    "<li>Tiết kiệm thời gian, kinh phí và tài sản công.</li>"
                    "<li>Báo cáo trung thực, không né tránh trách nhiệm khi có sai sót.</li></ul>"
                ),
                _callout(
                    "Tình huống để suy ngẫm",
                    "<p>Một người dân đến nộp hồ sơ lần thứ ba vì mỗi lần lại được yêu cầu bổ "
                    "sung một giấy tờ khác. Nếu là công chức tiếp nhận, anh/chị thấy nguyên nhân "
                    "có thể nằm ở đâu, và cần làm gì để việc này không lặp lại?</p>",
                ),
                _heading("Tự đánh giá"),
                _text(
                    "<p>Trước khi xác nhận đã học xong, hãy dành vài phút ghi ra ba việc cụ thể "
                    "anh/chị sẽ làm trong tháng tới để phục vụ người dân tốt hơn ở vị trí công "
                    "tác của mình. Khi đã sẵn sàng, bấm nút xác nhận ở cuối trang.</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="doc-them-cai-cach-hanh-chinh",
            title="Đọc thêm: Cải cách hành chính nhà nước",
            minutes=10,
            required=False,
            body=[
                _text(
                    "<p>Cải cách hành chính là nhiệm vụ xuyên suốt của Nhà nước ta trong nhiều "
                    "năm. Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – "
                    "2030, ban hành kèm theo Nghị quyết số 76/NQ-CP của Chính phủ, tập trung vào "
                    "sáu nội dung: cải cách thể chế; cải cách thủ tục hành chính; cải cách tổ "
                    "chức bộ máy hành chính nhà nước; cải cách chế độ công vụ; cải cách tài chính "
                    "công; xây dựng và phát triển Chính phủ điện tử, Chính phủ số.</p>"
                    "<p>Với người công chức, cải cách hành chính không phải việc riêng của cấp "
                    "trên. Mỗi lần bỏ được một bước xử lý không cần thiết, mỗi biểu mẫu được viết "
                    "lại cho dễ hiểu, mỗi hồ sơ được giải quyết trực tuyến thay vì bắt người dân "
                    "đến tận nơi đều là một đóng góp cụ thể.</p>"
                ),
                _callout(
                    "Gợi ý",
                    "<p>Tìm trong <b>Thư viện số</b> các văn bản về cải cách hành chính của cơ "
                    "quan anh/chị và đối chiếu với sáu nội dung nêu trên.</p>",
                ),
            ],
        ),
    ],
)

COURSE_CDS = DemoCourse(
    slug="chuyen-doi-so-trong-co-quan-hanh-chinh-nha-nuoc",
    title="Chuyển đổi số trong cơ quan hành chính nhà nước",
    summary=(
        "Chuyển đổi số là gì, khung chính sách của Đảng và Nhà nước, và những thay đổi mà chuyển "
        "đổi số mang lại cho công việc của công chức cũng như cho hoạt động đào tạo, bồi dưỡng."
    ),
    objectives=(
        "<ul><li>Phân biệt được số hóa, ứng dụng công nghệ thông tin và chuyển đổi số.</li>"
        "<li>Nêu được các văn bản chủ yếu định hướng chuyển đổi số quốc gia và xây dựng Chính phủ "
        "số.</li>"
        "<li>Nhận ra cơ hội ứng dụng công nghệ số trong công việc của mình và trong học tập suốt "
        "đời.</li></ul>"
    ),
    policy=EnrolmentPolicy.SELF,
    lessons=[
        DemoLesson(
            slug="chuyen-doi-so-la-gi",
            title="Bài 1. Chuyển đổi số là gì?",
            minutes=20,
            body=[
                _heading("Số hóa, ứng dụng công nghệ và chuyển đổi số"),
                _text(
                    "<p>Chuyển đổi số hay bị hiểu nhầm là mua thêm máy tính hoặc đưa một biểu "
                    "mẫu lên mạng. Thực ra có thể phân biệt ba cấp độ. <b>Số hóa</b> là chuyển "
                    "thông tin từ giấy sang dạng số, chẳng hạn quét hồ sơ lưu trữ thành tệp. "
                    "<b>Ứng dụng công nghệ thông tin</b> là dùng phần mềm để làm nhanh hơn một "
                    "quy trình sẵn có, chẳng hạn chuyển văn bản qua hệ thống quản lý văn bản thay "
                    "vì chuyển tay. <b>Chuyển đổi số</b> đi xa hơn: thiết kế lại cách làm việc và "
                    "cách phục vụ dựa trên dữ liệu và công nghệ số để tạo ra giá trị mới.</p>"
                    "<p>Một thủ tục hành chính mới chỉ được số hóa khi người dân tải được biểu "
                    "mẫu về máy. Nó thực sự được chuyển đổi số khi dữ liệu người dân đã khai với "
                    "Nhà nước được dùng lại, người dân không phải nộp lại giấy tờ mà cơ quan nhà "
                    "nước đã có, và kết quả được trả trực tuyến.</p>"
                ),
                _heading("Ba trụ cột"),
                _text(
                    "<p>Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030 "
                    "xác định ba trụ cột: <b>Chính phủ số</b>, <b>kinh tế số</b> và <b>xã hội "
                    "số</b>. Cơ quan hành chính nhà nước giữ vai trò trung tâm trong trụ cột thứ "
                    "nhất, đồng thời tạo môi trường thể chế cho hai trụ cột còn lại.</p>"
                ),
                _law(
                    "Chương trình hướng tới phát triển đồng thời Chính phủ số, kinh tế số và xã "
                    "hội số; nhận thức được coi là yếu tố quyết định thành công của chuyển đổi "
                    "số.",
                    "Tóm tắt theo Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ "
                    "(không phải nguyên văn)",
                ),
                _callout(
                    "Điều cần nhớ",
                    "<p>Chuyển đổi số trước hết là thay đổi <b>cách nghĩ và cách làm</b>; công "
                    "nghệ chỉ là phương tiện. Một quy trình rườm rà được đưa lên mạng vẫn là một "
                    "quy trình rườm rà.</p>",
                ),
                _heading("Dữ liệu là tài nguyên"),
                _text(
                    "<p>Trong một cơ quan số, dữ liệu được coi là tài nguyên: được thu thập một "
                    "lần, chuẩn hóa, chia sẻ giữa các cơ quan và dùng lại nhiều lần. Điều đó đòi "
                    "hỏi mỗi công chức nhập dữ liệu đúng, đủ, kịp thời, và bảo vệ dữ liệu cá nhân "
                    "của người dân mà mình được giao xử lý.</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="khung-chinh-sach-ve-chuyen-doi-so",
            title="Bài 2. Khung chính sách về chuyển đổi số",
            minutes=20,
            body=[
                _text(
                    "<p>Chuyển đổi số ở nước ta được dẫn dắt bởi một hệ thống văn bản nhất quán, "
                    "từ chủ trương của Đảng đến chương trình, chiến lược của Chính phủ. Bảng dưới "
                    "đây tóm lược những văn bản học viên nên biết.</p>"
                ),
                _table(
                    "Một số văn bản định hướng chuyển đổi số (tóm lược)",
                    ("Văn bản", "Cơ quan ban hành", "Nội dung chính"),
                    (
                        "Nghị quyết số 52-NQ/TW ngày 27/9/2019",
                        "Bộ Chính trị",
                        "Chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần "
                        "thứ tư",
                    ),
                    (
                        "Quyết định số 749/QĐ-TTg ngày 03/6/2020",
                        "Thủ tướng Chính phủ",
                        "Phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng "
                        "đến năm 2030",
                    ),
                    (
                        "Quyết định số 942/QĐ-TTg ngày 15/6/2021",
                        "Thủ tướng Chính phủ",
                        "Phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ "
                        "số giai đoạn 2021 – 2025, định hướng đến năm 2030",
                    ),
                    (
                        "Nghị định số 89/2021/NĐ-CP ngày 18/10/2021",
                        "Chính phủ",
                        "Sửa đổi, bổ sung một số điều của Nghị định số 101/2017/NĐ-CP về đào "
                        "tạo, bồi dưỡng cán bộ, công chức, viên chức",
                    ),
                    (
                        "Nghị quyết số 57-NQ/TW ngày 22/12/2024",
                        "Bộ Chính trị",
                        "Đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
                        "số quốc gia",
                    ),
                ),
                _heading("Từ Chính phủ điện tử đến Chính phủ số"),
                _text(
                    "<p>Chính phủ điện tử dùng công nghệ thông tin để các hoạt động vốn có của bộ "
                    "máy diễn ra nhanh và hiệu quả hơn. Chính phủ số tiến thêm một bước: vận hành "
                    "dựa trên dữ liệu, ra quyết định dựa trên phân tích dữ liệu và cung cấp dịch "
                    "vụ công trực tuyến thuận tiện, lấy người dân và doanh nghiệp làm trung tâm. "
                    "Chiến lược ban hành năm 2021 đặt ra lộ trình chuyển từ giai đoạn thứ nhất "
                    "sang giai đoạn thứ hai.</p>"
                ),
                _callout(
                    "Lưu ý khi trích dẫn",
                    "<p>Văn bản về chuyển đổi số được bổ sung, thay thế khá thường xuyên. Trước "
                    "khi dẫn một văn bản trong tờ trình hay báo cáo, hãy kiểm tra hiệu lực của nó "
                    "trên Cơ sở dữ liệu quốc gia về văn bản pháp luật hoặc trong Thư viện số của "
                    "nền tảng.</p>",
                ),
                _heading("Câu hỏi thảo luận"),
                _text(
                    "<p>Cơ quan của anh/chị đã triển khai những nội dung nào của chiến lược phát "
                    "triển Chính phủ số? Nội dung nào còn gặp khó khăn, và vì sao?</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="chuyen-doi-so-trong-dao-tao-boi-duong",
            title="Bài 3. Chuyển đổi số trong đào tạo, bồi dưỡng cán bộ, công chức",
            minutes=15,
            mode=CompletionMode.TIME,
            min_minutes=2,
            body=[
                _heading("Vì sao đào tạo, bồi dưỡng cần chuyển đổi số?"),
                _text(
                    "<p>Đội ngũ cán bộ, công chức, viên chức rất đông và làm việc khắp cả nước, "
                    "trong khi thời gian dành cho học tập trung ngày càng hạn hẹp. Chuyển đổi số "
                    "đưa chương trình, tài liệu đến tận người học, để họ học vào lúc thuận tiện "
                    "mà vẫn được theo dõi, đánh giá đầy đủ. Giáo dục, đào tạo cũng là một trong "
                    "tám lĩnh vực được ưu tiên chuyển đổi số trước theo Chương trình Chuyển đổi "
                    "số quốc gia.</p>"
                    "<p>Thời gian phòng, chống dịch COVID-19 cho thấy các cơ sở đào tạo, bồi "
                    "dưỡng có thể đưa phần lớn hoạt động lên môi trường số. Tuy vậy, muốn chuyển "
                    "đổi thực chất thì phải thống nhất chương trình, tài liệu và quy trình trước, "
                    "phần mềm đến sau.</p>"
                ),
                _heading("Hai mảng chuyển đổi"),
                _text(
                    "<ul><li><b>Trong quản lý đào tạo, bồi dưỡng</b>: số hóa hồ sơ học viên, lớp "
                    "học, giảng viên và chứng chỉ; kết nối dữ liệu giữa các cơ sở đào tạo, bồi "
                    "dưỡng từ trung ương đến địa phương; dùng dữ liệu để lập kế hoạch và ra quyết "
                    "định.</li>"
                    "<li><b>Trong giảng dạy, học tập và nghiên cứu</b>: bài giảng điện tử, kho học "
                    "liệu dùng chung, ngân hàng câu hỏi trắc nghiệm và tình huống, thư viện số, "
                    "kiểm tra và thi trực tuyến.</li></ul>"
                ),
                _callout(
                    "Nền tảng này là một ví dụ",
                    "<p>Những gì anh/chị đang dùng — ghi danh trực tuyến, bài giảng điện tử, theo "
                    "dõi tiến độ học tập, thư viện số, chứng chỉ tra cứu được — chính là các "
                    "thành phần của một nền tảng số về đào tạo, bồi dưỡng.</p>",
                ),
                _heading("Người học trên môi trường số"),
                _text(
                    "<p>Học trực tuyến đòi hỏi người học chủ động hơn: tự sắp xếp thời gian, học "
                    "đều đặn thay vì dồn vào cuối khóa, tham gia thảo luận và góp ý về chất lượng "
                    "bài giảng. Bài này được tính là hoàn thành sau khi anh/chị dành ít nhất hai "
                    "phút đọc nội dung.</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="kiem-tra-nhanh-h5p",
            title="Bài 4. Hoạt động tương tác",
            minutes=5,
            mode=CompletionMode.H5P,
            body=[
                _text(
                    "<p>Hoạt động dưới đây là một gói H5P mẫu, dùng để minh họa cách nền tảng "
                    "ghi nhận kết quả của bài tập tương tác vào tiến độ học tập. Hãy trả lời câu "
                    "hỏi rồi bấm nút kiểm tra của hoạt động.</p>"
                ),
                _callout(
                    "Về nội dung mẫu",
                    "<p>Câu hỏi trong gói mẫu là một câu Đúng/Sai đơn giản viết bằng tiếng Anh. "
                    "Trong lớp học thật, giảng viên soạn hoạt động bằng tiếng Việt với công cụ "
                    "H5P rồi tải lên nền tảng.</p>",
                ),
                _h5p("Hoạt động H5P mẫu (câu hỏi Đúng/Sai, bằng tiếng Anh)"),
            ],
        ),
    ],
)

COURSE_VAN_BAN = DemoCourse(
    slug="ky-nang-soan-thao-van-ban-hanh-chinh",
    title="Kỹ năng soạn thảo văn bản hành chính",
    summary=(
        "Thể thức, kỹ thuật trình bày và ngôn ngữ của văn bản hành chính theo Nghị định số "
        "30/2020/NĐ-CP về công tác văn thư, qua những ví dụ gần với công việc hằng ngày."
    ),
    objectives=(
        "<ul><li>Nhận biết đầy đủ các thành phần thể thức của văn bản hành chính.</li>"
        "<li>Trình bày văn bản đúng khổ giấy, phông chữ, lề trang và vị trí các thành phần.</li>"
        "<li>Viết văn bản chính xác, rõ ràng, ngắn gọn, đúng văn phong hành chính.</li></ul>"
    ),
    policy=EnrolmentPolicy.APPROVAL,
    lessons=[
        DemoLesson(
            slug="the-thuc-van-ban-hanh-chinh",
            title="Bài 1. Thể thức văn bản hành chính",
            minutes=20,
            body=[
                _text(
                    "<p>Thể thức văn bản là tập hợp các thành phần tạo nên một văn bản, giúp văn "
                    "bản có giá trị pháp lý và được áp dụng thống nhất. Nghị định số "
                    "30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư quy định thể "
                    "thức và kỹ thuật trình bày văn bản hành chính trong các cơ quan, tổ chức "
                    "nhà nước.</p>"
                ),
                _heading("Các thành phần chính"),
                _table(
                    "Các thành phần chính của thể thức văn bản hành chính (tóm tắt theo Nghị định "
                    "số 30/2020/NĐ-CP)",
                    ("STT", "Thành phần", "Lưu ý khi trình bày"),
                    (
                        "1",
                        "Quốc hiệu và Tiêu ngữ",
                        "“Cộng hòa xã hội chủ nghĩa Việt Nam” và “Độc lập - Tự do - Hạnh phúc”, "
                        "ở phía trên, bên phải trang đầu",
                    ),
                    (
                        "2",
                        "Tên cơ quan, tổ chức ban hành văn bản",
                        "Ghi cả tên cơ quan chủ quản trực tiếp (nếu có); ở phía trên, bên trái",
                    ),
                    (
                        "3",
                        "Số, ký hiệu của văn bản",
                        "Số ghi bằng chữ số Ả Rập; ký hiệu gồm chữ viết tắt tên loại văn bản và "
                        "tên cơ quan ban hành",
                    ),
                    (
                        "4",
                        "Địa danh và thời gian ban hành",
                        "Ngày nhỏ hơn 10 và tháng 1, 2 phải thêm số 0 ở trước",
                    ),
                    (
                        "5",
                        "Tên loại và trích yếu nội dung",
                        "Công văn không ghi tên loại; trích yếu đặt dưới số, ký hiệu",
                    ),
                    (
                        "6",
                        "Nội dung văn bản",
                        "Bố cục theo chương, mục, điều, khoản, điểm hoặc theo đoạn văn, tùy loại "
                        "văn bản",
                    ),
                    (
                        "7",
                        "Chức vụ, họ tên và chữ ký của người có thẩm quyền",
                        "Ghi KT., TL., TUQ. hoặc TM. trước chức vụ khi ký thay, thừa lệnh, thừa "
                        "ủy quyền hoặc thay mặt tập thể",
                    ),
                    (
                        "8",
                        "Dấu, chữ ký số của cơ quan, tổ chức",
                        "Dấu đóng trùm lên khoảng 1/3 chữ ký về phía bên trái",
                    ),
                    (
                        "9",
                        "Nơi nhận",
                        "Ghi rõ cơ quan, cá nhân nhận để thực hiện, để biết và nơi lưu",
                    ),
                ),
                _heading("Các thành phần bổ sung"),
                _text(
                    "<p>Tùy trường hợp, văn bản còn có thể có: dấu chỉ độ mật, mức độ khẩn; chỉ "
                    "dẫn về phạm vi lưu hành; ký hiệu người soạn thảo và số lượng bản phát hành; "
                    "địa chỉ, thư điện tử, số điện thoại của cơ quan; phụ lục; số trang.</p>"
                ),
                _callout(
                    "Lỗi thường gặp",
                    "<p>Viết sai tên cơ quan chủ quản, thiếu số 0 trước ngày hoặc tháng, ghi "
                    "“Kính gửi” trong một quyết định, hay bỏ trống phần nơi nhận là những lỗi "
                    "thể thức gặp nhiều nhất khi chấm bài thực hành của học viên.</p>",
                ),
            ],
        ),
        DemoLesson(
            slug="ky-thuat-trinh-bay-van-ban",
            title="Bài 2. Kỹ thuật trình bày văn bản",
            minutes=15,
            body=[
                _text(
                    "<p>Kỹ thuật trình bày gồm khổ giấy, kiểu trình bày, lề trang, phông chữ, cỡ "
                    "chữ, kiểu chữ, vị trí các thành phần thể thức và số trang. Trình bày thống "
                    "nhất giúp văn bản dễ đọc, dễ lưu trữ và thể hiện sự chuyên nghiệp của cơ "
                    "quan ban hành.</p>"
                ),
                _heading("Những quy định cần nhớ"),
                _text(
                    "<ul><li><b>Khổ giấy</b>: A4 (210 mm × 297 mm), trình bày theo chiều dài của "
                    "trang; phụ lục có bảng biểu lớn có thể trình bày theo chiều rộng.</li>"
                    "<li><b>Phông chữ</b>: phông chữ tiếng Việt Times New Roman, bộ mã Unicode "
                    "theo TCVN 6909:2001, màu đen.</li>"
                    "<li><b>Lề trang</b>: lề trên và lề dưới từ 20 đến 25 mm, lề trái từ 30 đến "
                    "35 mm, lề phải từ 15 đến 20 mm.</li>"
                    "<li><b>Phần nội dung</b>: cỡ chữ từ 13 đến 14; đầu đoạn lùi vào từ 1 cm đến "
                    "1,27 cm; khoảng cách giữa các dòng từ một dòng đến 1,5 dòng.</li>"
                    "<li><b>Số trang</b>: bằng chữ số Ả Rập, đặt giữa phần lề trên; không hiển "
                    "thị số ở trang thứ nhất.</li></ul>"
                ),
                _callout(
                    "Mẹo thực hành",
                    "<p>Hãy lưu sẵn một tệp mẫu với khổ giấy, lề, phông và cỡ chữ đúng quy định. "
                    "Mỗi lần soạn văn bản mới chỉ cần mở tệp mẫu, khỏi phải căn chỉnh lại từ "
                    "đầu.</p>",
                ),
                _heading("Văn bản điện tử"),
                _text(
                    "<p>Văn bản điện tử được ký bằng chữ ký số của người có thẩm quyền và chữ ký "
                    "số của cơ quan, tổ chức; hình ảnh chữ ký và dấu hiện trên văn bản theo quy "
                    "định. Văn bản được gửi, nhận qua hệ thống quản lý văn bản và điều hành thay "
                    "cho bản giấy, nhờ đó rút ngắn đáng kể thời gian luân chuyển.</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="ngon-ngu-van-phong-hanh-chinh",
            title="Bài 3. Ngôn ngữ và văn phong hành chính",
            minutes=15,
            body=[
                _text(
                    "<p>Văn bản hành chính dùng tiếng Việt phổ thông, chuẩn mực, khách quan. "
                    "Người đọc phải hiểu được một nghĩa duy nhất, không phải đoán ý người "
                    "viết.</p>"
                ),
                _heading("Năm yêu cầu về ngôn ngữ"),
                _text(
                    "<ol><li><b>Chính xác</b>: dùng đúng thuật ngữ pháp lý; số liệu, tên riêng, "
                    "số hiệu văn bản được dẫn đầy đủ.</li>"
                    "<li><b>Rõ ràng</b>: câu ngắn, mỗi câu một ý; tránh từ đa nghĩa, từ địa "
                    "phương.</li>"
                    "<li><b>Ngắn gọn</b>: bỏ những cụm từ rào đón, lặp ý.</li>"
                    "<li><b>Khách quan, trang trọng</b>: không dùng từ ngữ biểu cảm, khẩu "
                    "ngữ.</li>"
                    "<li><b>Thống nhất</b>: một khái niệm chỉ gọi bằng một từ trong toàn văn bản; "
                    "từ viết tắt được giải thích ở lần dùng đầu tiên.</li></ol>"
                ),
                _heading("Ví dụ sửa câu"),
                _text(
                    "<p><b>Chưa tốt:</b> “Do tình hình thời gian vừa qua có nhiều khó khăn nên "
                    "việc triển khai có phần chậm trễ so với kế hoạch đề ra ban đầu.”</p>"
                    "<p><b>Tốt hơn:</b> “Việc triển khai chậm 15 ngày so với kế hoạch do chưa "
                    "được cấp kinh phí trong quý I.”</p>"
                    "<p>Câu sửa lại ngắn hơn, nói rõ chậm bao lâu và vì sao, nên lãnh đạo có đủ "
                    "thông tin để quyết định.</p>"
                ),
                _callout(
                    "Tự kiểm tra trước khi trình ký",
                    "<p>Đọc lại văn bản từ phía người nhận: họ có biết phải làm gì, đến khi nào "
                    "và liên hệ với ai không?</p>",
                ),
            ],
        ),
    ],
)

PROGRAM_CHUYEN_VIEN = DemoProgram(
    slug="boi-duong-ngach-chuyen-vien",
    title="Chương trình bồi dưỡng ngạch chuyên viên",
    kind_code="ngach",
    unit_code="hoc-vien-hanh-chinh",
    rank_codes=["01.003"],
    target_positions=(
        "Công chức giữ ngạch chuyên viên và tương đương\n"
        "Công chức ngạch cán sự chuẩn bị nâng ngạch lên chuyên viên"
    ),
    periods=240,
    description=(
        "<p>Chương trình trang bị cho công chức ngạch chuyên viên những kiến thức nền tảng về nhà "
        "nước, pháp luật và quản lý nhà nước, cùng các kỹ năng cần cho công việc hằng ngày: tham "
        "mưu, soạn thảo văn bản, phối hợp và làm việc trên môi trường số.</p>"
        "<p>Học viên học các chuyên đề bằng bài giảng điện tử, làm bài kiểm tra sau mỗi chuyên đề "
        "và viết bài thu hoạch cuối khóa. Người đạt yêu cầu về chuyên cần và điểm được cấp chứng "
        "chỉ hoàn thành chương trình.</p>"
        "<p><i>Chương trình mẫu để trình diễn: thời lượng và điều kiện đạt chỉ mang tính minh "
        "họa.</i></p>"
    ),
    courses=[COURSE_QLNN, COURSE_CDS, COURSE_VAN_BAN],
)


# --- Program 2: bồi dưỡng lãnh đạo, quản lý cấp phòng ------------------------

COURSE_LANH_DAO = DemoCourse(
    slug="ky-nang-lanh-dao-quan-ly-cap-phong",
    title="Kỹ năng lãnh đạo, quản lý cấp phòng",
    summary=(
        "Vai trò của trưởng phòng trong bộ máy hành chính và các kỹ năng cốt lõi: lập kế hoạch, "
        "phân công, tạo động lực, đánh giá và ra quyết định."
    ),
    objectives=(
        "<ul><li>Xác định được vị trí, vai trò và trách nhiệm của người lãnh đạo cấp phòng.</li>"
        "<li>Lập được kế hoạch công tác và phân công nhiệm vụ rõ ràng, kiểm tra được.</li>"
        "<li>Tạo động lực và đánh giá công chức công bằng, dựa trên kết quả.</li>"
        "<li>Ra quyết định quản lý theo một quy trình có căn cứ.</li></ul>"
    ),
    policy=EnrolmentPolicy.SELF,
    lessons=[
        DemoLesson(
            slug="vai-tro-lanh-dao-cap-phong",
            title="Bài 1. Vai trò của người lãnh đạo cấp phòng",
            minutes=20,
            body=[
                _heading("Mắt xích giữa chủ trương và kết quả"),
                _text(
                    "<p>Cấp phòng nối lãnh đạo cơ quan với những người trực tiếp thực thi công "
                    "vụ. Chủ trương, kế hoạch của cấp trên chỉ thành kết quả khi trưởng phòng cụ "
                    "thể hóa chúng thành từng việc, có người làm, có thời hạn và có sản phẩm. "
                    "Chiều ngược lại, khó khăn nảy sinh trong thực tế cũng qua cấp phòng mà đến "
                    "với lãnh đạo cơ quan.</p>"
                    "<p>Vì vậy, người lãnh đạo cấp phòng cùng lúc đóng nhiều vai: <b>người tham "
                    "mưu</b> cho lãnh đạo cơ quan, <b>người tổ chức thực hiện</b> nhiệm vụ của "
                    "phòng, <b>người quản lý</b> đội ngũ công chức, và thường vẫn là <b>một "
                    "chuyên gia</b> trực tiếp xử lý những hồ sơ khó nhất.</p>"
                ),
                _heading("Giao việc không phải là giao hết trách nhiệm"),
                _text(
                    "<p>Người đứng đầu chịu trách nhiệm về kết quả thực hiện nhiệm vụ của đơn vị "
                    "mình, kể cả phần việc đã giao cho cấp phó hay công chức trong phòng. Sau khi "
                    "giao việc, trưởng phòng vẫn phải theo dõi, kiểm tra và báo cáo với cấp "
                    "trên.</p>"
                ),
                _callout(
                    "Từ chuyên viên giỏi đến trưởng phòng giỏi",
                    "<p>Nhiều trưởng phòng được bổ nhiệm vì giỏi chuyên môn, rồi tiếp tục tự làm "
                    "mọi việc quan trọng. Kết quả là cả phòng phụ thuộc vào một người. Thước đo "
                    "thành công của người lãnh đạo là kết quả của <b>cả tập thể</b>.</p>",
                ),
                _heading("Câu hỏi tự suy ngẫm"),
                _text(
                    "<p>Tuần vừa qua, anh/chị dành bao nhiêu thời gian cho việc chuyên môn của "
                    "riêng mình, và bao nhiêu cho việc tổ chức, hướng dẫn, kiểm tra công việc "
                    "của người khác? Tỷ lệ đó đã hợp lý chưa?</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="lap-ke-hoach-va-phan-cong",
            title="Bài 2. Lập kế hoạch và phân công công việc",
            minutes=25,
            body=[
                _text(
                    "<p>Kế hoạch công tác biến nhiệm vụ được giao thành những việc cụ thể. Một "
                    "kế hoạch tốt trả lời được năm câu hỏi: làm việc gì, ai chủ trì, ai phối hợp, "
                    "khi nào xong và sản phẩm là gì.</p>"
                ),
                _heading("Mục tiêu cụ thể, đo được"),
                _text(
                    "<p>Mỗi mục tiêu nên cụ thể, đo được, khả thi, gắn với nhiệm vụ của phòng và "
                    "có thời hạn. “Nâng cao chất lượng giải quyết hồ sơ” mới chỉ là một mong muốn; "
                    "“100% hồ sơ được giải quyết đúng hạn trong quý III” mới là một mục "
                    "tiêu.</p>"
                ),
                _table(
                    "Ví dụ: một phần kế hoạch công tác quý III của một phòng chuyên môn",
                    ("Công việc", "Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm"),
                    (
                        "Rà soát quy trình tiếp nhận hồ sơ trực tuyến",
                        "Phó Trưởng phòng",
                        "Bộ phận Một cửa",
                        "31/7",
                        "Báo cáo rà soát, đề xuất bỏ các bước thừa",
                    ),
                    (
                        "Cập nhật dữ liệu hồ sơ tồn đọng",
                        "Chuyên viên A",
                        "Chuyên viên B",
                        "15/8",
                        "Danh sách hồ sơ được cập nhật đầy đủ",
                    ),
                    (
                        "Tập huấn sử dụng chữ ký số",
                        "Chuyên viên C",
                        "Bộ phận công nghệ thông tin",
                        "30/8",
                        "Mọi công chức của phòng ký số được văn bản",
                    ),
                    (
                        "Báo cáo kết quả quý III",
                        "Trưởng phòng",
                        "Các chuyên viên",
                        "25/9",
                        "Báo cáo trình lãnh đạo cơ quan",
                    ),
                ),
                _heading("Giao việc, giao quyền, giao trách nhiệm"),
                _text(
                    "<p>Khi giao việc, hãy nói rõ kết quả mong đợi, thời hạn, nguồn lực được dùng "
                    "và phạm vi người được giao tự quyết. Chọn người phù hợp với năng lực, đồng "
                    "thời cho công chức trẻ cơ hội thử sức với việc khó hơn khả năng hiện tại "
                    "một chút. Hẹn trước các mốc kiểm tra để sớm phát hiện vướng mắc.</p>"
                ),
                _callout(
                    "Mỗi việc một người chủ trì",
                    "<p>Khi hai người cùng “phụ trách” một việc, thường là không ai chịu trách "
                    "nhiệm đến cùng.</p>",
                ),
            ],
        ),
        DemoLesson(
            slug="tao-dong-luc-va-danh-gia",
            title="Bài 3. Tạo động lực và đánh giá công chức",
            minutes=20,
            mode=CompletionMode.MANUAL,
            body=[
                _heading("Động lực làm việc trong khu vực công"),
                _text(
                    "<p>Thu nhập quan trọng nhưng không phải là tất cả. Công chức còn có động lực "
                    "khi thấy việc mình làm có ích cho người dân, được ghi nhận đúng lúc, được "
                    "học hỏi và phát triển, được tin tưởng giao việc và làm việc trong một tập "
                    "thể đoàn kết. Phần lớn những yếu tố này nằm trong tầm tay trưởng phòng.</p>"
                    "<ul><li>Ghi nhận cụ thể và kịp thời khi công chức làm tốt, dù chỉ bằng một "
                    "lời khen trong buổi giao ban.</li>"
                    "<li>Giải thích vì sao một nhiệm vụ quan trọng, chứ không chỉ giao "
                    "việc.</li>"
                    "<li>Tạo điều kiện để công chức dự các khóa bồi dưỡng phù hợp với vị trí việc "
                    "làm.</li>"
                    "<li>Lắng nghe đề xuất cải tiến và để người đề xuất tự triển khai.</li></ul>"
                ),
                _heading("Đánh giá dựa trên kết quả"),
                _text(
                    "<p>Việc đánh giá, xếp loại chất lượng công chức được thực hiện theo quy định "
                    "của pháp luật và dựa trên kết quả thực hiện nhiệm vụ. Để đánh giá công bằng, "
                    "trưởng phòng nên theo dõi kết quả của từng người suốt cả kỳ — qua kế hoạch, "
                    "sản phẩm và tiến độ — thay vì dựa vào ấn tượng lúc cuối kỳ.</p>"
                ),
                _callout(
                    "Tình huống thảo luận",
                    "<p>Một chuyên viên giỏi chuyên môn nhưng thường trễ hạn vì nhận quá nhiều "
                    "việc không tên. Anh/chị sẽ trao đổi với chuyên viên đó thế nào, và sẽ điều "
                    "chỉnh việc phân công trong phòng ra sao?</p>",
                ),
                _text(
                    "<p>Hãy ghi lại hướng xử lý của mình, rồi xác nhận đã học xong bài ở cuối "
                    "trang.</p>"
                ),
            ],
        ),
        DemoLesson(
            slug="ra-quyet-dinh-quan-ly",
            title="Bài 4. Ra quyết định quản lý",
            minutes=15,
            body=[
                _text(
                    "<p>Ra quyết định là công việc thường xuyên của người lãnh đạo. Một quyết "
                    "định đúng vừa phải hợp pháp — đúng thẩm quyền, đúng trình tự — vừa phải hợp "
                    "lý: sát thực tế, khả thi và được người thực hiện hiểu rõ.</p>"
                ),
                _heading("Các bước ra quyết định"),
                _text(
                    "<ol><li>Xác định đúng vấn đề cần giải quyết và nguyên nhân của nó.</li>"
                    "<li>Thu thập thông tin, số liệu và căn cứ pháp lý liên quan.</li>"
                    "<li>Xây dựng một vài phương án, so sánh ưu, nhược điểm của từng "
                    "phương án.</li>"
                    "<li>Chọn phương án, tham khảo ý kiến những người liên quan khi cần.</li>"
                    "<li>Tổ chức thực hiện, theo dõi và điều chỉnh khi tình hình thay "
                    "đổi.</li></ol>"
                ),
                _callout(
                    "Dữ liệu giúp quyết định tốt hơn",
                    "<p>Số hồ sơ trễ hạn, thời gian xử lý trung bình hay phản ánh của người dân "
                    "giúp trưởng phòng thấy vấn đề sớm hơn và chọn phương án có cơ sở hơn là chỉ "
                    "dựa vào kinh nghiệm.</p>",
                ),
            ],
        ),
    ],
)

COURSE_LANH_DAO_CDS = DemoCourse(
    slug="lanh-dao-chuyen-doi-so-o-cap-phong",
    title="Lãnh đạo chuyển đổi số ở cấp phòng",
    summary=(
        "Người đứng đầu phòng dẫn dắt chuyển đổi số thế nào: thay đổi quy trình, quản trị dữ liệu, "
        "bảo đảm an toàn thông tin và xây dựng thói quen làm việc trên môi trường số."
    ),
    objectives=(
        "<ul><li>Nhận thức được vai trò quyết định của người đứng đầu trong chuyển đổi số.</li>"
        "<li>Xác định được những việc cần làm để quản trị dữ liệu và bảo đảm an toàn thông tin "
        "trong phòng.</li>"
        "<li>Xây dựng được kế hoạch chuyển đổi số đơn giản cho đơn vị mình.</li></ul>"
    ),
    policy=EnrolmentPolicy.OPEN,
    lessons=[
        DemoLesson(
            slug="nguoi-dung-dau-trong-chuyen-doi-so",
            title="Bài 1. Người đứng đầu trong chuyển đổi số",
            minutes=15,
            body=[
                _text(
                    "<p>Chuyển đổi số thành công ở những nơi người đứng đầu trực tiếp quan tâm, "
                    "chỉ đạo và làm gương. Nếu trưởng phòng vẫn đòi trình bản giấy để ký tay, hệ "
                    "thống quản lý văn bản điện tử khó được dùng thực chất, dù đã tốn công đầu "
                    "tư.</p>"
                    "<p>Thách thức lớn nhất thường không nằm ở công nghệ mà ở con người: thói "
                    "quen cũ, tâm lý ngại thay đổi và sự thiếu tự tin về kỹ năng số. Người lãnh "
                    "đạo cần giải thích lợi ích của thay đổi, tạo điều kiện để mọi người học, và "
                    "kiên trì cho đến khi cách làm mới thành nếp.</p>"
                ),
                _callout(
                    "Bắt đầu từ việc nhỏ",
                    "<p>Chọn một quy trình mà cả phòng đều thấy vướng — chẳng hạn tổng hợp báo "
                    "cáo định kỳ — và chuyển đổi nó trước. Một kết quả thấy được sau vài tuần "
                    "thuyết phục hơn nhiều cuộc họp.</p>",
                ),
            ],
        ),
        DemoLesson(
            slug="quan-tri-du-lieu-va-an-toan-thong-tin",
            title="Bài 2. Quản trị dữ liệu và an toàn thông tin",
            minutes=20,
            body=[
                _heading("Dữ liệu của phòng"),
                _text(
                    "<p>Phòng nào cũng nắm giữ dữ liệu: hồ sơ thủ tục hành chính, danh sách đối "
                    "tượng quản lý, số liệu thống kê của ngành. Quản trị dữ liệu là xác định rõ "
                    "phòng chịu trách nhiệm về dữ liệu nào, ai được cập nhật, ai được xem, cập "
                    "nhật khi nào và chia sẻ với cơ quan nào theo quy định.</p>"
                ),
                _heading("An toàn thông tin bắt đầu từ thói quen"),
                _text(
                    "<ul><li>Dùng mật khẩu mạnh, không dùng chung tài khoản; bật xác thực hai "
                    "lớp khi hệ thống hỗ trợ.</li>"
                    "<li>Cảnh giác với thư điện tử và đường liên kết lạ, nhất là thư đòi cung cấp "
                    "mật khẩu.</li>"
                    "<li>Không lưu tài liệu công việc trên dịch vụ cá nhân hay thiết bị chưa được "
                    "cơ quan cho phép.</li>"
                    "<li>Chỉ thu thập, xử lý dữ liệu cá nhân của người dân trong phạm vi cần cho "
                    "nhiệm vụ.</li>"
                    "<li>Báo ngay cho bộ phận công nghệ thông tin khi thấy dấu hiệu bất "
                    "thường.</li></ul>"
                ),
                _callout(
                    "Tài liệu mật",
                    "<p>Tài liệu chứa bí mật nhà nước được quản lý theo Luật Bảo vệ bí mật nhà "
                    "nước: không soạn thảo, lưu giữ trên máy tính hay thiết bị có kết nối "
                    "Internet.</p>",
                ),
            ],
        ),
        DemoLesson(
            slug="ke-hoach-chuyen-doi-so-cua-phong",
            title="Bài 3. Xây dựng kế hoạch chuyển đổi số của phòng",
            minutes=20,
            body=[
                _text(
                    "<p>Kế hoạch chuyển đổi số của phòng không cần dài, nhưng phải gắn với kế "
                    "hoạch chung của cơ quan và trả lời được: phòng đang ở đâu, muốn đến đâu "
                    "trong một đến hai năm, và đi bằng những bước nào.</p>"
                ),
                _heading("Gợi ý các bước"),
                _text(
                    "<ol><li><b>Đánh giá hiện trạng</b>: liệt kê quy trình, dữ liệu, phần mềm "
                    "đang dùng và kỹ năng số của công chức.</li>"
                    "<li><b>Chọn ưu tiên</b>: những quy trình nhiều hồ sơ, nhiều phản ánh hoặc "
                    "tốn nhiều thời gian nhất.</li>"
                    "<li><b>Thiết kế lại quy trình</b> trước khi chọn công cụ; bỏ các bước không "
                    "tạo ra giá trị.</li>"
                    "<li><b>Bồi dưỡng kỹ năng số</b> cho công chức, kể cả qua các khóa học trực "
                    "tuyến như khóa này.</li>"
                    "<li><b>Đo kết quả</b> bằng vài chỉ số đơn giản: tỷ lệ hồ sơ trực tuyến, "
                    "thời gian xử lý, mức độ hài lòng của người dân.</li></ol>"
                ),
                _callout(
                    "Bài tập cuối khóa",
                    "<p>Soạn dự thảo kế hoạch chuyển đổi số của phòng anh/chị, dài khoảng hai "
                    "trang, theo các bước trên. Bài tập được thảo luận trong buổi học tập "
                    "trung.</p>",
                ),
            ],
        ),
    ],
)

PROGRAM_CAP_PHONG = DemoProgram(
    slug="boi-duong-lanh-dao-quan-ly-cap-phong",
    title="Chương trình bồi dưỡng lãnh đạo, quản lý cấp phòng",
    kind_code="lanh-dao-quan-ly",
    unit_code="truong-chinh-tri-tinh-demo",
    rank_codes=["01.002", "01.003"],
    target_positions=(
        "Trưởng phòng, Phó Trưởng phòng và tương đương\n"
        "Công chức, viên chức trong quy hoạch chức vụ lãnh đạo, quản lý cấp phòng"
    ),
    periods=160,
    description=(
        "<p>Chương trình dành cho người đang giữ hoặc được quy hoạch vào chức vụ lãnh đạo, quản "
        "lý cấp phòng và tương đương. Nội dung xoay quanh những việc người đứng đầu một phòng "
        "làm hằng ngày: tổ chức thực hiện nhiệm vụ, phân công và đánh giá công chức, ra quyết "
        "định, phối hợp với các đơn vị khác và dẫn dắt tập thể trong chuyển đổi số.</p>"
        "<p>Học viên kết hợp học bài giảng điện tử với thảo luận tình huống tại lớp, và hoàn "
        "thành một bài thu hoạch gắn với cơ quan, đơn vị công tác.</p>"
        "<p><i>Chương trình mẫu để trình diễn: thời lượng và điều kiện đạt chỉ mang tính minh "
        "họa.</i></p>"
    ),
    courses=[COURSE_LANH_DAO, COURSE_LANH_DAO_CDS],
)

PROGRAMS = [PROGRAM_CHUYEN_VIEN, PROGRAM_CAP_PHONG]

# The demo learner has finished one course, is half-way through another and
# has just started a third (enrolled by a manager); the second learner waits
# for approval.
STUDIES = [
    DemoStudy(
        username="hocvien",
        course_slug=COURSE_QLNN.slug,
        viewed=[
            "nha-nuoc-va-quyen-luc-nha-nuoc",
            "quan-ly-nha-nuoc-va-bo-may-hanh-chinh",
            "cong-vu-va-dao-duc-cong-vu",
        ],
        finished=["cong-vu-va-dao-duc-cong-vu"],
    ),
    DemoStudy(
        username="hocvien",
        course_slug=COURSE_CDS.slug,
        viewed=["chuyen-doi-so-la-gi", "khung-chinh-sach-ve-chuyen-doi-so"],
    ),
    DemoStudy(
        username="hocvien",
        course_slug=COURSE_VAN_BAN.slug,
        by=MANAGER,
        viewed=["the-thuc-van-ban-hanh-chinh"],
    ),
    DemoStudy(username="hocvien2", course_slug=COURSE_VAN_BAN.slug),
]


# --- Builders -----------------------------------------------------------------


def seed_lessons_demo(*, stdout):
    """Create the demo programs once; later runs change nothing."""
    index = ProgramIndexPage.objects.first()
    if index is None:
        stdout.write("Không có trang “Chương trình bồi dưỡng”: bỏ qua dữ liệu mẫu khóa học.")
        return
    slugs = [program.slug for program in PROGRAMS]
    if ProgramPage.objects.child_of(index).filter(slug__in=slugs).exists():
        return  # already seeded, or someone made these programs: leave them alone
    users = {user.username: user for user in get_user_model().objects.all()}
    package = _h5p_package(owner=users[LECTURER], stdout=stdout)
    courses = {}
    for demo_program in PROGRAMS:
        program, built = _program(index, demo_program, users=users, package=package)
        courses.update(built)
        lessons = sum(LessonPage.objects.child_of(course).count() for course in built.values())
        stdout.write(f"Đã tạo “{program.title}”: {len(built)} khóa học, {lessons} bài giảng.")
    for study in STUDIES:
        _study(study, course=courses[study.course_slug], users=users)


def _h5p_package(*, owner, stdout):
    """Upload the demo H5P package; None while the H5P services are not installed."""
    try:
        import lessons.h5p.services  # noqa: F401
    except ModuleNotFoundError as error:
        if error.name != "lessons.h5p.services":
            raise
        stdout.write("Chưa có dịch vụ H5P (lessons.h5p.services): bỏ qua bài có hoạt động H5P.")
        return None
    upload = SimpleUploadedFile(
        H5P_DEMO_FILE.name, H5P_DEMO_FILE.read_bytes(), content_type="application/zip"
    )
    return services.h5p_package_create(file=upload, title=H5P_DEMO_TITLE, owner=owner)


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _program(index, demo, *, users, package):
    program = ProgramPage(
        title=demo.title,
        slug=demo.slug,
        kind=ProgramKind.objects.get(code=demo.kind_code),
        unit=TrainingUnit.objects.filter(code=demo.unit_code).first(),
        target_positions=demo.target_positions,
        legal_basis=demo.legal_basis,
        periods=demo.periods,
        min_attendance_percent=demo.min_attendance_percent,
        pass_mark=demo.pass_mark,
        description=demo.description,
    )
    program.target_ranks.set(Rank.objects.filter(code__in=demo.rank_codes))
    _publish(index, program)
    courses = {}
    for demo_course in demo.courses:
        courses[demo_course.slug] = _course(program, demo_course, users=users, package=package)
    return program, courses


def _course(program, demo, *, users, package):
    course = CoursePage(
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        objectives=demo.objectives,
        enrolment_policy=demo.policy,
    )
    course.lecturers.add(CourseLecturer(user=users[LECTURER], kind=LecturerKind.STAFF))
    _publish(program, course)
    for demo_lesson in demo.lessons:
        if demo_lesson.mode == CompletionMode.H5P and package is None:
            continue
        _lesson(course, demo_lesson, package=package)
    return course


def _lesson(course, demo, *, package):
    lesson = LessonPage(
        title=demo.title,
        slug=demo.slug,
        body=_lesson_body(demo.body, package=package),
        estimated_minutes=demo.minutes,
        is_required=demo.required,
        completion_mode=demo.mode,
        min_minutes=demo.min_minutes,
    )
    return _publish(course, lesson)


def _lesson_body(body, *, package):
    """The StreamField value: H5P blocks get the uploaded package."""
    return [
        (kind, {**value, "package": package}) if kind == "h5p" else (kind, value)
        for kind, value in body
    ]


def _study(study, *, course, users):
    learner = users[study.username]
    by = users[study.by] if study.by else None
    services.enrolment_create(user=learner, course=course, by=by)
    lessons = {lesson.slug: lesson for lesson in LessonPage.objects.child_of(course)}
    for slug in study.viewed:
        services.lesson_mark_viewed(user=learner, lesson=lessons[slug])
    for slug in study.finished:
        services.lesson_mark_completed(user=learner, lesson=lessons[slug])
