"""The library items of the demo: legal documents and the demo units' own materials.

An item with ``sections`` gets a generated PDF (``library.demo.render_pdf``): a title
block, the demo notice, the summary and these sections. For a legal document the PDF
is a description sheet ("phiếu giới thiệu văn bản") written for the demo, never the
document's text: readers are sent to the official text.

Items are listed in the order they are built; an item named in ``replaced_by`` comes
before the item it replaces.
"""

from dataclasses import dataclass

from library.models import LegalStatus, Licence, Visibility

from .taxonomy import HOC_VIEN, TRUONG_TINH

HOC_VIEN_UNIT = "hoc-vien-hanh-chinh"
TRUONG_TINH_UNIT = "truong-chinh-tri-tinh-demo"
PROGRAM_CHUYEN_VIEN = "boi-duong-ngach-chuyen-vien"
PROGRAM_CAP_PHONG = "boi-duong-lanh-dao-quan-ly-cap-phong"
ALL_CIVIL_SERVANTS = ("01.001", "01.002", "01.003", "01.004")
DEMO_MATERIAL = " Tài liệu mẫu để trình diễn."


@dataclass(frozen=True)
class DemoItem:
    slug: str
    title: str
    type_code: str  # a MaterialType code (library migration 0003)
    summary: str
    body: str = ""  # the IssuingBody name
    number: str = ""
    issued: str = ""  # ISO date
    effective: str = ""  # ISO date; empty when the demo does not state it
    status: str = ""  # a LegalStatus; empty when the demo does not state it
    replaced_by: str = ""  # slug of the replacing item
    authors: str = ""
    publisher: str = ""
    year: int | None = None  # the issue date's year when empty
    subjects: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    ranks: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()  # ProgramPage slugs of the lessons demo
    licence: str = ""
    unit: str = HOC_VIEN_UNIT
    visibility: str = Visibility.PUBLIC
    external_url: str = ""
    sections: tuple[tuple[str, str], ...] = ()  # (heading, paragraph) of the PDF; none: no file

    @property
    def is_legal(self):
        return bool(self.number)

    @property
    def publication_year(self):
        return self.year or (int(self.issued[:4]) if self.issued else None)


def _legal(slug, title, type_code, number, body, issued, summary, sections, **fields):
    fields.setdefault("licence", Licence.PUBLIC_DOMAIN)
    fields.setdefault("ranks", ALL_CIVIL_SERVANTS)
    return DemoItem(
        slug=slug,
        title=title,
        type_code=type_code,
        number=number,
        body=body,
        issued=issued,
        summary=summary,
        sections=tuple(sections),
        **fields,
    )


# --- Chuyển đổi số --------------------------------------------------------------------

NQ_52 = _legal(
    "nghi-quyet-52-nq-tw",
    "Nghị quyết số 52-NQ/TW về một số chủ trương, chính sách chủ động tham gia cuộc Cách "
    "mạng công nghiệp lần thứ tư",
    "nghi-quyet",
    "52-NQ/TW",
    "Bộ Chính trị",
    "2019-09-27",
    "Nghị quyết của Bộ Chính trị ban hành ngày 27/9/2019, định hướng cách Việt Nam chủ động "
    "tham gia cuộc Cách mạng công nghiệp lần thứ tư. Văn bản nhấn mạnh yêu cầu cấp bách phải "
    "đẩy nhanh chuyển đổi số và là căn cứ chính trị cho các chương trình, chiến lược về chuyển "
    "đổi số quốc gia và Chính phủ số được ban hành sau đó.",
    [
        (
            "Vị trí của văn bản",
            "Đây là văn bản định hướng chính trị. Trên cơ sở Nghị quyết, Chính phủ ban hành "
            "Chương trình hành động để thực hiện; Thủ tướng Chính phủ ban hành nhiều văn bản cụ "
            "thể hóa, trong đó có Chỉ thị số 01/CT-TTg ngày 14/01/2020, Quyết định số 749/QĐ-TTg "
            "ngày 03/6/2020 và Quyết định số 942/QĐ-TTg ngày 15/6/2021. Khi giảng dạy về chuyển "
            "đổi số, nên trình bày Nghị quyết như điểm khởi đầu của chuỗi văn bản này.",
        ),
        (
            "Ý nghĩa đối với đào tạo, bồi dưỡng",
            "Cuộc Cách mạng công nghiệp lần thứ tư đặt ra yêu cầu mới về năng lực của đội ngũ "
            "cán bộ, công chức: hiểu công nghệ số đủ để quản lý, biết khai thác dữ liệu và thay "
            "đổi cách phục vụ người dân. Vì vậy, các cơ sở đào tạo, bồi dưỡng thường lấy Nghị "
            "quyết làm căn cứ khi xây dựng chuyên đề về chuyển đổi số cho lãnh đạo, quản lý các "
            "cấp.",
        ),
        (
            "Gợi ý khai thác",
            "Học viên nên đọc Nghị quyết cùng Chương trình chuyển đổi số quốc gia để thấy mối "
            "liên hệ giữa chủ trương và chương trình hành động cụ thể. Câu hỏi thảo luận gợi ý: "
            "cơ quan nơi anh/chị công tác đã cụ thể hóa chủ trương chuyển đổi số bằng những việc "
            "làm nào?",
        ),
    ],
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số", "Chuyển đổi số › Chính phủ số"),
    tags=("chuyển đổi số", "Cách mạng công nghiệp lần thứ tư", "văn bản của Đảng"),
)

CT_01 = _legal(
    "chi-thi-01-ct-ttg",
    "Chỉ thị số 01/CT-TTg về thúc đẩy phát triển cộng đồng doanh nghiệp công nghệ số Việt Nam",
    "chi-thi",
    "01/CT-TTg",
    "Thủ tướng Chính phủ",
    "2020-01-14",
    "Chỉ thị của Thủ tướng Chính phủ ngày 14/01/2020 về thúc đẩy phát triển cộng đồng doanh "
    "nghiệp công nghệ số Việt Nam. Ban hành không lâu sau Nghị quyết số 52-NQ/TW, Chỉ thị gắn "
    "việc phát triển doanh nghiệp công nghệ số trong nước với yêu cầu chuyển đổi số quốc gia.",
    [
        (
            "Bối cảnh",
            "Chuyển đổi số không chỉ cần chủ trương và nguồn lực của Nhà nước mà còn cần những "
            "doanh nghiệp đủ năng lực làm ra sản phẩm, giải pháp và dịch vụ số. Chỉ thị đặt việc "
            "phát triển cộng đồng doanh nghiệp này thành nhiệm vụ chung của các bộ, ngành và địa "
            "phương.",
        ),
        (
            "Liên hệ với công việc của cơ quan hành chính",
            "Với công chức, Chỉ thị gợi ra một câu hỏi thực tế: khi cơ quan cần một phần mềm, "
            "một nền tảng hay một dịch vụ số, cơ quan đặt hàng, thuê dịch vụ và phối hợp với "
            "doanh nghiệp như thế nào để vừa đúng quy định, vừa có được sản phẩm mà người dân "
            "dùng tốt.",
        ),
        (
            "Gợi ý khai thác",
            "Văn bản phù hợp với chuyên đề về khung chính sách chuyển đổi số. Giảng viên nên đặt "
            "Chỉ thị bên cạnh Nghị quyết số 52-NQ/TW và Quyết định số 749/QĐ-TTg để học viên "
            "thấy trình tự: chủ trương trước, rồi đến nhiệm vụ và chương trình cụ thể.",
        ),
    ],
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số",),
    tags=("chuyển đổi số", "doanh nghiệp công nghệ số"),
)

