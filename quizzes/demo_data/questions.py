"""The demo question bank: categories and questions on state management and digital
transformation, written for this project in Vietnamese.

Facts are limited to what public legal texts say plainly (document numbers, dates,
definitions); where a rule has since been replaced, the question names the text it
quotes ("Theo Nghị định số 13/2023/NĐ-CP …") so the answer stays true. Every question
has a stable ``idnumber`` ("demo-…") by which `seed_demo` recognises it on a second run.

Payload formats are those of ``quizzes.qtypes`` (see their ``clean_payload``).
"""

from dataclasses import dataclass

# --- Shapes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCategory:
    idnumber: str
    name: str
    parent: str | None = None  # the parent's idnumber; None for a root of the demo unit
    description: str = ""


@dataclass(frozen=True)
class DemoQuestion:
    idnumber: str
    category: str  # a DemoCategory idnumber
    qtype: str
    name: str
    text: str
    payload: dict
    difficulty: str = "medium"
    tags: tuple = ()
    general_feedback: str = ""
    status: str = "ready"


def _options(*options):
    """Choice options from (text, fraction[, feedback]) tuples, keyed a, b, c, …"""
    return [
        {
            "key": chr(ord("a") + index),
            "text": option[0],
            "fraction": option[1],
            "feedback": option[2] if len(option) > 2 else "",
        }
        for index, option in enumerate(options)
    ]


def _choice(*options, correct="", incorrect="", partial=""):
    return {
        "options": _options(*options),
        "feedback": {"correct": correct, "partial": partial, "incorrect": incorrect},
    }


def _matching(pairs, distractors=()):
    """Items matched to options: ``pairs`` is [(item, option)]; distractors match nothing."""
    options = [
        {"key": f"o{index}", "text": option} for index, (_item, option) in enumerate(pairs, 1)
    ]
    options += [
        {"key": f"o{len(pairs) + index}", "text": text} for index, text in enumerate(distractors, 1)
    ]
    items = [
        {"key": f"i{index}", "text": item, "option": f"o{index}"}
        for index, (item, _option) in enumerate(pairs, 1)
    ]
    return {"items": items, "options": options}


THIRD = "0.3333333"

# --- Categories ----------------------------------------------------------------------

QLNN = "demo-cat-qlnn"
BO_MAY = "demo-cat-bo-may"
CONG_VU = "demo-cat-cong-vu"
CCHC = "demo-cat-cai-cach-hanh-chinh"
VAN_BAN = "demo-cat-van-ban"
CDS = "demo-cat-chuyen-doi-so"
CHINH_PHU_SO = "demo-cat-chinh-phu-so"
DU_LIEU = "demo-cat-du-lieu"
ATTT = "demo-cat-an-toan-thong-tin"
TU_LUAN = "demo-cat-tu-luan"

CATEGORIES = [
    DemoCategory(
        QLNN,
        "Quản lý nhà nước",
        description="Câu hỏi về nhà nước, bộ máy hành chính, công vụ và văn bản quản lý.",
    ),
    DemoCategory(BO_MAY, "Nhà nước và bộ máy hành chính", parent=QLNN),
    DemoCategory(CONG_VU, "Công vụ, công chức", parent=QLNN),
    DemoCategory(CCHC, "Cải cách hành chính", parent=QLNN),
    DemoCategory(VAN_BAN, "Văn bản quản lý nhà nước", parent=QLNN),
    DemoCategory(
        CDS,
        "Chuyển đổi số",
        description="Câu hỏi về chuyển đổi số, Chính phủ số, dữ liệu và an toàn thông tin.",
    ),
    DemoCategory(CHINH_PHU_SO, "Chính phủ số và dịch vụ công trực tuyến", parent=CDS),
    DemoCategory(DU_LIEU, "Dữ liệu số và bảo vệ dữ liệu cá nhân", parent=CDS),
    DemoCategory(ATTT, "An toàn thông tin", parent=CDS),
    DemoCategory(
        TU_LUAN,
        "Tự luận và phân tích tình huống",
        description=(
            "Câu hỏi chấm tay. Để riêng để các bài thi rút câu ngẫu nhiên từ hai nhóm chủ đề "
            "không rút phải câu tự luận."
        ),
    ),
]

CHECK_IN_FORCE = (
    "<p>Khi trích dẫn trong công việc, hãy kiểm tra hiệu lực của văn bản trên Cơ sở dữ liệu "
    "quốc gia về văn bản pháp luật.</p>"
)

# --- Nhà nước và bộ máy hành chính --------------------------------------------------