QD_749 = _legal(
    "quyet-dinh-749-qd-ttg",
    "Quyết định số 749/QĐ-TTg phê duyệt Chương trình chuyển đổi số quốc gia đến năm 2025, "
    "định hướng đến năm 2030",
    "quyet-dinh",
    "749/QĐ-TTg",
    "Thủ tướng Chính phủ",
    "2020-06-03",
    "Quyết định của Thủ tướng Chính phủ ngày 03/6/2020 phê duyệt Chương trình chuyển đổi số "
    "quốc gia đến năm 2025, định hướng đến năm 2030. Chương trình phát triển đồng thời Chính "
    "phủ số, kinh tế số và xã hội số; giáo dục, đào tạo là một trong tám lĩnh vực được ưu tiên "
    "chuyển đổi số.",
    [
        (
            "Ba trụ cột",
            "Chương trình tiếp cận chuyển đổi số trên ba trụ cột: Chính phủ số, kinh tế số và xã "
            "hội số. Với cơ quan hành chính, trụ cột Chính phủ số gần gũi nhất: thủ tục hành "
            "chính được thực hiện trên môi trường số, dữ liệu được chia sẻ giữa các cơ quan và "
            "quyết định quản lý dựa nhiều hơn vào dữ liệu.",
        ),
        (
            "Giáo dục, đào tạo là lĩnh vực ưu tiên",
            "Việc giáo dục, đào tạo nằm trong nhóm lĩnh vực ưu tiên là căn cứ để các cơ sở đào "
            "tạo, bồi dưỡng cán bộ, công chức số hóa chương trình và tài liệu, xây dựng kho học "
            "liệu dùng chung, bài giảng điện tử, ngân hàng câu hỏi, tình huống và thư viện số, "
            "đồng thời tổ chức học tập, kiểm tra trực tuyến.",
        ),
        (
            "Gợi ý khai thác",
            "Đây là văn bản nên đọc đầu tiên khi tìm hiểu chuyển đổi số ở Việt Nam. Học viên có "
            "thể lập bảng đối chiếu: mỗi trụ cột của Chương trình tương ứng với những việc gì ở "
            "cơ quan, đơn vị mình.",
        ),
    ],
    effective="2020-06-03",
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số", "Chuyển đổi số › Chính phủ số"),
    tags=("chuyển đổi số", "Chính phủ số", "kinh tế số", "xã hội số"),
)

QD_942 = _legal(
    "quyet-dinh-942-qd-ttg",
    "Quyết định số 942/QĐ-TTg phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới "
    "Chính phủ số giai đoạn 2021 – 2025, định hướng đến năm 2030",
    "quyet-dinh",
    "942/QĐ-TTg",
    "Thủ tướng Chính phủ",
    "2021-06-15",
    "Quyết định của Thủ tướng Chính phủ ngày 15/6/2021 phê duyệt Chiến lược phát triển Chính "
    "phủ điện tử hướng tới Chính phủ số giai đoạn 2021 – 2025, định hướng đến năm 2030. Chiến "
    "lược cụ thể hóa trụ cột Chính phủ số của Chương trình chuyển đổi số quốc gia cho các cơ "
    "quan nhà nước.",
    [
        (
            "Từ Chính phủ điện tử đến Chính phủ số",
            "Chính phủ điện tử chủ yếu đưa các quy trình sẵn có lên môi trường mạng; Chính phủ "
            "số đi xa hơn, lấy dữ liệu làm nền tảng để thay đổi chính cách cơ quan nhà nước vận "
            "hành và phục vụ người dân, doanh nghiệp. Tên gọi của Chiến lược thể hiện bước "
            "chuyển này.",
        ),
        (
            "Ý nghĩa đối với công chức",
            "Phần lớn công việc hằng ngày của công chức — tiếp nhận hồ sơ, xử lý văn bản, báo "
            "cáo, trao đổi thông tin — đều chịu tác động của Chiến lược. Bồi dưỡng kỹ năng số "
            "cho công chức vì vậy là điều kiện để các mục tiêu về Chính phủ số thành hiện thực.",
        ),
        (
            "Gợi ý khai thác",
            "Nên đọc Chiến lược sau Quyết định số 749/QĐ-TTg. Bài tập ngắn cho học viên: chọn "
            "một thủ tục hành chính quen thuộc và mô tả thủ tục đó sẽ thay đổi ra sao khi cơ "
            "quan khai thác dữ liệu đã có trong cơ sở dữ liệu quốc gia thay cho giấy tờ người "
            "dân phải nộp.",
        ),
    ],
    effective="2021-06-15",
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số › Chính phủ số",),
    tags=("Chính phủ điện tử", "Chính phủ số"),
)

QD_06 = _legal(
    "quyet-dinh-06-qd-ttg",
    "Quyết định số 06/QĐ-TTg phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh "
    "và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 – 2025, tầm nhìn đến "
    "năm 2030",
    "quyet-dinh",
    "06/QĐ-TTg",
    "Thủ tướng Chính phủ",
    "2022-01-06",
    "Quyết định của Thủ tướng Chính phủ ngày 06/01/2022 phê duyệt Đề án thường được gọi là "
    "“Đề án 06”. Đề án lấy dữ liệu về dân cư, định danh và xác thực điện tử làm nền tảng để "
    "giải quyết thủ tục hành chính, cung cấp dịch vụ công trực tuyến và giảm giấy tờ cho người "
    "dân.",
    [
        (
            "Ở cấp xã",
            "Nhiều nhiệm vụ của Đề án được thực hiện ngay tại cấp xã: làm sạch dữ liệu dân cư, "
            "hướng dẫn người dân kích hoạt định danh điện tử và khai thác dữ liệu sẵn có thay "
            "cho việc yêu cầu nộp bản sao giấy tờ. Vì thế, công chức cấp xã là đối tượng quan "
            "trọng của các lớp bồi dưỡng về Đề án.",
        ),
        (
            "Gợi ý khai thác",
            "Đọc cùng Luật Dữ liệu năm 2024 và tài liệu bồi dưỡng về an toàn thông tin, bảo vệ "
            "dữ liệu cá nhân: khai thác dữ liệu dân cư luôn đi kèm trách nhiệm bảo vệ dữ liệu "
            "của người dân.",
        ),
    ],
    effective="2022-01-06",
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số › Dữ liệu số", "Quản lý nhà nước › Thủ tục hành chính"),
    tags=("Đề án 06", "dữ liệu dân cư", "định danh điện tử"),
)

LUAT_GDDT_2023 = _legal(
    "luat-giao-dich-dien-tu-2023",
    "Luật Giao dịch điện tử năm 2023 (Luật số 20/2023/QH15)",
    "luat",
    "20/2023/QH15",
    "Quốc hội",
    "2023-06-22",
    "Luật do Quốc hội khóa XV thông qua ngày 22/6/2023, có hiệu lực từ ngày 01/7/2024, thay "
    "thế Luật Giao dịch điện tử năm 2005. Luật quy định về việc thực hiện giao dịch điện tử, "
    "kể cả giao dịch điện tử của cơ quan nhà nước — nền tảng pháp lý của văn bản điện tử, chữ "
    "ký điện tử và dịch vụ công trực tuyến.",
    [
        (
            "Ý nghĩa đối với cơ quan hành chính",
            "Khi hồ sơ, văn bản và chữ ký ở dạng điện tử được pháp luật thừa nhận, cơ quan nhà "
            "nước có thể xử lý công việc từ đầu đến cuối trên môi trường số. Đây là điều kiện để "
            "thủ tục hành chính được thực hiện trực tuyến toàn trình và để giảm giấy tờ người "
            "dân phải nộp.",
        ),
        (
            "Gợi ý khai thác",
            "Văn bản phù hợp với chuyên đề về Chính phủ số và kỹ năng số cho công chức. Học viên "
            "có thể liệt kê những giao dịch điện tử mình thực hiện hằng tuần ở cơ quan rồi thảo "
            "luận về giá trị pháp lý của từng loại.",
        ),
    ],
    effective="2024-07-01",
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số › Chính phủ số",),
    tags=("giao dịch điện tử", "chữ ký điện tử", "văn bản điện tử"),
)

LUAT_GDDT_2005 = _legal(
    "luat-giao-dich-dien-tu-2005",
    "Luật Giao dịch điện tử năm 2005 (Luật số 51/2005/QH11)",
    "luat",
    "51/2005/QH11",
    "Quốc hội",
    "2005-11-29",
    "Luật do Quốc hội khóa XI thông qua ngày 29/11/2005, có hiệu lực từ ngày 01/3/2006. Luật đã "
    "được thay thế bởi Luật Giao dịch điện tử năm 2023 từ ngày 01/7/2024; thư viện giữ lại để "
    "tra cứu các tài liệu cũ viện dẫn văn bản này.",
    [
        (
            "Tình trạng",
            "Luật không còn hiệu lực từ ngày 01/7/2024. Không dùng văn bản này làm căn cứ khi "
            "soạn tài liệu mới.",
        ),
        (
            "Vì sao vẫn lưu trong thư viện",
            "Các tài liệu về Chính phủ điện tử biên soạn trước năm 2024 thường viện dẫn Luật "
            "này. Liên kết tới văn bản thay thế giúp người đọc chuyển ngay sang quy định hiện "
            "hành.",
        ),
    ],
    effective="2006-03-01",
    status=LegalStatus.REPLACED,
    replaced_by="luat-giao-dich-dien-tu-2023",
    subjects=("Chuyển đổi số › Chính phủ số",),
    tags=("giao dịch điện tử",),
)

LUAT_DU_LIEU = _legal(
    "luat-du-lieu-2024",
    "Luật Dữ liệu năm 2024 (Luật số 60/2024/QH15)",
    "luat",
    "60/2024/QH15",
    "Quốc hội",
    "2024-11-30",
    "Luật do Quốc hội khóa XV thông qua ngày 30/11/2024, có hiệu lực từ ngày 01/7/2025, quy "
    "định về dữ liệu số và việc xây dựng, phát triển, bảo vệ, quản trị, xử lý, sử dụng dữ liệu "
    "số. Văn bản là khung pháp lý cho việc chia sẻ và khai thác dữ liệu giữa các cơ quan nhà "
    "nước.",
    [
        (
            "Dữ liệu là tài nguyên",
            "Chuyển đổi số chỉ thực chất khi dữ liệu được quản trị tốt: có người chịu trách "
            "nhiệm, có quy tắc chia sẻ và được bảo vệ. Với công chức, điều này thể hiện ở những "
            "việc cụ thể như cập nhật dữ liệu đúng, đủ, kịp thời và không tùy tiện sao chép dữ "
            "liệu ra khỏi hệ thống.",
        ),
        (
            "Gợi ý khai thác",
            "Dùng trong chuyên đề về dữ liệu số và khi phân tích tình huống “Chuyển đổi số ở cấp "
            "xã: danh sách người cao tuổi bị lộ” trong thư viện.",
        ),
    ],
    effective="2025-07-01",
    status=LegalStatus.IN_FORCE,
    subjects=("Chuyển đổi số › Dữ liệu số",),
    tags=("dữ liệu số", "quản trị dữ liệu"),
)

# --- Đào tạo, bồi dưỡng; công vụ, công chức ------------------------------------------

ND_101 = _legal(
    "nghi-dinh-101-2017-nd-cp",
    "Nghị định số 101/2017/NĐ-CP về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "nghi-dinh",
    "101/2017/NĐ-CP",
    "Chính phủ",
    "2017-09-01",
    "Nghị định của Chính phủ ngày 01/9/2017 về đào tạo, bồi dưỡng cán bộ, công chức, viên "
    "chức, thay thế Nghị định số 18/2010/NĐ-CP. Một số điều của Nghị định đã được sửa đổi, bổ "
    "sung bởi Nghị định số 89/2021/NĐ-CP ngày 18/10/2021; khi tra cứu cần đọc cùng văn bản sửa "
    "đổi này.",
    [
        (
            "Phạm vi",
            "Nghị định là căn cứ pháp lý chung của hoạt động đào tạo, bồi dưỡng đội ngũ cán bộ, "
            "công chức, viên chức. Các chương trình bồi dưỡng theo tiêu chuẩn ngạch, theo chức "
            "vụ lãnh đạo, quản lý và theo vị trí việc làm trên nền tảng này đều ghi Nghị định "
            "trong phần căn cứ pháp lý.",
        ),
        (
            "Sửa đổi năm 2021",
            "Nghị định số 89/2021/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định này nhằm hoàn "
            "thiện hình thức, nội dung, chương trình, tài liệu bồi dưỡng, cũng như việc phân "
            "công quản lý và cấp chứng chỉ chương trình bồi dưỡng. Vì vậy, khi trích dẫn một "
            "điều khoản, người đọc cần kiểm tra điều khoản đó đã được sửa đổi hay chưa.",
        ),
        (
            "Gợi ý khai thác",
            "Cán bộ quản lý đào tạo dùng Nghị định khi lập kế hoạch bồi dưỡng hằng năm và khi "
            "xây dựng chương trình mới. Trên nền tảng, mỗi chương trình ghi rõ căn cứ pháp lý để "
            "dễ cập nhật khi văn bản thay đổi.",
        ),
    ],
    effective="2017-10-15",
    status=LegalStatus.PARTLY,
    subjects=("Đào tạo, bồi dưỡng", "Quản lý nhà nước › Công vụ, công chức"),
    tags=("bồi dưỡng", "công chức", "viên chức"),
    programs=(PROGRAM_CHUYEN_VIEN, PROGRAM_CAP_PHONG),
)

ND_89 = _legal(
    "nghi-dinh-89-2021-nd-cp",
    "Nghị định số 89/2021/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 101/2017/NĐ-CP "
    "về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "nghi-dinh",
    "89/2021/NĐ-CP",
    "Chính phủ",
    "2021-10-18",
    "Nghị định của Chính phủ ngày 18/10/2021 sửa đổi, bổ sung một số điều của Nghị định số "
    "101/2017/NĐ-CP. Văn bản hoàn thiện quy định về hình thức, nội dung, chương trình, tài liệu "
    "bồi dưỡng và việc phân công quản lý, cấp chứng chỉ chương trình bồi dưỡng cán bộ, công "
    "chức, viên chức.",
    [
        (
            "Những điểm đáng chú ý",
            "Theo Nghị định, Bộ Nội vụ xây dựng, ban hành và quản lý chương trình bồi dưỡng kiến "
            "thức, kỹ năng quản lý nhà nước theo tiêu chuẩn ngạch công chức và chương trình bồi "
            "dưỡng theo yêu cầu vị trí việc làm lãnh đạo, quản lý. Từ đó, chương trình và tài "
            "liệu bồi dưỡng được rà soát, hoàn thiện để áp dụng thống nhất.",
        ),
        (
            "Liên hệ với chuyển đổi số trong bồi dưỡng",
            "Sự thống nhất về chương trình, tài liệu là điều kiện cần để số hóa hoạt động bồi "
            "dưỡng: khi nội dung đã chuẩn hóa, các cơ sở đào tạo có thể dùng chung học liệu, "
            "ngân hàng câu hỏi và cấp chứng chỉ có thể tra cứu trên môi trường số.",
        ),
        (
            "Gợi ý khai thác",
            "Luôn đọc Nghị định này cùng Nghị định số 101/2017/NĐ-CP. Học viên các lớp bồi dưỡng "
            "theo ngạch có thể tìm trong văn bản căn cứ của chính chương trình mình đang học.",
        ),
    ],
    effective="2021-12-05",
    status=LegalStatus.IN_FORCE,
    subjects=("Đào tạo, bồi dưỡng", "Quản lý nhà nước › Công vụ, công chức"),
    tags=("bồi dưỡng", "chứng chỉ bồi dưỡng"),
    programs=(PROGRAM_CHUYEN_VIEN, PROGRAM_CAP_PHONG),
)

ND_18 = _legal(
    "nghi-dinh-18-2010-nd-cp",
    "Nghị định số 18/2010/NĐ-CP về đào tạo, bồi dưỡng công chức",
    "nghi-dinh",
    "18/2010/NĐ-CP",
    "Chính phủ",
    "2010-03-05",
    "Nghị định của Chính phủ ngày 05/3/2010 về đào tạo, bồi dưỡng công chức. Văn bản đã được "
    "thay thế bởi Nghị định số 101/2017/NĐ-CP; thư viện giữ lại để tra cứu lịch sử quy định về "
    "bồi dưỡng công chức.",
    [
        (
            "Tình trạng",
            "Nghị định không còn được áp dụng từ khi Nghị định số 101/2017/NĐ-CP có hiệu lực. "
            "Khi soạn bài giảng hoặc hồ sơ chương trình, không dùng văn bản này làm căn cứ pháp "
            "lý.",
        ),
        (
            "Vì sao vẫn lưu trong thư viện",
            "Nhiều tài liệu, đề tài nghiên cứu và hồ sơ lớp bồi dưỡng trước năm 2017 viện dẫn "
            "Nghị định này. Giữ văn bản cũ cùng liên kết tới văn bản thay thế giúp người đọc hiểu "
            "đúng các tài liệu đó và thấy quy định đã thay đổi như thế nào.",
        ),
        (
            "Gợi ý khai thác",
            "So sánh tên gọi của hai nghị định: văn bản năm 2010 nói về công chức, còn văn bản "
            "năm 2017 bao quát cả cán bộ, công chức và viên chức — một điểm có thể dùng để mở "
            "đầu phần giới thiệu khung pháp lý về bồi dưỡng.",
        ),
    ],
    status=LegalStatus.REPLACED,
    replaced_by="nghi-dinh-101-2017-nd-cp",
    subjects=("Đào tạo, bồi dưỡng",),
    tags=("bồi dưỡng",),
)