BO_MAY_QUESTIONS = [
    DemoQuestion(
        "demo-mo-ta-qlnn",
        QLNN,
        "description",
        "Hướng dẫn: bài luyện tập quản lý nhà nước",
        "<p><b>Bài luyện tập về quản lý nhà nước.</b> Bài gồm các câu hỏi về bộ máy nhà nước, "
        "công vụ, cải cách hành chính và văn bản. Với câu hỏi nhiều lựa chọn, chọn sai có thể "
        "bị trừ điểm của câu đó (không trừ xuống dưới 0). Anh/chị được làm lại không giới hạn "
        "số lần; điểm cao nhất được ghi nhận.</p>",
        {},
        difficulty="easy",
    ),
    DemoQuestion(
        "demo-bm-01",
        BO_MAY,
        "single",
        "Cơ quan hành chính nhà nước cao nhất",
        "<p>Theo Hiến pháp năm 2013, cơ quan nào là cơ quan hành chính nhà nước cao nhất của "
        "nước Cộng hòa xã hội chủ nghĩa Việt Nam?</p>",
        _choice(
            ("Chính phủ", "1"),
            (
                "Quốc hội",
                "0",
                "Quốc hội là cơ quan đại biểu cao nhất của Nhân dân, cơ quan quyền lực nhà "
                "nước cao nhất.",
            ),
            ("Ủy ban Thường vụ Quốc hội", "0", "Đây là cơ quan thường trực của Quốc hội."),
            ("Văn phòng Chính phủ", "0", "Văn phòng Chính phủ là cơ quan ngang bộ."),
            correct="Đúng: Điều 94 Hiến pháp năm 2013.",
        ),
        difficulty="easy",
        tags=("Hiến pháp 2013", "bộ máy nhà nước"),
        general_feedback="<p>Điều 94 Hiến pháp năm 2013: Chính phủ là cơ quan hành chính nhà "
        "nước cao nhất, thực hiện quyền hành pháp, là cơ quan chấp hành của Quốc hội.</p>",
    ),
    DemoQuestion(
        "demo-bm-02",
        BO_MAY,
        "matching",
        "Quyền và chức năng của các cơ quan nhà nước",
        "<p>Ghép mỗi cơ quan với quyền hoặc chức năng mà Hiến pháp năm 2013 giao cho cơ quan "
        "đó.</p>",
        _matching(
            [
                ("Quốc hội", "Quyền lập hiến, quyền lập pháp"),
                ("Chính phủ", "Quyền hành pháp"),
                ("Tòa án nhân dân", "Quyền tư pháp"),
                ("Viện kiểm sát nhân dân", "Thực hành quyền công tố, kiểm sát hoạt động tư pháp"),
            ],
            distractors=["Kiểm toán việc quản lý, sử dụng tài chính, tài sản công"],
        ),
        tags=("Hiến pháp 2013", "bộ máy nhà nước"),
        general_feedback="<p>Phương án thừa “kiểm toán việc quản lý, sử dụng tài chính, tài "
        "sản công” là chức năng của Kiểm toán nhà nước (Điều 118 Hiến pháp năm 2013).</p>",
    ),
    DemoQuestion(
        "demo-bm-03",
        BO_MAY,
        "truefalse",
        "Quyền lực nhà nước thống nhất",
        "<p>Theo Hiến pháp năm 2013, quyền lực nhà nước là thống nhất, có sự phân công, phối "
        "hợp, kiểm soát giữa các cơ quan nhà nước trong việc thực hiện các quyền lập pháp, hành "
        "pháp, tư pháp.</p>",
        {
            "correct": True,
            "feedback_true": "Đúng: khoản 3 Điều 2 Hiến pháp năm 2013.",
            "feedback_false": "Chưa đúng: đây gần như nguyên văn khoản 3 Điều 2 Hiến pháp.",
        },
        difficulty="easy",
        tags=("Hiến pháp 2013",),
    ),
    DemoQuestion(
        "demo-bm-04",
        BO_MAY,
        "single",
        "Mô hình chính quyền địa phương từ 01/7/2025",
        "<p>Từ ngày 01/7/2025, chính quyền địa phương ở nước ta được tổ chức theo mô hình nào?</p>",
        _choice(
            ("Hai cấp: cấp tỉnh và cấp xã", "1"),
            (
                "Ba cấp: cấp tỉnh, cấp huyện và cấp xã",
                "0",
                "Đây là mô hình trước ngày 01/7/2025; cấp huyện đã kết thúc hoạt động.",
            ),
            ("Hai cấp: cấp tỉnh và cấp huyện", "0"),
            ("Một cấp: chỉ có cấp tỉnh", "0"),
        ),
        difficulty="easy",
        tags=("chính quyền địa phương hai cấp",),
    ),
    DemoQuestion(
        "demo-bm-05",
        BO_MAY,
        "numerical",
        "Số đơn vị hành chính cấp tỉnh từ 01/7/2025",
        "<p>Sau khi sắp xếp đơn vị hành chính cấp tỉnh năm 2025, từ ngày 01/7/2025 cả nước có "
        "bao nhiêu tỉnh, thành phố trực thuộc trung ương? Nhập một con số.</p>",
        {
            "answers": [
                {"value": "34", "tolerance": "0", "fraction": "1", "feedback": "Đúng."},
                {
                    "value": "63",
                    "tolerance": "0",
                    "fraction": "0",
                    "feedback": "63 là số tỉnh, thành phố trước khi sắp xếp.",
                },
            ]
        },
        difficulty="easy",
        tags=("chính quyền địa phương hai cấp", "sắp xếp đơn vị hành chính"),
        general_feedback="<p>Từ ngày 01/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh: 28 "
        "tỉnh và 6 thành phố trực thuộc trung ương.</p>",
    ),
    DemoQuestion(
        "demo-bm-06",
        BO_MAY,
        "multiple",
        "Đơn vị hành chính cấp xã",
        "<p>Theo mô hình chính quyền địa phương hai cấp, những loại đơn vị hành chính nào thuộc "
        "cấp xã? <i>Chọn tất cả phương án đúng.</i></p>",
        _choice(
            ("Xã", THIRD),
            ("Phường", THIRD),
            ("Đặc khu", THIRD),
            ("Quận", "-0.5", "Quận là đơn vị hành chính cấp huyện, không còn từ 01/7/2025."),
            ("Thị xã", "-0.5", "Thị xã là đơn vị hành chính cấp huyện, không còn từ 01/7/2025."),
            correct="Chính xác.",
            partial="Đúng một phần.",
            incorrect="Chưa đúng.",
        ),
        tags=("chính quyền địa phương hai cấp",),
    ),
    DemoQuestion(
        "demo-bm-07",
        BO_MAY,
        "single",
        "Thẩm quyền chuyên môn",
        "<p>Cơ quan nào dưới đây có <b>thẩm quyền chuyên môn</b>, tức là quản lý một ngành, lĩnh "
        "vực?</p>",
        _choice(
            ("Sở Nội vụ", "1"),
            ("Ủy ban nhân dân tỉnh", "0", "Ủy ban nhân dân có thẩm quyền chung ở địa phương."),
            ("Chính phủ", "0", "Chính phủ có thẩm quyền chung trên phạm vi cả nước."),
            (
                "Hội đồng nhân dân tỉnh",
                "0",
                "Hội đồng nhân dân là cơ quan quyền lực nhà nước ở địa phương, không phải cơ "
                "quan hành chính.",
            ),
        ),
        difficulty="hard",
        tags=("bộ máy nhà nước",),
    ),
    DemoQuestion(
        "demo-bm-08",
        BO_MAY,
        "shortanswer",
        "Nhà nước pháp quyền xã hội chủ nghĩa",
        "<p>Điền cụm từ còn thiếu (khoản 1 Điều 2 Hiến pháp năm 2013): “Nhà nước Cộng hòa xã hội "
        "chủ nghĩa Việt Nam là nhà nước ……… xã hội chủ nghĩa của Nhân dân, do Nhân dân, vì Nhân "
        "dân.”</p>",
        {
            "answers": [{"text": "pháp quyền", "fraction": "1"}],
            "accent_insensitive": True,
        },
        difficulty="easy",
        tags=("Hiến pháp 2013",),
        general_feedback="<p>Đáp án: <b>pháp quyền</b>. Câu này chấp nhận cả cách gõ không "
        "dấu.</p>",
    ),
]

# --- Công vụ, công chức -------------------------------------------------------------