LUAT_CBCC_2025 = _legal(
    "luat-can-bo-cong-chuc-2025",
    "Luật Cán bộ, công chức năm 2025 (Luật số 80/2025/QH15)",
    "luat",
    "80/2025/QH15",
    "Quốc hội",
    "2025-06-24",
    "Luật do Quốc hội khóa XV thông qua ngày 24/6/2025, có hiệu lực từ ngày 01/7/2025, thay thế "
    "Luật Cán bộ, công chức năm 2008. Luật được ban hành trong quá trình sắp xếp tổ chức bộ máy "
    "và tổ chức chính quyền địa phương hai cấp.",
    [
        (
            "Vì sao cần đọc ngay",
            "Mọi chuyên đề về công vụ, công chức trong các chương trình bồi dưỡng cần được cập "
            "nhật theo Luật này. Giảng viên nên rà soát bài giảng, câu hỏi kiểm tra và tình "
            "huống còn viện dẫn Luật năm 2008.",
        ),
        (
            "Gợi ý khai thác",
            "Một bài tập hữu ích cho lớp bồi dưỡng là lập bảng so sánh một vài nội dung mà học "
            "viên quan tâm giữa Luật năm 2008 và Luật năm 2025, rồi thảo luận tác động đối với "
            "vị trí việc làm của từng người.",
        ),
    ],
    effective="2025-07-01",
    status=LegalStatus.IN_FORCE,
    subjects=("Quản lý nhà nước › Công vụ, công chức",),
    tags=("công chức", "công vụ"),
    programs=(PROGRAM_CHUYEN_VIEN, PROGRAM_CAP_PHONG),
)

LUAT_CBCC_2008 = _legal(
    "luat-can-bo-cong-chuc-2008",
    "Luật Cán bộ, công chức năm 2008 (Luật số 22/2008/QH12)",
    "luat",
    "22/2008/QH12",
    "Quốc hội",
    "2008-11-13",
    "Luật do Quốc hội khóa XII thông qua ngày 13/11/2008, có hiệu lực từ ngày 01/01/2010, được "
    "sửa đổi, bổ sung năm 2019 bởi Luật số 52/2019/QH14. Luật đã được thay thế bởi Luật Cán bộ, "
    "công chức năm 2025 (Luật số 80/2025/QH15) từ ngày 01/7/2025.",
    [
        (
            "Vị trí trong hệ thống pháp luật về công vụ",
            "Trong hơn mười lăm năm, Luật là nền tảng của chế độ công vụ. Phần lớn giáo trình, "
            "tài liệu bồi dưỡng biên soạn trước năm 2025 được viết trên cơ sở Luật này.",
        ),
        (
            "Khi đọc tài liệu cũ",
            "Khi một tài liệu viện dẫn Luật năm 2008, người đọc cần đối chiếu với Luật năm 2025 "
            "để biết quy định hiện hành tương ứng. Thư viện giữ văn bản cũ cùng liên kết tới văn "
            "bản thay thế để việc đối chiếu được thuận tiện.",
        ),
    ],
    effective="2010-01-01",
    status=LegalStatus.REPLACED,
    replaced_by="luat-can-bo-cong-chuc-2025",
    subjects=("Quản lý nhà nước › Công vụ, công chức",),
    tags=("công chức", "công vụ"),
)

LUAT_VIEN_CHUC = _legal(
    "luat-vien-chuc-2010",
    "Luật Viên chức năm 2010 (Luật số 58/2010/QH12)",
    "luat",
    "58/2010/QH12",
    "Quốc hội",
    "2010-11-15",
    "Luật do Quốc hội khóa XII thông qua ngày 15/11/2010, có hiệu lực từ ngày 01/01/2012, quy "
    "định về viên chức làm việc tại đơn vị sự nghiệp công lập. Luật đã được sửa đổi, bổ sung "
    "năm 2019 bởi Luật số 52/2019/QH14; khi trích dẫn, hãy kiểm tra văn bản hợp nhất và tình "
    "trạng hiệu lực mới nhất.",
    [
        (
            "Viên chức và công chức",
            "Viên chức được tuyển dụng theo vị trí việc làm, làm việc tại đơn vị sự nghiệp công "
            "lập như trường học, bệnh viện, viện nghiên cứu theo chế độ hợp đồng làm việc. Phân "
            "biệt viên chức với công chức là nội dung cơ bản của các chương trình bồi dưỡng về "
            "công vụ.",
        ),
        (
            "Gợi ý khai thác",
            "Luật được dùng trong các chuyên đề về quản lý nhân sự khu vực công và trong bồi "
            "dưỡng viên chức theo tiêu chuẩn chức danh nghề nghiệp. Hãy đọc cùng Luật số "
            "52/2019/QH14 để nắm các nội dung đã được sửa đổi.",
        ),
    ],
    effective="2012-01-01",
    subjects=("Quản lý nhà nước › Công vụ, công chức",),
    tags=("viên chức", "đơn vị sự nghiệp công lập"),
)

LUAT_52_2019 = _legal(
    "luat-sua-doi-can-bo-cong-chuc-va-vien-chuc-2019",
    "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức (Luật số "
    "52/2019/QH14)",
    "luat",
    "52/2019/QH14",
    "Quốc hội",
    "2019-11-25",
    "Luật do Quốc hội khóa XIV thông qua ngày 25/11/2019, có hiệu lực từ ngày 01/7/2020, sửa "
    "đổi, bổ sung đồng thời Luật Cán bộ, công chức năm 2008 và Luật Viên chức năm 2010. Phần "
    "sửa đổi Luật Cán bộ, công chức không còn áp dụng từ khi Luật Cán bộ, công chức năm 2025 có "
    "hiệu lực.",
    [
        (
            "Một luật sửa hai luật",
            "Cách dùng một luật để sửa nhiều luật giúp quy định về cán bộ, công chức và viên "
            "chức được điều chỉnh đồng bộ trong cùng một lần. Khi tra cứu, người đọc cần ghép "
            "nội dung sửa đổi vào đúng luật gốc, hoặc dùng văn bản hợp nhất.",
        ),
    ],
    effective="2020-07-01",
    subjects=("Quản lý nhà nước › Công vụ, công chức",),
    tags=("công chức", "viên chức"),
)

# --- Quản lý nhà nước: thủ tục, văn bản, tiếp công dân --------------------------------

NQ_76 = _legal(
    "nghi-quyet-76-nq-cp",
    "Nghị quyết số 76/NQ-CP ban hành Chương trình tổng thể cải cách hành chính nhà nước giai "
    "đoạn 2021 – 2030",
    "nghi-quyet",
    "76/NQ-CP",
    "Chính phủ",
    "2021-07-15",
    "Nghị quyết của Chính phủ ngày 15/7/2021 ban hành Chương trình tổng thể cải cách hành chính "
    "nhà nước giai đoạn 2021 – 2030, gồm sáu nội dung: cải cách thể chế; cải cách thủ tục hành "
    "chính; cải cách tổ chức bộ máy; cải cách chế độ công vụ; cải cách tài chính công; xây "
    "dựng và phát triển Chính phủ điện tử, Chính phủ số.",
    [
        (
            "Cải cách hành chính và chuyển đổi số",
            "Việc đưa xây dựng Chính phủ điện tử, Chính phủ số thành một nội dung của cải cách "
            "hành chính cho thấy chuyển đổi số không phải việc riêng của ngành công nghệ thông "
            "tin mà là một phần của đổi mới cách quản lý nhà nước.",
        ),
        (
            "Gợi ý khai thác",
            "Dùng với tình huống về phản ánh của người dân khi thủ tục hành chính bị chậm. Học "
            "viên có thể chỉ ra nội dung nào của Chương trình liên quan trực tiếp đến việc mình "
            "đang làm.",
        ),
    ],
    status=LegalStatus.IN_FORCE,
    subjects=("Quản lý nhà nước › Thủ tục hành chính", "Quản lý nhà nước › Tổ chức bộ máy"),
    tags=("cải cách hành chính", "thủ tục hành chính"),
)

ND_30 = _legal(
    "nghi-dinh-30-2020-nd-cp",
    "Nghị định số 30/2020/NĐ-CP về công tác văn thư",
    "nghi-dinh",
    "30/2020/NĐ-CP",
    "Chính phủ",
    "2020-03-05",
    "Nghị định của Chính phủ ngày 05/3/2020 về công tác văn thư, trong đó có thể thức và kỹ "
    "thuật trình bày văn bản hành chính, soạn thảo, ban hành, quản lý văn bản và lập hồ sơ. "
    "Đây là văn bản công chức dùng hằng ngày khi soạn công văn, tờ trình, báo cáo.",
    [
        (
            "Văn bản điện tử",
            "Nghị định có quy định về văn bản điện tử và quản lý văn bản trên môi trường điện "
            "tử, phù hợp với việc các cơ quan xử lý văn bản trên hệ thống quản lý văn bản và "
            "điều hành.",
        ),
        (
            "Gợi ý khai thác",
            "Là căn cứ của bài giảng “Kỹ năng soạn thảo văn bản hành chính” trong thư viện. Khi "
            "luyện tập, học viên nên đối chiếu bản thảo của mình với thể thức trong phụ lục của "
            "Nghị định thay vì sao chép mẫu từ văn bản cũ.",
        ),
    ],
    status=LegalStatus.IN_FORCE,
    subjects=("Kỹ năng › Soạn thảo văn bản",),
    tags=("văn thư", "soạn thảo văn bản", "thể thức văn bản"),
)

LUAT_TIEP_CONG_DAN = _legal(
    "luat-tiep-cong-dan-2013",
    "Luật Tiếp công dân năm 2013 (Luật số 42/2013/QH13)",
    "luat",
    "42/2013/QH13",
    "Quốc hội",
    "2013-11-25",
    "Luật do Quốc hội khóa XIII thông qua ngày 25/11/2013, có hiệu lực từ ngày 01/7/2014, quy "
    "định về việc tiếp công dân đến khiếu nại, tố cáo, kiến nghị, phản ánh. Văn bản là căn cứ "
    "của bài giảng và tình huống về tiếp công dân trong thư viện.",
    [
        (
            "Trách nhiệm tiếp công dân",
            "Luật quy định trách nhiệm tiếp công dân của cơ quan, tổ chức và của người đứng đầu, "
            "bên cạnh hoạt động của Ban tiếp công dân và trụ sở tiếp công dân.",
        ),
        (
            "Gợi ý khai thác",
            "Dùng cùng bài giảng “Tiếp công dân và xử lý phản ánh, kiến nghị” và tình huống về "
            "tiếp đoàn đông người. Khi thảo luận, học viên nên phân biệt khiếu nại, tố cáo với "
            "kiến nghị, phản ánh vì mỗi loại được xử lý theo trình tự khác nhau.",
        ),
    ],
    effective="2014-07-01",
    status=LegalStatus.IN_FORCE,
    subjects=("Quản lý nhà nước › Tiếp công dân, khiếu nại, tố cáo",),
    tags=("tiếp công dân", "khiếu nại", "tố cáo"),
)

# --- Materials of the demo training units ---------------------------------------------

TL_CHUYEN_VIEN = DemoItem(
    slug="tai-lieu-boi-duong-ngach-chuyen-vien-nha-nuoc-va-quan-ly-nha-nuoc",
    title="Tài liệu bồi dưỡng ngạch chuyên viên — Chuyên đề 1: Nhà nước và quản lý nhà nước",
    type_code="tai-lieu-boi-duong",
    summary="Tài liệu dùng cho lớp bồi dưỡng ngạch chuyên viên, trình bày kiến thức nền về nhà "
    "nước, quyền lực nhà nước, bộ máy hành chính và chính quyền địa phương hai cấp, kèm câu hỏi "
    "ôn tập sau mỗi mục." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="TS. Lê Minh Đức (chủ biên); ThS. Bùi Thanh Tâm",
    publisher=HOC_VIEN,
    year=2025,
    subjects=("Quản lý nhà nước › Tổ chức bộ máy", "Đào tạo, bồi dưỡng"),
    tags=("ngạch chuyên viên", "quản lý nhà nước"),
    ranks=("01.003",),
    programs=(PROGRAM_CHUYEN_VIEN,),
    licence=Licence.INTERNAL,
    sections=(
        (
            "Mục tiêu",
            "Sau chuyên đề, học viên trình bày được bản chất của Nhà nước Cộng hòa xã hội chủ "
            "nghĩa Việt Nam, phân biệt được quản lý nhà nước theo nghĩa rộng với quản lý hành "
            "chính nhà nước và mô tả được hệ thống cơ quan hành chính từ trung ương đến địa "
            "phương.",
        ),
        (
            "1. Quyền lực nhà nước",
            "Quyền lực nhà nước ở nước ta là thống nhất, có sự phân công, phối hợp, kiểm soát "
            "giữa các cơ quan trong việc thực hiện các quyền lập pháp, hành pháp, tư pháp. Quốc "
            "hội thực hiện quyền lập hiến, lập pháp; Chính phủ thực hiện quyền hành pháp; Tòa án "
            "nhân dân thực hiện quyền tư pháp.",
        ),
        (
            "2. Quản lý hành chính nhà nước",
            "Quản lý hành chính nhà nước là hoạt động chấp hành và điều hành của Chính phủ, các "
            "bộ, cơ quan ngang bộ và Ủy ban nhân dân các cấp. Hoạt động này mang tính quyền lực "
            "nhà nước, diễn ra liên tục trên mọi lĩnh vực và do đội ngũ cán bộ, công chức chuyên "
            "nghiệp thực hiện.",
        ),
        (
            "3. Chính quyền địa phương hai cấp",
            "Từ ngày 01/7/2025, chính quyền địa phương được tổ chức ở hai cấp: cấp tỉnh và cấp "
            "xã. Nhiều việc trước đây do cấp huyện giải quyết nay thuộc cấp tỉnh hoặc cấp xã, "
            "nên công chức cấp xã cần nắm vững thẩm quyền mới của chính quyền nơi mình công tác.",
        ),
        (
            "Câu hỏi ôn tập",
            "1) Vì sao nói quyền lực nhà nước là thống nhất? 2) Nêu một ví dụ về phối hợp và một "
            "ví dụ về kiểm soát giữa các cơ quan nhà nước. 3) Việc tổ chức chính quyền địa "
            "phương hai cấp ảnh hưởng thế nào đến công việc ở vị trí của anh/chị?",
        ),
    ),
)

TL_CHUYEN_VIEN_CHINH = DemoItem(
    slug="tai-lieu-boi-duong-ngach-chuyen-vien-chinh-ky-nang-tham-muu",
    title="Tài liệu bồi dưỡng ngạch chuyên viên chính — Kỹ năng tham mưu, xây dựng đề án",
    type_code="tai-lieu-boi-duong",
    summary="Hướng dẫn thực hành từng bước xây dựng một đề án: xác định vấn đề, thu thập bằng "
    "chứng, so sánh phương án, dự kiến nguồn lực và lấy ý kiến; kèm ví dụ về đề án số hóa hồ sơ "
    "một cửa ở cấp xã." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="ThS. Nguyễn Thị Thu Hà",
    publisher=HOC_VIEN,
    year=2024,
    subjects=("Kỹ năng › Tham mưu", "Đào tạo, bồi dưỡng"),
    tags=("ngạch chuyên viên chính", "tham mưu", "xây dựng đề án"),
    ranks=("01.002",),
    licence=Licence.INTERNAL,
    sections=(
        (
            "Tham mưu là gì",
            "Tham mưu là giúp người có thẩm quyền ra quyết định đúng, kịp thời và khả thi. Một ý "
            "kiến tham mưu tốt trả lời được ba câu hỏi: vấn đề thực sự là gì, có những phương án "
            "nào, và vì sao nên chọn phương án được đề xuất.",
        ),
        (
            "Các bước xây dựng đề án",
            "Bước 1: mô tả vấn đề bằng số liệu, không bằng cảm nhận. Bước 2: xác định mục tiêu "
            "đo được. Bước 3: đưa ra ít nhất hai phương án và so sánh chi phí, lợi ích, rủi ro. "
            "Bước 4: dự kiến nguồn lực, tiến độ và người chịu trách nhiệm. Bước 5: lấy ý kiến "
            "các cơ quan liên quan và hoàn thiện trước khi trình.",
        ),
        (
            "Ví dụ: số hóa hồ sơ một cửa",
            "Một xã mỗi tháng tiếp nhận vài trăm hồ sơ nhưng vẫn lưu trữ chủ yếu bằng giấy. Đề "
            "án đề xuất số hóa theo lộ trình: trước hết là hồ sơ đang giải quyết, sau đó là hồ "
            "sơ của năm liền trước, đồng thời bồi dưỡng kỹ năng cho công chức bộ phận một cửa. "
            "Chỉ số theo dõi gồm tỷ lệ hồ sơ được số hóa và thời gian tra cứu một hồ sơ.",
        ),
        (
            "Lỗi thường gặp",
            "Đề án chỉ liệt kê nhiệm vụ mà không nêu kết quả cần đạt; một phương án duy nhất "
            "được trình như thể không có lựa chọn nào khác; thiếu dự toán hoặc dự toán không có "
            "căn cứ; không dự kiến rủi ro và cách xử lý.",
        ),
    ),
)