CONG_VU_QUESTIONS = [
    DemoQuestion(
        "demo-cv-01",
        CONG_VU,
        "shortanswer",
        "Đạo đức của cán bộ, công chức",
        "<p>Điền cụm từ còn thiếu: theo Luật Cán bộ, công chức, cán bộ, công chức phải thực "
        "hiện cần, kiệm, liêm, chính, ……… trong hoạt động công vụ.</p>",
        {
            "answers": [
                {"text": "chí công vô tư", "fraction": "1", "feedback": "Chính xác."},
            ],
            "accent_insensitive": True,
        },
        difficulty="easy",
        tags=("đạo đức công vụ", "Luật Cán bộ công chức"),
        general_feedback="<p>Đáp án: <b>chí công vô tư</b> (Điều 15 Luật Cán bộ, công chức năm "
        "2008). Câu này chấp nhận cả cách gõ không dấu.</p>",
    ),
    DemoQuestion(
        "demo-cv-02",
        CONG_VU,
        "single",
        "Ngạch công chức cao nhất",
        "<p>Theo Luật Cán bộ, công chức năm 2008 (sửa đổi, bổ sung năm 2019), ngạch nào là "
        "ngạch cao nhất trong các ngạch công chức hành chính dưới đây?</p>",
        _choice(
            ("Chuyên viên cao cấp", "1"),
            ("Chuyên viên chính", "0"),
            ("Chuyên viên", "0"),
            ("Cán sự", "0"),
        ),
        difficulty="easy",
        tags=("ngạch công chức",),
    ),
    DemoQuestion(
        "demo-cv-03",
        CONG_VU,
        "matching",
        "Mã số ngạch công chức hành chính",
        "<p>Ghép mỗi ngạch công chức hành chính với mã số ngạch của nó.</p>",
        _matching(
            [
                ("Chuyên viên cao cấp", "01.001"),
                ("Chuyên viên chính", "01.002"),
                ("Chuyên viên", "01.003"),
                ("Cán sự", "01.004"),
            ],
            distractors=["01.005"],
        ),
        difficulty="hard",
        tags=("ngạch công chức",),
        general_feedback="<p>Mã số 01.005 là của ngạch nhân viên.</p>",
    ),
    DemoQuestion(
        "demo-cv-04",
        CONG_VU,
        "truefalse",
        "Cán bộ, công chức và đình công",
        "<p>Cán bộ, công chức được tham gia đình công.</p>",
        {
            "correct": False,
            "feedback_true": "Chưa đúng: tham gia đình công là việc cán bộ, công chức không "
            "được làm.",
            "feedback_false": "Đúng: Luật Cán bộ, công chức cấm cán bộ, công chức tham gia đình "
            "công.",
        },
        difficulty="easy",
        tags=("Luật Cán bộ công chức",),
    ),
    DemoQuestion(
        "demo-cv-05",
        CONG_VU,
        "multiple",
        "Nguyên tắc thi hành công vụ",
        "<p>Những nguyên tắc nào là nguyên tắc trong thi hành công vụ theo Luật Cán bộ, công "
        "chức năm 2008? <i>Chọn tất cả phương án đúng.</i></p>",
        _choice(
            ("Tuân thủ Hiến pháp và pháp luật", "0.25"),
            (
                "Bảo vệ lợi ích của Nhà nước, quyền, lợi ích hợp pháp của tổ chức, công dân",
                "0.25",
            ),
            ("Công khai, minh bạch, đúng thẩm quyền và có sự kiểm tra, giám sát", "0.25"),
            ("Bảo đảm thứ bậc hành chính và sự phối hợp chặt chẽ", "0.25"),
            (
                "Chấp hành mọi quyết định của cấp trên mà không cần xem xét tính hợp pháp",
                "-1",
                "Đây không phải nguyên tắc thi hành công vụ. Khi có căn cứ cho rằng quyết định "
                "trái pháp luật, công chức phải kịp thời báo cáo bằng văn bản với người ra quyết "
                "định.",
            ),
            correct="Chính xác.",
            partial="Đúng một phần.",
        ),
        tags=("Luật Cán bộ công chức", "công vụ"),
    ),
    DemoQuestion(
        "demo-cv-06",
        CONG_VU,
        "single",
        "Các mức xếp loại chất lượng công chức",
        "<p>Theo Luật Cán bộ, công chức năm 2008 (sửa đổi, bổ sung năm 2019), công chức được "
        "xếp loại chất lượng hằng năm theo những mức nào?</p>",
        _choice(
            (
                "Hoàn thành xuất sắc nhiệm vụ; hoàn thành tốt nhiệm vụ; hoàn thành nhiệm vụ; "
                "không hoàn thành nhiệm vụ",
                "1",
            ),
            ("Xuất sắc; giỏi; khá; trung bình; yếu", "0"),
            ("Đạt; không đạt", "0"),
            ("Loại A; loại B; loại C; loại D", "0", "Đây là cách phân loại công chức theo ngạch."),
        ),
        tags=("đánh giá công chức",),
    ),
    DemoQuestion(
        "demo-cv-07",
        CONG_VU,
        "truefalse",
        "Hiệu lực của Luật Cán bộ, công chức năm 2025",
        "<p>Luật Cán bộ, công chức năm 2025 có hiệu lực thi hành từ ngày 01/7/2025, cùng ngày "
        "chính quyền địa phương hai cấp bắt đầu hoạt động.</p>",
        {"correct": True},
        tags=("Luật Cán bộ công chức", "chính quyền địa phương hai cấp"),
        general_feedback="<p>Luật Cán bộ, công chức năm 2025 thay thế Luật Cán bộ, công chức "
        "năm 2008 (đã được sửa đổi, bổ sung năm 2019).</p>" + CHECK_IN_FORCE,
    ),
    DemoQuestion(
        "demo-cv-08",
        CONG_VU,
        "single",
        "Văn bản sửa đổi Luật Cán bộ, công chức năm 2019",
        "<p>Năm 2019, Luật Cán bộ, công chức năm 2008 được sửa đổi, bổ sung bằng luật nào?</p>",
        _choice(
            ("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức", "1"),
            ("Luật Tổ chức chính quyền địa phương", "0"),
            ("Luật Tổ chức Chính phủ", "0"),
            ("Bộ luật Lao động", "0", "Bộ luật Lao động không điều chỉnh chế độ công vụ."),
        ),
        difficulty="hard",
        tags=("Luật Cán bộ công chức",),
    ),
]

# --- Cải cách hành chính ------------------------------------------------------------