TL_CAP_PHONG = DemoItem(
    slug="tai-lieu-boi-duong-lanh-dao-quan-ly-cap-phong-ky-nang-dieu-hanh",
    title="Tài liệu bồi dưỡng lãnh đạo, quản lý cấp phòng — Kỹ năng điều hành và phân công "
    "công việc",
    type_code="tai-lieu-boi-duong",
    summary="Tài liệu cho lớp bồi dưỡng lãnh đạo, quản lý cấp phòng: giao việc rõ ràng, theo "
    "dõi tiến độ, tổ chức cuộc họp hiệu quả và dẫn dắt phòng trong chuyển đổi số. Chỉ người "
    "dùng đã đăng nhập mới xem được." + DEMO_MATERIAL,
    body=TRUONG_TINH,
    authors="ThS. Hoàng Văn Nam",
    publisher=TRUONG_TINH,
    year=2025,
    subjects=("Kỹ năng › Lãnh đạo, quản lý", "Đào tạo, bồi dưỡng"),
    tags=("lãnh đạo cấp phòng", "kỹ năng điều hành"),
    ranks=("01.002", "01.003"),
    programs=(PROGRAM_CAP_PHONG,),
    licence=Licence.INTERNAL,
    unit=TRUONG_TINH_UNIT,
    visibility=Visibility.SIGNED_IN,
    sections=(
        (
            "Giao việc",
            "Một việc được giao tốt có năm yếu tố: kết quả cần đạt, thời hạn, người chịu trách "
            "nhiệm chính, nguồn lực được dùng và cách báo cáo. Thiếu một yếu tố, cấp phó và "
            "chuyên viên sẽ phải đoán, còn người lãnh đạo sẽ phải hỏi lại.",
        ),
        (
            "Theo dõi tiến độ",
            "Trưởng phòng nên theo dõi công việc trên một bảng chung — có thể là hệ thống quản "
            "lý văn bản và điều hành của cơ quan — thay vì nhắc việc qua tin nhắn cá nhân. Bảng "
            "chung giúp cả phòng thấy việc nào sắp đến hạn và ai đang quá tải.",
        ),
        (
            "Cuộc họp hiệu quả",
            "Mỗi cuộc họp có mục đích rõ, chương trình gửi trước, thời lượng giới hạn và kết "
            "luận ghi thành nhiệm vụ cụ thể. Thông tin chỉ cần thông báo thì gửi bằng văn bản "
            "thay vì triệu tập họp.",
        ),
        (
            "Dẫn dắt phòng trong chuyển đổi số",
            "Người đứng đầu phòng làm gương bằng việc xử lý văn bản, ký số trên hệ thống; chọn "
            "một quy trình của phòng để số hóa trước; và đo kết quả bằng chỉ số cụ thể như thời "
            "gian xử lý hồ sơ.",
        ),
    ),
)

TL_KY_NANG_SO = DemoItem(
    slug="ky-nang-so-co-ban-an-toan-thong-tin-va-bao-ve-du-lieu-ca-nhan",
    title="Kỹ năng số cơ bản cho cán bộ, công chức: an toàn thông tin và bảo vệ dữ liệu cá nhân",
    type_code="tai-lieu-boi-duong",
    summary="Tài liệu ngắn, dễ áp dụng về những thói quen an toàn khi làm việc trên môi trường "
    "số: mật khẩu và xác thực hai lớp, nhận diện tin nhắn lừa đảo, lưu trữ và chia sẻ dữ liệu cá "
    "nhân của người dân đúng quy định, báo cáo sự cố." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="ThS. Vũ Hải Yến",
    publisher=HOC_VIEN,
    year=2025,
    subjects=(
        "Chuyển đổi số › An toàn thông tin",
        "Chuyển đổi số › Dữ liệu số",
        "Kỹ năng › Kỹ năng số",
    ),
    tags=("an toàn thông tin", "bảo vệ dữ liệu cá nhân", "kỹ năng số"),
    ranks=("01.003", "01.004", "01.005"),
    licence=Licence.CC_BY_SA,
    sections=(
        (
            "Mật khẩu và xác thực",
            "Dùng mật khẩu dài, không trùng giữa các hệ thống; bật xác thực hai lớp cho thư điện "
            "tử công vụ và các hệ thống quan trọng; không ghi mật khẩu lên giấy dán cạnh máy "
            "tính và không đưa mật khẩu cho đồng nghiệp, dù chỉ để “trực hộ”.",
        ),
        (
            "Nhận diện lừa đảo",
            "Hãy cảnh giác với tin nhắn, thư điện tử thúc giục làm việc gấp, đòi mã xác thực, "
            "danh sách hay dữ liệu “để đối chiếu”. Khi nghi ngờ, xác minh lại qua một kênh khác, "
            "chẳng hạn gọi tới số máy đã biết của cơ quan.",
        ),
        (
            "Dữ liệu cá nhân của người dân",
            "Chỉ thu thập dữ liệu cần cho công việc; không sao chép dữ liệu ra thiết bị cá nhân; "
            "chỉ chia sẻ qua kênh được cơ quan cho phép và cho người có thẩm quyền; xóa bản sao "
            "tạm khi không còn cần.",
        ),
        (
            "Khi có sự cố",
            "Báo ngay cho người phụ trách an toàn thông tin của cơ quan, không tự xóa dấu vết và "
            "ghi lại những gì đã xảy ra. Báo cáo sớm giúp hạn chế thiệt hại cho người dân.",
        ),
    ),
)

GIAO_TRINH_CDS = DemoItem(
    slug="giao-trinh-quan-ly-nha-nuoc-ve-chuyen-doi-so",
    title="Giáo trình Quản lý nhà nước về chuyển đổi số",
    type_code="giao-trinh",
    summary="Giáo trình trình bày khái niệm chuyển đổi số, khung chính sách từ Nghị quyết số "
    "52-NQ/TW đến Chương trình chuyển đổi số quốc gia, mô hình Chính phủ số, quản trị dữ liệu, an "
    "toàn thông tin và kinh nghiệm tổ chức chuyển đổi số ở địa phương. Bản in lưu tại thư viện "
    "của Học viện." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="PGS.TS. Trần Quốc Hưng (chủ biên); TS. Vũ Thị Lan Anh",
    publisher=HOC_VIEN,
    year=2024,
    subjects=("Chuyển đổi số", "Chuyển đổi số › Chính phủ số"),
    tags=("chuyển đổi số", "giáo trình"),
    ranks=("01.001", "01.002"),
    licence=Licence.ALL_RIGHTS,
)

BG_SOAN_THAO = DemoItem(
    slug="bai-giang-ky-nang-soan-thao-van-ban-hanh-chinh",
    title="Bài giảng: Kỹ năng soạn thảo văn bản hành chính",
    type_code="bai-giang",
    summary="Bài giảng về thể thức và kỹ thuật trình bày văn bản hành chính theo Nghị định số "
    "30/2020/NĐ-CP, cách viết công văn, tờ trình, báo cáo ngắn gọn, rõ ràng và những lỗi thường "
    "gặp khi soạn thảo." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="ThS. Nguyễn Thị Thu Hà",
    publisher=HOC_VIEN,
    year=2025,
    subjects=("Kỹ năng › Soạn thảo văn bản",),
    tags=("soạn thảo văn bản", "thể thức văn bản", "bài giảng"),
    ranks=("01.003", "01.004"),
    programs=(PROGRAM_CHUYEN_VIEN,),
    licence=Licence.CC_BY,
    sections=(
        (
            "Trước khi viết",
            "Xác định người đọc, mục đích và việc người đọc cần làm sau khi đọc. Một công văn "
            "tốt cho người nhận biết ngay ở đoạn đầu: cơ quan đề nghị gì, căn cứ vào đâu và hạn "
            "trả lời khi nào.",
        ),
        (
            "Thể thức",
            "Thể thức văn bản gồm các thành phần như quốc hiệu và tiêu ngữ, tên cơ quan ban "
            "hành, số và ký hiệu, địa danh và thời gian ban hành, tên loại và trích yếu nội "
            "dung, nội dung, chức vụ, họ tên và chữ ký của người có thẩm quyền, dấu hoặc chữ ký "
            "số của cơ quan, nơi nhận. Khi soạn, hãy đối chiếu với phụ lục của Nghị định số "
            "30/2020/NĐ-CP.",
        ),
        (
            "Viết ngắn và rõ",
            "Mỗi đoạn một ý; câu chủ động; dùng số liệu cụ thể; tránh những cụm từ rỗng như “cơ "
            "bản hoàn thành” nếu không kèm kết quả đo được. Đọc lại bản thảo từ vị trí người "
            "nhận trước khi trình ký.",
        ),
        (
            "Lỗi thường gặp",
            "Trích yếu quá dài hoặc không nói được nội dung; viện dẫn văn bản đã hết hiệu lực; "
            "viết hoa tùy tiện; nơi nhận thiếu cơ quan có trách nhiệm thực hiện.",
        ),
    ),
)

BG_TIEP_CONG_DAN = DemoItem(
    slug="bai-giang-tiep-cong-dan-va-xu-ly-phan-anh-kien-nghi",
    title="Bài giảng: Tiếp công dân và xử lý phản ánh, kiến nghị",
    type_code="bai-giang",
    summary="Bài giảng về quy trình và kỹ năng tiếp công dân: chuẩn bị, lắng nghe và ghi nhận, "
    "phân loại đơn, hướng dẫn đến đúng nơi có thẩm quyền, theo dõi kết quả; căn cứ chính là Luật "
    "Tiếp công dân năm 2013." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="TS. Lê Minh Đức",
    publisher=HOC_VIEN,
    year=2025,
    subjects=("Quản lý nhà nước › Tiếp công dân, khiếu nại, tố cáo", "Kỹ năng › Giao tiếp công vụ"),
    tags=("tiếp công dân", "xử lý phản ánh", "bài giảng"),
    ranks=("01.003", "01.004"),
    licence=Licence.CC_BY,
    sections=(
        (
            "Chuẩn bị",
            "Nắm danh sách vụ việc đang giải quyết, hồ sơ liên quan và thẩm quyền của cơ quan "
            "mình. Nơi tiếp công dân cần có lịch tiếp, nội quy công khai và chỗ ngồi cho người "
            "chờ.",
        ),
        (
            "Lắng nghe và ghi nhận",
            "Để công dân trình bày hết ý trước khi hỏi lại; ghi đúng lời của công dân, đọc lại "
            "cho họ nghe và đề nghị ký xác nhận. Thái độ bình tĩnh, tôn trọng giúp cuộc tiếp "
            "không trở nên căng thẳng.",
        ),
        (
            "Phân loại và hướng dẫn",
            "Phân biệt khiếu nại, tố cáo, kiến nghị, phản ánh vì mỗi loại có trình tự xử lý "
            "riêng. Việc không thuộc thẩm quyền thì hướng dẫn công dân gửi đến đúng cơ quan, "
            "bằng văn bản, thay vì từ chối chung chung.",
        ),
        (
            "Theo dõi kết quả",
            "Mỗi vụ việc được vào sổ hoặc phần mềm theo dõi, có hạn xử lý và người chịu trách "
            "nhiệm. Công dân được biết kết quả, kể cả khi kết quả không như mong muốn.",
        ),
    ),
)

BG_DICH_VU_CONG = DemoItem(
    slug="bai-giang-huong-dan-nop-ho-so-tren-cong-dich-vu-cong-quoc-gia",
    title="Bài giảng: Hướng dẫn người dân nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
    type_code="bai-giang",
    summary="Bài giảng thực hành cho công chức bộ phận một cửa: hướng dẫn người dân đăng nhập "
    "bằng tài khoản định danh điện tử, tìm thủ tục, nộp hồ sơ, thanh toán phí, lệ phí và theo "
    "dõi kết quả trên Cổng Dịch vụ công quốc gia. Liên kết dẫn tới Cổng để thực hành."
    + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="ThS. Bùi Thanh Tâm",
    publisher=HOC_VIEN,
    year=2025,
    subjects=("Quản lý nhà nước › Thủ tục hành chính", "Chuyển đổi số › Chính phủ số"),
    tags=("dịch vụ công trực tuyến", "một cửa", "bài giảng"),
    ranks=("01.003", "01.004", "01.005"),
    licence=Licence.CC_BY,
    external_url="https://dichvucong.gov.vn/",
)

SO_TAY_CAP_XA = DemoItem(
    slug="so-tay-chuyen-doi-so-cho-can-bo-cong-chuc-cap-xa",
    title="Sổ tay chuyển đổi số cho cán bộ, công chức cấp xã",
    type_code="sach",
    summary="Sổ tay nội bộ của Trường Chính trị tỉnh Phú Thọ: những việc cần làm để số hóa hồ "
    "sơ một cửa, dùng chữ ký số, khai thác dữ liệu dân cư và giữ an toàn dữ liệu ở xã, phường; "
    "kèm danh mục kiểm tra hằng tháng. Chỉ cán bộ, học viên của Trường xem được." + DEMO_MATERIAL,
    body=TRUONG_TINH,
    authors="ThS. Hoàng Văn Nam; ThS. Đinh Thị Hồng Nhung",
    publisher=TRUONG_TINH,
    year=2025,
    subjects=("Chuyển đổi số › Chính phủ số", "Kỹ năng › Kỹ năng số"),
    tags=("chuyển đổi số", "cấp xã", "sổ tay"),
    ranks=("01.003", "01.004", "01.005"),
    licence=Licence.INTERNAL,
    unit=TRUONG_TINH_UNIT,
    visibility=Visibility.UNIT,
    sections=(
        (
            "Bắt đầu từ quy trình",
            "Trước khi mua phần mềm hay thiết bị, hãy vẽ lại quy trình giải quyết những thủ tục "
            "xã tiếp nhận nhiều nhất và bỏ những bước, giấy tờ không cần thiết. Số hóa một quy "
            "trình rườm rà chỉ làm nó rườm rà nhanh hơn.",
        ),
        (
            "Số hóa hồ sơ một cửa",
            "Số hóa hồ sơ ngay khi tiếp nhận; đặt tên tệp theo một quy tắc chung; lưu kết quả "
            "giải quyết vào kho dữ liệu để lần sau người dân không phải nộp lại.",
        ),
        (
            "Chữ ký số và văn bản điện tử",
            "Lãnh đạo xã ký số văn bản trên hệ thống quản lý văn bản và điều hành; văn thư phát "
            "hành văn bản điện tử thay cho bản giấy khi không bắt buộc phải có bản giấy.",
        ),
        (
            "Danh mục kiểm tra hằng tháng",
            "Tỷ lệ hồ sơ nộp trực tuyến; số hồ sơ quá hạn và lý do; số văn bản phát hành hoàn "
            "toàn điện tử; tài khoản của người đã nghỉ việc đã được khóa chưa; bản sao dữ liệu "
            "nằm ngoài hệ thống đã được xóa chưa.",
        ),
    ),
)