CCHC_QUESTIONS = [
    DemoQuestion(
        "demo-cc-01",
        CCHC,
        "single",
        "Chương trình tổng thể cải cách hành chính 2021 – 2030",
        "<p>Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030 được ban "
        "hành kèm theo văn bản nào?</p>",
        _choice(
            ("Nghị quyết số 76/NQ-CP của Chính phủ", "1"),
            (
                "Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ",
                "0",
                "Quyết định này phê duyệt Chương trình Chuyển đổi số quốc gia.",
            ),
            ("Nghị định số 30/2020/NĐ-CP", "0", "Nghị định này quy định về công tác văn thư."),
            (
                "Nghị định số 61/2018/NĐ-CP",
                "0",
                "Nghị định này quy định về cơ chế một cửa, một cửa liên thông.",
            ),
        ),
        difficulty="easy",
        tags=("cải cách hành chính",),
    ),
    DemoQuestion(
        "demo-cc-02",
        CCHC,
        "numerical",
        "Số nội dung của Chương trình tổng thể cải cách hành chính",
        "<p>Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030 (Nghị "
        "quyết số 76/NQ-CP) gồm bao nhiêu nội dung cải cách? Nhập một con số.</p>",
        {"answers": [{"value": "6", "tolerance": "0", "fraction": "1"}]},
        tags=("cải cách hành chính",),
        general_feedback="<p>Sáu nội dung: cải cách thể chế; cải cách thủ tục hành chính; cải "
        "cách tổ chức bộ máy hành chính nhà nước; cải cách chế độ công vụ; cải cách tài chính "
        "công; xây dựng và phát triển Chính phủ điện tử, Chính phủ số.</p>",
    ),
    DemoQuestion(
        "demo-cc-03",
        CCHC,
        "multiple",
        "Nội dung cải cách hành chính 2021 – 2030",
        "<p>Những nội dung nào thuộc Chương trình tổng thể cải cách hành chính nhà nước giai "
        "đoạn 2021 – 2030? <i>Chọn tất cả phương án đúng.</i></p>",
        _choice(
            ("Cải cách thể chế", "0.25"),
            ("Cải cách thủ tục hành chính", "0.25"),
            ("Cải cách chế độ công vụ", "0.25"),
            ("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "0.25"),
            (
                "Cải cách tư pháp",
                "-0.5",
                "Cải cách tư pháp là một chủ trương riêng, không thuộc chương trình này.",
            ),
        ),
        tags=("cải cách hành chính",),
    ),
    DemoQuestion(
        "demo-cc-04",
        CCHC,
        "shortanswer",
        "Bộ phận Một cửa",
        "<p>Theo Nghị định số 61/2018/NĐ-CP, Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ "
        "tục hành chính được gọi chung là bộ phận gì?</p>",
        {
            "answers": [
                {"text": "*một cửa*", "fraction": "1", "feedback": "Chính xác."},
                {
                    "text": "*mot cua*",
                    "fraction": "0.5",
                    "feedback": "Đúng ý, nhưng văn bản hành chính phải viết tiếng Việt có dấu.",
                },
            ]
        },
        difficulty="easy",
        tags=("cải cách hành chính", "một cửa"),
        general_feedback="<p>Đáp án: <b>Bộ phận Một cửa</b>. Mọi câu trả lời có chứa cụm “một "
        "cửa” đều được chấp nhận.</p>",
    ),
    DemoQuestion(
        "demo-cc-05",
        CCHC,
        "truefalse",
        "Cơ chế một cửa",
        "<p>Theo cơ chế một cửa, người dân phải tự mang hồ sơ đến từng phòng chuyên môn có liên "
        "quan để xin ý kiến trước khi nộp.</p>",
        {
            "correct": False,
            "feedback_false": "Đúng: người dân nộp hồ sơ và nhận kết quả tại một đầu mối; việc "
            "luân chuyển hồ sơ là trách nhiệm của cơ quan nhà nước.",
        },
        difficulty="easy",
        tags=("một cửa",),
    ),
    DemoQuestion(
        "demo-cc-06",
        CCHC,
        "single",
        "Hướng dẫn bổ sung hồ sơ",
        "<p>Một người dân đến nộp hồ sơ lần thứ ba vì mỗi lần lại được yêu cầu bổ sung một giấy "
        "tờ khác. Theo tinh thần cải cách thủ tục hành chính, công chức tiếp nhận phải làm "
        "gì?</p>",
        _choice(
            (
                "Kiểm tra toàn bộ hồ sơ và hướng dẫn đầy đủ, một lần bằng văn bản những gì cần "
                "bổ sung",
                "1",
            ),
            ("Nhận hồ sơ thiếu rồi để phòng chuyên môn tự liên hệ sau", "0"),
            ("Yêu cầu nộp thêm bản sao chứng thực của mọi giấy tờ cho chắc chắn", "0"),
            ("Từ chối nhận hồ sơ và đề nghị người dân hỏi một công chức khác", "0"),
        ),
        tags=("cải cách hành chính", "một cửa", "đạo đức công vụ"),
    ),
]

# --- Văn bản quản lý nhà nước ---------------------------------------------------------

VAN_BAN_QUESTIONS = [
    DemoQuestion(
        "demo-vb-01",
        VAN_BAN,
        "single",
        "Nội dung của Nghị định số 30/2020/NĐ-CP",
        "<p>Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ quy định về nội dung nào?</p>",
        _choice(
            ("Công tác văn thư", "1"),
            ("Bảo vệ dữ liệu cá nhân", "0"),
            ("Cơ chế một cửa, một cửa liên thông", "0"),
            ("Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "0"),
        ),
        difficulty="easy",
        tags=("Nghị định 30/2020",),
    ),
    DemoQuestion(
        "demo-vb-02",
        VAN_BAN,
        "numerical",
        "Lề trái của văn bản hành chính",
        "<p>Theo Nghị định số 30/2020/NĐ-CP, lề trái của trang văn bản hành chính rộng bao nhiêu "
        "milimét? Nhập một con số nằm trong khoảng quy định.</p>",
        {
            "answers": [
                {
                    "min": "30",
                    "max": "35",
                    "fraction": "1",
                    "feedback": "Đúng: lề trái từ 30 mm đến 35 mm.",
                }
            ]
        },
        tags=("Nghị định 30/2020", "kỹ thuật trình bày"),
        general_feedback="<p>Lề trên và lề dưới từ 20 đến 25 mm, lề trái từ 30 đến 35 mm, lề "
        "phải từ 15 đến 20 mm.</p>",
    ),
    DemoQuestion(
        "demo-vb-03",
        VAN_BAN,
        "multiple",
        "Văn bản hành chính",
        "<p>Những loại văn bản nào dưới đây là văn bản hành chính theo Nghị định số "
        "30/2020/NĐ-CP? <i>Chọn tất cả phương án đúng.</i></p>",
        _choice(
            ("Tờ trình", "0.25"),
            ("Công văn", "0.25"),
            ("Kế hoạch", "0.25"),
            ("Báo cáo", "0.25"),
            ("Nghị định", "-0.5", "Nghị định là văn bản quy phạm pháp luật."),
            ("Luật", "-0.5", "Luật là văn bản quy phạm pháp luật."),
        ),
        tags=("Nghị định 30/2020", "thể thức văn bản"),
    ),
    DemoQuestion(
        "demo-vb-04",
        VAN_BAN,
        "matching",
        "Chữ viết tắt trước chức vụ người ký",
        "<p>Ghép mỗi chữ viết tắt đặt trước chức vụ của người ký với ý nghĩa của nó.</p>",
        _matching(
            [
                ("KT.", "Ký thay người đứng đầu cơ quan, tổ chức"),
                ("TM.", "Thay mặt tập thể lãnh đạo"),
                ("TL.", "Thừa lệnh người đứng đầu"),
                ("TUQ.", "Thừa ủy quyền người đứng đầu"),
            ],
            distractors=["Sao y bản chính"],
        ),
        tags=("Nghị định 30/2020", "thể thức văn bản"),
        general_feedback="<p>“Sao y” là một hình thức bản sao, không phải chữ viết tắt đặt trước "
        "chức vụ người ký.</p>",
    ),
    DemoQuestion(
        "demo-vb-05",
        VAN_BAN,
        "truefalse",
        "Vị trí đóng dấu",
        "<p>Dấu của cơ quan, tổ chức được đóng trùm lên khoảng 1/3 chữ ký về phía bên trái.</p>",
        {"correct": True},
        difficulty="easy",
        tags=("Nghị định 30/2020", "thể thức văn bản"),
    ),
    DemoQuestion(
        "demo-vb-06",
        VAN_BAN,
        "truefalse",
        "Cách ghi ngày ban hành",
        "<p>Trong văn bản hành chính, ngày ban hành được ghi là “ngày 5 tháng 3 năm 2026” là "
        "đúng thể thức.</p>",
        {
            "correct": False,
            "feedback_true": "Chưa đúng: ngày dưới 10 phải thêm số 0 ở trước.",
            "feedback_false": "Đúng: phải ghi “ngày 05 tháng 3 năm 2026”.",
        },
        tags=("Nghị định 30/2020", "thể thức văn bản"),
        general_feedback="<p>Ngày nhỏ hơn 10 và tháng 1, tháng 2 phải thêm số 0 ở trước.</p>",
    ),
    DemoQuestion(
        "demo-vb-07",
        VAN_BAN,
        "single",
        "Văn bản không ghi tên loại",
        "<p>Loại văn bản hành chính nào <b>không</b> ghi tên loại văn bản?</p>",
        _choice(
            ("Công văn", "1"),
            ("Quyết định", "0"),
            ("Tờ trình", "0"),
            ("Báo cáo", "0"),
        ),
        tags=("thể thức văn bản",),
    ),
    DemoQuestion(
        "demo-vb-08",
        VAN_BAN,
        "shortanswer",
        "Phông chữ của văn bản hành chính",
        "<p>Văn bản hành chính dùng phông chữ tiếng Việt nào (bộ mã Unicode theo TCVN "
        "6909:2001)?</p>",
        {"answers": [{"text": "Times New Roman", "fraction": "1"}]},
        difficulty="easy",
        tags=("Nghị định 30/2020", "kỹ thuật trình bày"),
    ),
]

# --- Chính phủ số và dịch vụ công trực tuyến ----------------------------------------

CHINH_PHU_SO_QUESTIONS = [
    DemoQuestion(
        "demo-mo-ta-cds",
        CDS,
        "description",
        "Hướng dẫn: bài luyện tập chuyển đổi số",
        "<p><b>Bài luyện tập về chuyển đổi số.</b> Các câu hỏi xoay quanh khung chính sách "
        "chuyển đổi số, dữ liệu và an toàn thông tin. Sau khi nộp bài, anh/chị xem ngay đáp án "
        "và nhận xét của từng câu.</p>",
        {},
        difficulty="easy",
    ),
    DemoQuestion(
        "demo-cps-01",
        CHINH_PHU_SO,
        "single",
        "Quyết định số 749/QĐ-TTg",
        "<p>Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt nội dung "
        "gì?</p>",
        _choice(
            ("Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030", "1"),
            (
                "Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 – "
                "2025",
                "0",
                "Chiến lược này được phê duyệt bằng Quyết định số 942/QĐ-TTg năm 2021.",
            ),
            (
                "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030",
                "0",
                "Chương trình này ban hành kèm theo Nghị quyết số 76/NQ-CP.",
            ),
            (
                "Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử",
                "0",
                "Đây là Đề án 06, phê duyệt bằng Quyết định số 06/QĐ-TTg năm 2022.",
            ),
        ),
        difficulty="easy",
        tags=("Quyết định 749", "chuyển đổi số quốc gia"),
    ),
    DemoQuestion(
        "demo-cps-02",
        CHINH_PHU_SO,
        "multiple",
        "Ba trụ cột của chuyển đổi số quốc gia",
        "<p>Chương trình Chuyển đổi số quốc gia xác định những trụ cột nào? <i>Chọn tất cả "
        "phương án đúng.</i></p>",
        _choice(
            ("Chính phủ số", THIRD),
            ("Kinh tế số", THIRD),
            ("Xã hội số", THIRD),
            (
                "Đô thị thông minh",
                "-0.5",
                "Đô thị thông minh là một hướng phát triển, không phải một trong ba trụ cột.",
            ),
        ),
        difficulty="easy",
        tags=("Quyết định 749", "chuyển đổi số quốc gia"),
    ),
    DemoQuestion(
        "demo-cps-03",
        CHINH_PHU_SO,
        "truefalse",
        "Vai trò của nhận thức",
        "<p>Theo Chương trình Chuyển đổi số quốc gia, nhận thức đóng vai trò quyết định trong "
        "chuyển đổi số.</p>",
        {"correct": True},
        difficulty="easy",
        tags=("Quyết định 749",),
    ),
    DemoQuestion(
        "demo-cps-04",
        CHINH_PHU_SO,
        "single",
        "Ngày Chuyển đổi số quốc gia",
        "<p>Ngày Chuyển đổi số quốc gia hằng năm là ngày nào?</p>",
        _choice(("10/10", "1"), ("03/6", "0"), ("01/7", "0"), ("09/12", "0")),
        difficulty="easy",
        tags=("chuyển đổi số quốc gia",),
    ),
    DemoQuestion(
        "demo-cps-05",
        CHINH_PHU_SO,
        "shortanswer",
        "Địa chỉ Cổng Dịch vụ công quốc gia",
        "<p>Người dân, doanh nghiệp truy cập Cổng Dịch vụ công quốc gia ở địa chỉ trang web "
        "nào?</p>",
        {"answers": [{"text": "*dichvucong.gov.vn*", "fraction": "1"}]},
        difficulty="easy",
        tags=("dịch vụ công trực tuyến",),
        general_feedback="<p>Đáp án: <b>dichvucong.gov.vn</b>; câu trả lời có hay không có "
        "“https://” đều được chấp nhận.</p>",
    ),
    DemoQuestion(
        "demo-cps-06",
        CHINH_PHU_SO,
        "truefalse",
        "Dịch vụ công trực tuyến toàn trình",
        "<p>Khi dùng dịch vụ công trực tuyến toàn trình, người dân không phải đến cơ quan nhà "
        "nước để nộp hồ sơ hay nhận kết quả.</p>",
        {"correct": True},
        tags=("dịch vụ công trực tuyến",),
        general_feedback="<p>Hồ sơ được nộp và giải quyết trên môi trường mạng; kết quả được trả "
        "trực tuyến hoặc qua dịch vụ bưu chính công ích.</p>",
    ),
    DemoQuestion(
        "demo-cps-07",
        CHINH_PHU_SO,
        "numerical",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "<p>Trong quý III, Bộ phận Một cửa của một xã tiếp nhận 240 hồ sơ, trong đó 204 hồ sơ "
        "được nộp trực tuyến. Tỷ lệ hồ sơ nộp trực tuyến là bao nhiêu phần trăm? Nhập một con "
        "số, ví dụ 72,5.</p>",
        {
            "answers": [
                {"value": "85", "tolerance": "0.5", "fraction": "1", "feedback": "Chính xác."},
                {
                    "value": "15",
                    "tolerance": "0.5",
                    "fraction": "0",
                    "feedback": "Đây là tỷ lệ hồ sơ nộp trực tiếp.",
                },
            ]
        },
        tags=("dịch vụ công trực tuyến",),
        general_feedback="<p>204 : 240 × 100 = 85 (%). Đáp án sai lệch không quá 0,5 vẫn được "
        "tính đúng.</p>",
    ),
    DemoQuestion(
        "demo-cps-08",
        CHINH_PHU_SO,
        "matching",
        "Văn bản về chuyển đổi số",
        "<p>Ghép mỗi văn bản với nội dung chính của nó.</p>",
        _matching(
            [
                ("Quyết định số 749/QĐ-TTg", "Chương trình Chuyển đổi số quốc gia"),
                (
                    "Quyết định số 942/QĐ-TTg",
                    "Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số",
                ),
                (
                    "Nghị quyết số 57-NQ/TW",
                    "Đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
                    "quốc gia",
                ),
                ("Luật Giao dịch điện tử năm 2023", "Giao dịch thực hiện bằng phương tiện điện tử"),
            ],
            distractors=["Công tác văn thư"],
        ),
        difficulty="hard",
        tags=("Quyết định 749", "chuyển đổi số quốc gia"),
        general_feedback="<p>“Công tác văn thư” là nội dung của Nghị định số 30/2020/NĐ-CP.</p>",
    ),
    DemoQuestion(
        "demo-cps-09",
        CHINH_PHU_SO,
        "single",
        "Chính phủ số và Chính phủ điện tử",
        "<p>Điểm nào phân biệt rõ nhất Chính phủ số với Chính phủ điện tử?</p>",
        _choice(
            (
                "Vận hành và ra quyết định dựa trên dữ liệu, lấy người dân và doanh nghiệp làm "
                "trung tâm",
                "1",
            ),
            ("Trang bị máy tính cho mọi công chức", "0"),
            ("Đưa toàn bộ biểu mẫu lên trang thông tin điện tử", "0"),
            ("Không còn cần đến công chức", "0"),
        ),
        tags=("Chính phủ số",),
    ),
    DemoQuestion(
        "demo-cps-10",
        CHINH_PHU_SO,
        "truefalse",
        "Hiệu lực của Luật Giao dịch điện tử năm 2023",
        "<p>Luật Giao dịch điện tử năm 2023 có hiệu lực thi hành từ ngày 01/7/2024.</p>",
        {"correct": True},
        tags=("Luật Giao dịch điện tử 2023",),
        general_feedback="<p>Luật Giao dịch điện tử năm 2023 thay thế Luật Giao dịch điện tử "
        "năm 2005.</p>",
    ),
]

# --- Dữ liệu số và bảo vệ dữ liệu cá nhân --------------------------------------------

DU_LIEU_QUESTIONS = [
    DemoQuestion(
        "demo-dl-01",
        DU_LIEU,
        "single",
        "Nội dung của Nghị định số 13/2023/NĐ-CP",
        "<p>Nghị định số 13/2023/NĐ-CP của Chính phủ quy định về vấn đề gì?</p>",
        _choice(
            ("Bảo vệ dữ liệu cá nhân", "1"),
            ("Công tác văn thư", "0"),
            ("Giao dịch điện tử", "0"),
            ("Cơ chế một cửa, một cửa liên thông", "0"),
        ),
        difficulty="easy",
        tags=("dữ liệu cá nhân", "Nghị định 13/2023"),
        general_feedback=CHECK_IN_FORCE,
    ),
    DemoQuestion(
        "demo-dl-02",
        DU_LIEU,
        "multiple",
        "Dữ liệu cá nhân nhạy cảm",
        "<p>Theo Nghị định số 13/2023/NĐ-CP, những thông tin nào là dữ liệu cá nhân nhạy cảm? "
        "<i>Chọn tất cả phương án đúng.</i></p>",
        _choice(
            ("Tình trạng sức khỏe được ghi trong hồ sơ bệnh án", THIRD),
            ("Quan điểm chính trị, quan điểm tôn giáo", THIRD),
            ("Vị trí của cá nhân được xác định qua dịch vụ định vị", THIRD),
            ("Họ, chữ đệm và tên khai sinh", "-0.5", "Đây là dữ liệu cá nhân cơ bản."),
            ("Số điện thoại", "-0.5", "Đây là dữ liệu cá nhân cơ bản."),
        ),
        difficulty="hard",
        tags=("dữ liệu cá nhân", "Nghị định 13/2023"),
        general_feedback="<p>Nghị định chia dữ liệu cá nhân thành dữ liệu cơ bản và dữ liệu "
        "nhạy cảm; dữ liệu nhạy cảm cần được bảo vệ chặt chẽ hơn.</p>" + CHECK_IN_FORCE,
    ),
    DemoQuestion(
        "demo-dl-03",
        DU_LIEU,
        "shortanswer",
        "Chủ thể dữ liệu",
        "<p>Theo Nghị định số 13/2023/NĐ-CP, cá nhân được dữ liệu cá nhân phản ánh được gọi là "
        "gì?</p>",
        {"answers": [{"text": "chủ thể dữ liệu", "fraction": "1"}], "accent_insensitive": True},
        tags=("dữ liệu cá nhân", "Nghị định 13/2023"),
        general_feedback="<p>Đáp án: <b>chủ thể dữ liệu</b>. Câu này chấp nhận cả cách gõ không "
        "dấu.</p>",
    ),
    DemoQuestion(
        "demo-dl-04",
        DU_LIEU,
        "truefalse",
        "Hiệu lực của Nghị định số 13/2023/NĐ-CP",
        "<p>Nghị định số 13/2023/NĐ-CP có hiệu lực thi hành từ ngày 01/7/2023.</p>",
        {"correct": True},
        tags=("Nghị định 13/2023",),
        general_feedback=CHECK_IN_FORCE,
    ),
    DemoQuestion(
        "demo-dl-05",
        DU_LIEU,
        "truefalse",
        "Không yêu cầu nộp lại giấy tờ đã có",
        "<p>Khi cơ quan nhà nước đã có dữ liệu của người dân trong một cơ sở dữ liệu được kết "
        "nối, chia sẻ, công chức vẫn nên yêu cầu người dân nộp lại bản giấy của giấy tờ đó cho "
        "chắc chắn.</p>",
        {
            "correct": False,
            "feedback_false": "Đúng: dữ liệu đã có thì khai thác lại, không bắt người dân nộp lại.",
        },
        difficulty="easy",
        tags=("dữ liệu số", "dịch vụ công trực tuyến"),
    ),
    DemoQuestion(
        "demo-dl-06",
        DU_LIEU,
        "single",
        "Nền tảng của Đề án 06",
        "<p>Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử (Đề án "
        "06) lấy cơ sở dữ liệu nào làm nền tảng?</p>",
        _choice(
            ("Cơ sở dữ liệu quốc gia về dân cư", "1"),
            ("Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức", "0"),
            ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "0"),
            ("Cơ sở dữ liệu của Cổng Dịch vụ công quốc gia", "0"),
        ),
        tags=("dữ liệu số", "Đề án 06"),
    ),
]

# --- An toàn thông tin --------------------------------------------------------------

ATTT_QUESTIONS = [
    DemoQuestion(
        "demo-at-01",
        ATTT,
        "single",
        "Cấp độ an toàn hệ thống thông tin",
        "<p>Theo Nghị định số 85/2016/NĐ-CP, hệ thống thông tin được phân loại theo mấy cấp độ "
        "an toàn?</p>",
        _choice(("5 cấp độ", "1"), ("3 cấp độ", "0"), ("4 cấp độ", "0"), ("7 cấp độ", "0")),
        difficulty="hard",
        tags=("an toàn thông tin",),
    ),
    DemoQuestion(
        "demo-at-02",
        ATTT,
        "multiple",
        "Thói quen an toàn thông tin",
        "<p>Những thói quen nào giúp bảo đảm an toàn thông tin khi làm việc? <i>Chọn tất cả "
        "phương án đúng.</i></p>",
        _choice(
            ("Bật xác thực hai lớp khi hệ thống hỗ trợ", THIRD),
            ("Kiểm tra kỹ địa chỉ người gửi và đường liên kết trước khi bấm", THIRD),
            ("Khóa màn hình máy tính khi rời chỗ ngồi", THIRD),
            ("Dùng chung một mật khẩu cho mọi tài khoản để dễ nhớ", "-0.5"),
            (
                "Gửi mật khẩu qua thư điện tử khi có người xưng là cán bộ kỹ thuật yêu cầu",
                "-0.5",
            ),
        ),
        difficulty="easy",
        tags=("an toàn thông tin",),
    ),
    DemoQuestion(
        "demo-at-03",
        ATTT,
        "truefalse",
        "Tài liệu chứa bí mật nhà nước",
        "<p>Được phép soạn thảo, lưu giữ tài liệu chứa bí mật nhà nước trên máy tính có kết nối "
        "Internet, miễn là máy đã cài phần mềm diệt virus.</p>",
        {
            "correct": False,
            "feedback_true": "Chưa đúng: Luật Bảo vệ bí mật nhà nước cấm việc này, dù máy có cài "
            "phần mềm diệt virus.",
            "feedback_false": "Đúng: Luật Bảo vệ bí mật nhà nước cấm soạn thảo, lưu giữ tài liệu "
            "mật trên thiết bị có kết nối Internet.",
        },
        tags=("an toàn thông tin", "bí mật nhà nước"),
    ),
    DemoQuestion(
        "demo-at-04",
        ATTT,
        "single",
        "Thư điện tử giả mạo",
        "<p>Một công chức nhận thư điện tử có tên người gửi giống Văn phòng Sở, đề nghị bấm vào "
        "đường liên kết để “xác nhận lại mật khẩu hộp thư công vụ trong 24 giờ”. Cách xử lý nào "
        "đúng nhất?</p>",
        _choice(
            ("Không bấm vào đường liên kết và báo ngay cho bộ phận công nghệ thông tin", "1"),
            ("Bấm vào đường liên kết và đăng nhập để hộp thư không bị khóa", "0"),
            ("Chuyển tiếp thư cho cả phòng để mọi người cùng xác nhận", "0"),
            ("Trả lời thư, gửi kèm mật khẩu để người gửi kiểm tra", "0"),
        ),
        tags=("an toàn thông tin", "lừa đảo trực tuyến"),
    ),
    DemoQuestion(
        "demo-at-05",
        ATTT,
        "shortanswer",
        "Tấn công giả mạo",
        "<p>Hình thức tấn công dùng thư điện tử hoặc trang web giả mạo để lừa người dùng cung "
        "cấp mật khẩu, thông tin cá nhân thường được gọi bằng thuật ngữ tiếng Anh nào?</p>",
        {"answers": [{"text": "phishing", "fraction": "1"}]},
        tags=("an toàn thông tin", "lừa đảo trực tuyến"),
    ),
    DemoQuestion(
        "demo-at-06",
        ATTT,
        "truefalse",
        "Chữ ký số",
        "<p>Theo Luật Giao dịch điện tử năm 2023, chữ ký số là một loại chữ ký điện tử.</p>",
        {"correct": True},
        difficulty="easy",
        tags=("Luật Giao dịch điện tử 2023", "chữ ký số"),
    ),
    DemoQuestion(
        "demo-at-07",
        ATTT,
        "single",
        "Mật khẩu mạnh",
        "<p>Mật khẩu nào dưới đây mạnh nhất?</p>",
        _choice(
            ("Sen-vang!Mua-thu#2026", "1"),
            ("123456", "0"),
            ("matkhau", "0"),
            ("Nguyen1990", "0"),
        ),
        difficulty="easy",
        tags=("an toàn thông tin",),
        status="draft",
    ),
]

# --- Tự luận và phân tích tình huống ------------------------------------------------

# The case analysis's ``case_page`` is filled in when the demo is built: the library
# demo's case study on the same situation (see quizzes.demo.CASE_STUDY_SLUG).
CASE_QUESTION = "demo-tl-03"

TU_LUAN_QUESTIONS = [
    DemoQuestion(
        "demo-tl-01",
        TU_LUAN,
        "essay",
        "Công chức và cải cách thủ tục hành chính",
        "<p>Anh/chị hãy nêu và phân tích ba việc cụ thể mà một công chức có thể làm ngay ở vị "
        "trí công tác của mình để góp phần cải cách thủ tục hành chính và phục vụ người dân tốt "
        "hơn. Bài viết dài khoảng 200 – 400 từ.</p>",
        {
            "format": "html",
            "min_words": 100,
            "max_words": 500,
            "grader_info": "<p><b>Gợi ý chấm (2 điểm).</b> Mỗi việc cụ thể, khả thi, gắn với "
            "vị trí việc làm: 0,5 điểm (tối đa 1,5 điểm), ví dụ: hướng dẫn hồ sơ đầy đủ một "
            "lần; rà soát, đề xuất bỏ bước hay giấy tờ không cần thiết; khai thác dữ liệu đã có "
            "thay vì yêu cầu nộp lại; giải quyết hồ sơ đúng hạn và trực tuyến. Lập luận rõ, "
            "có liên hệ thực tế: 0,5 điểm.</p><p>Không cho điểm những ý chung chung như "
            "“nâng cao nhận thức” nếu không có việc làm cụ thể đi kèm.</p>",
        },
        difficulty="medium",
        tags=("cải cách hành chính", "tự luận"),
        general_feedback="<p>Bài tốt nêu được việc làm cụ thể, có thể kiểm chứng, và gắn với "
        "công việc thực tế của người viết.</p>",
    ),
    DemoQuestion(
        "demo-tl-02",
        TU_LUAN,
        "essay",
        "Người đứng đầu trong chuyển đổi số",
        "<p>Phân tích vai trò của người đứng đầu cơ quan, đơn vị trong chuyển đổi số. Liên hệ "
        "với thực tiễn nơi anh/chị công tác và đề xuất hai việc người đứng đầu nên làm trước "
        "tiên.</p>",
        {
            "format": "html",
            "min_words": 150,
            "max_words": 600,
            "grader_info": "<p><b>Gợi ý chấm.</b> Nêu được vai trò quyết định của nhận thức và "
            "sự gương mẫu của người đứng đầu (ví dụ: ký số, xử lý văn bản trên hệ thống); thay "
            "đổi quy trình trước khi chọn công cụ; bồi dưỡng kỹ năng số cho công chức; đo kết "
            "quả bằng chỉ số cụ thể. Hai đề xuất phải khả thi trong điều kiện của đơn vị.</p>",
        },
        tags=("Chính phủ số", "tự luận"),
    ),
    DemoQuestion(
        CASE_QUESTION,
        TU_LUAN,
        "case",
        "Tình huống: danh sách người cao tuổi bị lộ",
        "<p><b>Tình huống.</b> Một công chức của Ủy ban nhân dân phường được giao lập danh sách "
        "người cao tuổi để chi trả trợ cấp. Danh sách gồm họ tên, số định danh cá nhân, số điện "
        "thoại và tình trạng sức khỏe của từng người. Để kịp tiến độ, công chức chép danh sách "
        "vào thiết bị lưu trữ cá nhân để làm thêm ở nhà, rồi gửi qua ứng dụng nhắn tin cho một "
        "người tự xưng là nhân viên ngân hàng “để đối chiếu tài khoản”. Ít ngày sau, nhiều người "
        "cao tuổi trong phường nhận được cuộc gọi lừa đảo.</p>"
        "<p>Anh/chị hãy: (1) xác định những sai phạm và rủi ro về an toàn thông tin, bảo vệ dữ "
        "liệu cá nhân trong tình huống; (2) phân tích nguyên nhân; (3) đề xuất biện pháp xử lý "
        "trước mắt và biện pháp phòng ngừa lâu dài ở cấp phường.</p>",
        {
            "format": "html",
            "min_words": 200,
            "max_words": 800,
            "grader_info": "<p><b>Gợi ý chấm (2 điểm).</b> (1) Sai phạm, rủi ro — 0,75 điểm: "
            "danh sách chứa cả dữ liệu cá nhân nhạy cảm (tình trạng sức khỏe); sao chép ra "
            "thiết bị cá nhân; chia sẻ cho người không có thẩm quyền qua kênh không được phép; "
            "không xác minh người yêu cầu. (2) Nguyên nhân — 0,5 điểm: thiếu quy chế quản lý "
            "dữ liệu, thiếu bồi dưỡng kỹ năng, áp lực tiến độ, thiếu kiểm tra. (3) Biện pháp — "
            "0,75 điểm: báo cáo ngay, thông báo vi phạm theo quy định về bảo vệ dữ liệu cá nhân, "
            "cảnh báo người dân; phân quyền truy cập, chỉ dùng hệ thống của cơ quan, tập huấn "
            "nhận diện lừa đảo, xử lý trách nhiệm.</p>",
        },
        difficulty="hard",
        tags=("dữ liệu cá nhân", "an toàn thông tin", "tình huống"),
    ),
    DemoQuestion(
        "demo-tl-04",
        TU_LUAN,
        "essay",
        "Điểm mới của Luật Cán bộ, công chức năm 2025",
        "<p>So sánh Luật Cán bộ, công chức năm 2025 với Luật Cán bộ, công chức năm 2008 (sửa "
        "đổi, bổ sung năm 2019): nêu ba điểm mới mà anh/chị thấy ảnh hưởng nhiều nhất đến công "
        "việc của mình.</p>",
        {
            "format": "html",
            "grader_info": "<p>Bản nháp: giảng viên bổ sung đáp án gợi ý sau khi thống nhất "
            "trong bộ môn.</p>",
        },
        tags=("Luật Cán bộ công chức", "tự luận"),
        status="draft",
    ),
]

QUESTIONS = [
    *BO_MAY_QUESTIONS,
    *CONG_VU_QUESTIONS,
    *CCHC_QUESTIONS,
    *VAN_BAN_QUESTIONS,
    *CHINH_PHU_SO_QUESTIONS,
    *DU_LIEU_QUESTIONS,
    *ATTT_QUESTIONS,
    *TU_LUAN_QUESTIONS,
]