HOI_DAP_DAO_DUC = DemoItem(
    slug="hoi-dap-ve-dao-duc-cong-vu",
    title="Hỏi – đáp về đạo đức công vụ",
    type_code="sach",
    summary="Sách gồm những câu hỏi thường gặp về đạo đức, văn hóa công vụ và cách ứng xử của "
    "công chức khi tiếp xúc với người dân, đồng nghiệp và doanh nghiệp; mỗi câu trả lời kèm một "
    "ví dụ thực tế ngắn." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="TS. Lê Minh Đức; ThS. Bùi Thanh Tâm",
    publisher=HOC_VIEN,
    year=2023,
    subjects=("Quản lý nhà nước › Công vụ, công chức",),
    tags=("đạo đức công vụ", "văn hóa công vụ"),
    ranks=ALL_CIVIL_SERVANTS,
    licence=Licence.ALL_RIGHTS,
)

BAI_BAO_2022 = DemoItem(
    slug="bai-bao-chuyen-doi-so-trong-dao-tao-boi-duong-ve-quan-ly-nha-nuoc",
    title="Chuyển đổi số trong đào tạo, bồi dưỡng về quản lý nhà nước, hướng tới mục tiêu phát "
    "triển bền vững trong kỷ nguyên số ở Việt Nam hiện nay",
    type_code="bai-bao",
    summary="Bài viết năm 2022 trên tạp chí của Bộ Nội vụ về chuyển đổi số trong đào tạo, bồi "
    "dưỡng về quản lý nhà nước: mục tiêu hình thành nền tảng số dùng chung; các nhiệm vụ như kho "
    "học liệu chia sẻ, bài giảng điện tử, ngân hàng câu hỏi, tình huống, thư viện số và thi trực "
    "tuyến; những văn bản làm căn cứ, từ Nghị quyết số 52-NQ/TW đến Nghị định số 89/2021/NĐ-CP. "
    "Bài viết nêu đúng những nhu cầu mà nền tảng này hướng tới.",
    body="Bộ Nội vụ",
    year=2022,
    subjects=("Chuyển đổi số", "Đào tạo, bồi dưỡng"),
    tags=("chuyển đổi số", "bồi dưỡng", "bài báo"),
    ranks=("01.001", "01.002"),
    licence=Licence.ALL_RIGHTS,
)

BAI_BAO_VAN_HOA = DemoItem(
    slug="bai-bao-van-hoa-cong-vu-trong-boi-canh-chuyen-doi-so",
    title="Văn hóa công vụ trong bối cảnh chuyển đổi số",
    type_code="bai-bao",
    summary="Bài viết bàn về những thay đổi của văn hóa công vụ khi công việc chuyển lên môi "
    "trường số: trả lời người dân qua kênh trực tuyến, ứng xử trên mạng xã hội, tôn trọng dữ "
    "liệu cá nhân và trách nhiệm giải trình khi mọi thao tác đều để lại dấu vết." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="ThS. Vũ Hải Yến",
    publisher="Bản tin Học viện Hành chính và Quản trị công (số mẫu)",
    year=2025,
    subjects=("Quản lý nhà nước › Công vụ, công chức", "Chuyển đổi số"),
    tags=("văn hóa công vụ", "chuyển đổi số", "bài báo"),
    ranks=ALL_CIVIL_SERVANTS,
    licence=Licence.CC_BY,
)

DE_TAI_KHO_HOC_LIEU = DemoItem(
    slug="de-tai-kho-hoc-lieu-so-dung-chung",
    title="Giải pháp xây dựng kho học liệu số dùng chung cho các cơ sở đào tạo, bồi dưỡng cán "
    "bộ, công chức",
    type_code="de-tai",
    summary="Đề tài khoa học cấp cơ sở năm 2024: khảo sát cách các cơ sở đào tạo, bồi dưỡng lưu "
    "trữ và chia sẻ học liệu, đề xuất bộ thông tin mô tả thống nhất, quy trình thủ thư duyệt và "
    "việc chia sẻ dữ liệu mô tả giữa các đơn vị theo chuẩn OAI-PMH." + DEMO_MATERIAL,
    body=HOC_VIEN,
    authors="PGS.TS. Trần Quốc Hưng (chủ nhiệm); ThS. Nguyễn Thị Thu Hà; ThS. Phạm Thu Trang",
    publisher=HOC_VIEN,
    year=2024,
    subjects=("Đào tạo, bồi dưỡng", "Chuyển đổi số › Dữ liệu số"),
    tags=("kho học liệu", "thư viện số", "đề tài nghiên cứu"),
    ranks=("01.001", "01.002"),
    licence=Licence.CC_BY,
    sections=(
        (
            "Vấn đề nghiên cứu",
            "Mỗi cơ sở đào tạo, bồi dưỡng tự lưu học liệu theo cách riêng: thư mục trên máy "
            "tính, ổ đĩa dùng chung, nhóm nhắn tin. Học liệu vì vậy khó tìm, khó biết bản nào "
            "mới nhất và gần như không chia sẻ được giữa các đơn vị.",
        ),
        (
            "Giải pháp đề xuất",
            "Đề tài đề xuất một kho học liệu dùng chung với bộ thông tin mô tả thống nhất — loại "
            "tài liệu, số ký hiệu, cơ quan ban hành, năm, chủ đề, từ khóa, đối tượng, giấy phép, "
            "quyền truy cập; quy trình giảng viên gửi và thủ thư duyệt trước khi công bố; tìm "
            "kiếm tiếng Việt có dấu hay không dấu đều được; và cung cấp dữ liệu mô tả theo chuẩn "
            "OAI-PMH để các hệ thống thư viện khác thu thập.",
        ),
        (
            "Kiến nghị",
            "Thống nhất danh mục chủ đề giữa các đơn vị; quy định rõ quyền truy cập đối với tài "
            "liệu nội bộ; bồi dưỡng kỹ năng mô tả tài liệu cho thủ thư và giảng viên; đánh giá "
            "định kỳ mức độ sử dụng học liệu qua số lượt xem, lượt tải.",
        ),
    ),
)

DE_TAI_KY_NANG_SO = DemoItem(
    slug="de-tai-nhu-cau-boi-duong-ky-nang-so-cong-chuc-cap-xa-phu-tho",
    title="Đánh giá nhu cầu bồi dưỡng kỹ năng số của công chức cấp xã tỉnh Phú Thọ",
    type_code="de-tai",
    summary="Đề tài cấp trường năm 2025 khảo sát kỹ năng số của công chức cấp xã sau khi tổ chức "
    "chính quyền địa phương hai cấp, xác định những nhóm kỹ năng cần bồi dưỡng trước — xử lý văn "
    "bản điện tử, khai thác dữ liệu dân cư, an toàn thông tin — và đề xuất hình thức bồi dưỡng "
    "kết hợp trực tuyến với thực hành tại chỗ." + DEMO_MATERIAL,
    body=TRUONG_TINH,
    authors="ThS. Hoàng Văn Nam (chủ nhiệm); ThS. Đinh Thị Hồng Nhung",
    publisher=TRUONG_TINH,
    year=2025,
    subjects=("Kỹ năng › Kỹ năng số", "Đào tạo, bồi dưỡng"),
    tags=("kỹ năng số", "cấp xã", "đề tài nghiên cứu"),
    ranks=("01.003", "01.004"),
    licence=Licence.CC_BY,
    unit=TRUONG_TINH_UNIT,
)

ITEMS = [
    # Replacing documents come before the ones they replace.
    NQ_52,
    CT_01,
    QD_749,
    QD_942,
    QD_06,
    LUAT_GDDT_2023,
    LUAT_GDDT_2005,
    LUAT_DU_LIEU,
    ND_101,
    ND_89,
    ND_18,
    LUAT_CBCC_2025,
    LUAT_CBCC_2008,
    LUAT_VIEN_CHUC,
    LUAT_52_2019,
    NQ_76,
    ND_30,
    LUAT_TIEP_CONG_DAN,
    TL_CHUYEN_VIEN,
    TL_CHUYEN_VIEN_CHINH,
    TL_CAP_PHONG,
    TL_KY_NANG_SO,
    GIAO_TRINH_CDS,
    BG_SOAN_THAO,
    BG_TIEP_CONG_DAN,
    BG_DICH_VU_CONG,
    SO_TAY_CAP_XA,
    HOI_DAP_DAO_DUC,
    BAI_BAO_2022,
    BAI_BAO_VAN_HOA,
    DE_TAI_KHO_HOC_LIEU,
    DE_TAI_KY_NANG_SO,
]
