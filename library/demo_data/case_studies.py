"""The case studies ("tình huống") of the demo, for discussion in lessons and exams.

People, places and events are invented. The suggested analyses are teaching guides for
lecturers: they point to what a good answer covers, not to the one right answer.
``QUIZ_CASE`` is the case the demo bank's case-analysis question is about
(``quizzes.demo_data.questions.CASE_QUESTION``).
"""

from dataclasses import dataclass

from library.models import Difficulty, Visibility

from .items import HOC_VIEN_UNIT


@dataclass(frozen=True)
class DemoCase:
    slug: str
    title: str
    situation: str
    context: str
    questions: str
    analysis: str
    difficulty: str = Difficulty.MEDIUM
    subjects: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # slugs of library items
    unit: str = HOC_VIEN_UNIT
    visibility: str = Visibility.PUBLIC


HO_SO_CHAM = DemoCase(
    slug="tinh-huong-ho-so-cham-tre-va-phan-anh-cua-nguoi-dan",
    title="Tình huống: hồ sơ chậm trễ và phản ánh của người dân trên mạng xã hội",
    situation=(
        "<p>Bà H. nộp hồ sơ đăng ký biến động đất đai tại bộ phận một cửa của Ủy ban nhân dân "
        "xã. Phiếu hẹn ghi ngày trả kết quả là sau mười ngày làm việc. Đến hạn, bà đến nhận thì "
        "được báo hồ sơ “đang chờ ý kiến của cơ quan khác”, không ai nói rõ bao giờ có kết quả. "
        "Bà quay lại thêm hai lần nữa và nhận cùng một câu trả lời.</p>"
        "<p>Tối hôm đó, bà đăng bài lên trang mạng xã hội của xã, kể lại sự việc kèm ảnh phiếu "
        "hẹn. Chỉ sau một ngày, bài viết có hàng trăm bình luận; nhiều người kể những trường "
        "hợp tương tự. Sáng hôm sau, Chủ tịch Ủy ban nhân dân xã giao anh/chị — công chức văn "
        "phòng — tham mưu cách xử lý.</p>"
    ),
    context=(
        "<p>Hồ sơ cần ý kiến của một cơ quan chuyên môn cấp tỉnh. Bộ phận một cửa đã chuyển hồ "
        "sơ đúng hạn nhưng không theo dõi tiếp. Cơ quan cấp tỉnh cho biết hồ sơ thiếu một bản vẽ "
        "và đã báo lại qua hệ thống, nhưng không ai ở xã đọc thông báo này. Hệ thống thông tin "
        "giải quyết thủ tục hành chính cho thấy hồ sơ đã quá hạn bốn ngày, và đây không phải "
        "trường hợp duy nhất trong quý.</p>"
    ),
    questions=(
        "<ol><li>Ai chịu trách nhiệm về việc hồ sơ bị chậm: bộ phận một cửa, công chức chuyên "
        "môn, cơ quan cấp tỉnh hay người đứng đầu Ủy ban nhân dân xã?</li>"
        "<li>Xã cần trả lời bà H. và dư luận trên mạng xã hội như thế nào, khi nào, qua kênh "
        "nào?</li>"
        "<li>Khi hồ sơ quá hạn, cơ quan giải quyết phải làm gì đối với người nộp hồ sơ?</li>"
        "<li>Cần thay đổi gì trong quy trình để tình trạng “chuyển đi rồi không ai theo dõi” "
        "không lặp lại?</li></ol>"
    ),
    analysis=(
        "<p><b>Nhận diện vấn đề.</b> Lỗi không nằm ở một người mà ở quy trình: hồ sơ liên thông "
        "không có ai chịu trách nhiệm theo dõi đến cùng, thông báo bổ sung hồ sơ không đến được "
        "người cần biết, và người dân không được thông tin. Người đứng đầu Ủy ban nhân dân xã "
        "chịu trách nhiệm chung; bộ phận một cửa và công chức chuyên môn chịu trách nhiệm về "
        "phần việc của mình.</p>"
        "<p><b>Xử lý trước mắt.</b> Liên hệ ngay với cơ quan cấp tỉnh để làm rõ tình trạng hồ "
        "sơ; gặp hoặc gọi điện cho bà H., xin lỗi, nói rõ lý do, hướng dẫn bổ sung bản vẽ một "
        "lần và hẹn lại ngày trả kết quả bằng văn bản. Trả lời công khai trên trang của xã một "
        "cách ngắn gọn: thừa nhận chậm trễ, nêu việc đã làm; không tranh luận, không xóa bình "
        "luận.</p>"
        "<p><b>Giải pháp lâu dài.</b> Giao một đầu mối theo dõi hồ sơ liên thông; để thông báo "
        "của hệ thống đến cả công chức xử lý và lãnh đạo; rà soát hằng tuần các hồ sơ đang chờ "
        "cơ quan khác; công khai kết quả giải quyết hồ sơ theo tháng. Đây là những việc cụ thể "
        "của cải cách thủ tục hành chính và xây dựng Chính phủ số trong Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 – 2030.</p>"
        "<p><b>Tiêu chí đánh giá.</b> Phân định được trách nhiệm; hành động với người dân trước "
        "khi xử lý nội bộ; có giải pháp về quy trình chứ không chỉ “nâng cao tinh thần trách "
        "nhiệm”.</p>"
    ),
    subjects=(
        "Quản lý nhà nước › Thủ tục hành chính",
        "Quản lý nhà nước › Tiếp công dân, khiếu nại, tố cáo",
    ),
    related=(
        "nghi-quyet-76-nq-cp",
        "luat-giao-dich-dien-tu-2023",
        "luat-tiep-cong-dan-2013",
        "luat-can-bo-cong-chuc-2025",
    ),
)

PHOI_HOP = DemoCase(
    slug="tinh-huong-phoi-hop-lien-nganh-xu-ly-co-so-gay-o-nhiem",
    title="Tình huống: phối hợp liên ngành xử lý cơ sở sản xuất gây ô nhiễm",
    difficulty=Difficulty.HARD,
    situation=(
        "<p>Người dân một khu dân cư nhiều lần phản ánh một cơ sở chế biến nông sản xả nước "
        "thải có mùi hôi ra kênh thủy lợi, nhất là về đêm. Ủy ban nhân dân xã đã lập biên bản "
        "hai lần nhưng cơ sở vẫn hoạt động như cũ. Khi được hỏi, mỗi cơ quan nêu một lý do: "
        "công chức phụ trách môi trường của xã cho rằng việc lấy mẫu, phân tích nước thải vượt "
        "khả năng của xã; đơn vị quản lý công trình thủy lợi cho rằng mình chỉ quản lý kênh; "
        "cơ quan chuyên môn cấp tỉnh đề nghị xã gửi hồ sơ đầy đủ trước khi kiểm tra.</p>"
        "<p>Ba tháng sau, một nhóm người dân làm đơn gửi lên tỉnh và báo chí bắt đầu đưa "
        "tin.</p>"
    ),
    context=(
        "<p>Cơ sở có đăng ký kinh doanh, thuê đất của một hộ gia đình và sử dụng khoảng ba mươi "
        "lao động địa phương. Chủ cơ sở cho rằng nếu phải ngừng hoạt động để đầu tư hệ thống xử "
        "lý nước thải, người lao động sẽ mất việc. Không cơ quan nào có đủ hồ sơ về cơ sở: mỗi "
        "nơi giữ một phần thông tin.</p>"
    ),
    questions=(
        "<ol><li>Vì sao các cơ quan đều làm “đúng phần việc của mình” mà vấn đề vẫn không được "
        "giải quyết?</li>"
        "<li>Ai nên là đầu mối chủ trì, và đầu mối cần những gì để phối hợp được với các cơ "
        "quan khác?</li>"
        "<li>Cần cân nhắc lợi ích của những bên nào khi đề xuất biện pháp xử lý?</li>"
        "<li>Hãy đề xuất một cơ chế phối hợp để các vụ việc tương tự được xử lý nhanh hơn.</li>"
        "</ol>"
    ),
    analysis=(
        "<p><b>Nguyên nhân.</b> Vụ việc nằm ở chỗ giao nhau của nhiều ngành và nhiều cấp; khi "
        "không ai được giao chủ trì, mỗi cơ quan dừng lại ở ranh giới thẩm quyền của mình. "
        "Thông tin phân tán khiến không nơi nào có đủ căn cứ để hành động.</p>"
        "<p><b>Đầu mối.</b> Ủy ban nhân dân xã, nơi trực tiếp nhận phản ánh và chịu trách nhiệm "
        "quản lý trên địa bàn, nên chủ động báo cáo và đề nghị cấp tỉnh tổ chức kiểm tra liên "
        "ngành, gửi kèm hồ sơ đã có (biên bản, ảnh, phản ánh của người dân). Đầu mối cần được "
        "giao quyền chủ trì, có người liên hệ ở mỗi cơ quan phối hợp và thời hạn rõ ràng.</p>"
        "<p><b>Cân nhắc lợi ích.</b> Quyền được sống trong môi trường trong lành của người dân, "
        "việc làm của người lao động, quyền kinh doanh hợp pháp của chủ cơ sở. Biện pháp có thể "
        "đi từ kiểm tra, lấy mẫu, xử lý vi phạm theo kết quả, yêu cầu khắc phục trong thời hạn, "
        "đến tạm dừng hoạt động nếu không khắc phục.</p>"
        "<p><b>Cơ chế lâu dài.</b> Quy chế phối hợp giữa xã và các cơ quan cấp tỉnh nêu rõ đầu "
        "mối và thời hạn phản hồi; một hồ sơ điện tử dùng chung cho mỗi vụ việc; thông tin kết "
        "quả cho người dân. Tiêu chí đánh giá: xác định đúng đầu mối, có cơ chế thông tin, cân "
        "bằng được các lợi ích.</p>"
    ),
    subjects=("Quản lý nhà nước › Tổ chức bộ máy",),
    related=(
        "nghi-quyet-76-nq-cp",
        "luat-can-bo-cong-chuc-2025",
        "tai-lieu-boi-duong-ngach-chuyen-vien-chinh-ky-nang-tham-muu",
    ),
)

DU_LIEU_BI_LO = DemoCase(
    slug="tinh-huong-chuyen-doi-so-cap-xa-danh-sach-nguoi-cao-tuoi-bi-lo",
    title="Tình huống: chuyển đổi số ở cấp xã — danh sách người cao tuổi bị lộ",
    situation=(
        "<p>Ủy ban nhân dân một phường đang đẩy mạnh chuyển đổi số: hồ sơ một cửa được số hóa, "
        "danh sách các đối tượng chính sách được lập trên bảng tính dùng chung để tiện cập "
        "nhật. Một công chức được giao lập danh sách người cao tuổi để chi trả trợ cấp, gồm họ "
        "tên, số định danh cá nhân, số điện thoại và tình trạng sức khỏe của từng người.</p>"
        "<p>Để kịp tiến độ, công chức chép danh sách vào thiết bị lưu trữ cá nhân để làm thêm ở "
        "nhà, rồi gửi tệp qua ứng dụng nhắn tin cho một người tự xưng là nhân viên ngân hàng "
        "“để đối chiếu tài khoản”. Ít ngày sau, nhiều người cao tuổi trong phường nhận được cuộc "
        "gọi lừa đảo; người gọi biết rõ tên, số định danh và bệnh của họ.</p>"
    ),
    context=(
        "<p>Phường chưa có quy chế quản lý, chia sẻ dữ liệu cá nhân; bảng tính dùng chung được "
        "chia sẻ bằng một đường liên kết mà ai có liên kết cũng mở được. Công chức chưa từng "
        "được bồi dưỡng về an toàn thông tin. Lãnh đạo phường thường giao việc gấp qua nhóm "
        "nhắn tin và đánh giá công chức chủ yếu theo tiến độ.</p>"
    ),
    questions=(
        "<ol><li>Xác định những sai phạm và rủi ro về an toàn thông tin, bảo vệ dữ liệu cá nhân "
        "trong tình huống.</li>"
        "<li>Phân tích nguyên nhân: phần nào thuộc về cá nhân công chức, phần nào thuộc về cách "
        "tổ chức, quản lý của phường?</li>"
        "<li>Phường cần làm gì ngay trong những ngày đầu sau khi phát hiện sự việc?</li>"
        "<li>Đề xuất biện pháp phòng ngừa lâu dài để chuyển đổi số ở phường không phải đánh "
        "đổi bằng an toàn dữ liệu của người dân.</li></ol>"
    ),
    analysis=(
        "<p><b>Sai phạm và rủi ro.</b> Sao chép dữ liệu cá nhân — trong đó có dữ liệu về sức "
        "khỏe, một loại dữ liệu nhạy cảm — ra thiết bị cá nhân; chia sẻ cho người không có thẩm "
        "quyền qua kênh không được phép mà không xác minh; bảng tính dùng chung mở cho bất kỳ "
        "ai có liên kết. Hậu quả là người cao tuổi, nhóm dễ bị tổn thương, trở thành mục tiêu "
        "lừa đảo.</p>"
        "<p><b>Nguyên nhân.</b> Cá nhân công chức thiếu hiểu biết và thiếu cảnh giác; nhưng "
        "nguyên nhân sâu xa là phường chưa có quy chế dữ liệu, chưa phân quyền truy cập, chưa "
        "bồi dưỡng kỹ năng số và đặt tiến độ lên trên an toàn.</p>"
        "<p><b>Xử lý trước mắt.</b> Thu hồi, xóa các bản sao; khóa đường liên kết chia sẻ; báo "
        "cáo sự cố theo quy định và báo cơ quan công an; thông báo cho người cao tuổi và gia "
        "đình về nguy cơ lừa đảo, phối hợp với tổ dân phố để cảnh báo; xem xét trách nhiệm của "
        "công chức theo đúng trình tự.</p>"
        "<p><b>Phòng ngừa.</b> Ban hành quy chế quản lý dữ liệu cá nhân của phường; chỉ dùng hệ "
        "thống được cơ quan cho phép, phân quyền theo vị trí việc làm; bồi dưỡng định kỳ về an "
        "toàn thông tin; lãnh đạo giao việc qua hệ thống chính thức và đánh giá cả việc tuân "
        "thủ quy định về dữ liệu, không chỉ tiến độ.</p>"
    ),
    subjects=("Chuyển đổi số › Dữ liệu số", "Chuyển đổi số › An toàn thông tin"),
    related=(
        "luat-du-lieu-2024",
        "quyet-dinh-06-qd-ttg",
        "quyet-dinh-942-qd-ttg",
        "ky-nang-so-co-ban-an-toan-thong-tin-va-bao-ve-du-lieu-ca-nhan",
    ),
)

KY_LUAT = DemoCase(
    slug="tinh-huong-xu-ly-vi-pham-ky-luat-cong-vu",
    title="Tình huống: công chức nhận “tiền bồi dưỡng” để giải quyết hồ sơ nhanh",
    difficulty=Difficulty.HARD,
    situation=(
        "<p>Một người dân gửi đơn đến Chủ tịch Ủy ban nhân dân xã, kèm đoạn ghi âm, phản ánh "
        "công chức T. ở bộ phận một cửa gợi ý “bồi dưỡng” 500.000 đồng để hồ sơ của ông được "
        "giải quyết trong ba ngày thay vì mười lăm ngày. Ông đã đưa tiền, và hồ sơ được giải "
        "quyết đúng như lời hứa.</p>"
        "<p>Khi được hỏi, công chức T. thừa nhận có nhận tiền nhưng cho rằng đó là “tiền cảm "
        "ơn” người dân tự nguyện đưa, và hồ sơ vẫn đúng quy định. T. đã công tác mười hai năm, "
        "nhiều năm được đánh giá hoàn thành tốt nhiệm vụ.</p>"
    ),
    context=(
        "<p>Nhiều người dân trong xã từng nghe nói phải “bồi dưỡng” thì hồ sơ mới nhanh, nhưng "
        "chưa ai phản ánh chính thức. Hồ sơ chưa được theo dõi trên hệ thống điện tử ngay từ lúc "
        "tiếp nhận, nên ngày tiếp nhận có thể ghi lại tùy ý. Một số người trong cơ quan cho rằng "
        "nên “nhắc nhở nội bộ” để giữ uy tín cho xã.</p>"
    ),
    questions=(
        "<ol><li>Hành vi của công chức T. vi phạm những chuẩn mực nào của đạo đức công vụ và "
        "những quy định nào về việc công chức không được làm?</li>"
        "<li>Các lập luận “tiền cảm ơn”, “hồ sơ vẫn đúng quy định” và “nhiều năm hoàn thành tốt "
        "nhiệm vụ” có làm thay đổi bản chất sự việc không?</li>"
        "<li>Chủ tịch Ủy ban nhân dân xã cần tiến hành những bước nào để xử lý đúng trình tự, "
        "bảo đảm khách quan và quyền giải trình của công chức?</li>"
        "<li>Ngoài việc xử lý cá nhân, cần thay đổi gì để ngăn hành vi tương tự?</li></ol>"
    ),
    analysis=(
        "<p><b>Bản chất hành vi.</b> Gợi ý và nhận tiền của người có hồ sơ mình đang giải quyết "
        "là lợi dụng vị trí công tác để vụ lợi, trái với chuẩn mực liêm chính và với quy định "
        "về những việc cán bộ, công chức không được làm. Hồ sơ đúng quy định không làm mất tính "
        "vi phạm: người dân đã phải trả tiền cho một việc mà công chức có nghĩa vụ làm đúng hạn. "
        "Thành tích trước đây chỉ có thể được xem xét khi quyết định hình thức xử lý.</p>"
        "<p><b>Trình tự xử lý.</b> Tạm thời chuyển công chức khỏi vị trí tiếp nhận hồ sơ để bảo "
        "đảm khách quan; xác minh nội dung đơn và bảo vệ người phản ánh; yêu cầu công chức giải "
        "trình bằng văn bản; tổ chức kiểm điểm và xem xét kỷ luật theo đúng thẩm quyền, trình tự "
        "mà pháp luật về cán bộ, công chức quy định; nếu có dấu hiệu tội phạm thì chuyển cơ quan "
        "có thẩm quyền. Không “xử lý nội bộ” để che giấu.</p>"
        "<p><b>Phòng ngừa.</b> Theo dõi hồ sơ trên hệ thống điện tử ngay từ khi tiếp nhận; công "
        "khai thời hạn và tiến độ để người dân tự tra cứu; kênh phản ánh dễ dùng; định kỳ luân "
        "chuyển vị trí tiếp nhận hồ sơ; người đứng đầu chịu trách nhiệm khi để vi phạm kéo "
        "dài.</p>"
    ),
    subjects=("Quản lý nhà nước › Công vụ, công chức",),
    related=(
        "luat-can-bo-cong-chuc-2025",
        "hoi-dap-ve-dao-duc-cong-vu",
        "bai-bao-van-hoa-cong-vu-trong-boi-canh-chuyen-doi-so",
    ),
)

TIEP_CONG_DAN = DemoCase(
    slug="tinh-huong-tiep-cong-dan-den-dong-nguoi",
    title="Tình huống: tiếp đoàn đông người đến trụ sở phản ánh về bồi thường khi thu hồi đất",
    situation=(
        "<p>Sáng thứ Hai, khoảng ba mươi người dân của hai thôn kéo đến trụ sở Ủy ban nhân dân "
        "xã, mang theo băng rôn, phản ánh mức bồi thường khi thu hồi đất làm đường thấp hơn so "
        "với dự án bên cạnh. Một số người nói to, đòi gặp ngay Chủ tịch Ủy ban nhân dân xã và "
        "tuyên bố không về nếu không được trả lời. Chủ tịch đang họp ở tỉnh; anh/chị là công "
        "chức được phân công tiếp công dân hôm đó.</p>"
    ),
    context=(
        "<p>Dự án do tỉnh quyết định thu hồi đất; phương án bồi thường đã được phê duyệt hai "
        "tháng trước. Trong đoàn có vài người chưa nhận tiền bồi thường và một người chỉ đến hỏi "
        "thủ tục cấp giấy chứng nhận quyền sử dụng đất, không liên quan đến dự án. Phòng tiếp "
        "công dân của xã nhỏ, chỉ đủ chỗ cho khoảng mười người.</p>"
    ),
    questions=(
        "<ol><li>Anh/chị cần làm gì ngay trong mười lăm phút đầu?</li>"
        "<li>Khi nhiều người đến cùng một nội dung, việc tiếp được tổ chức thế nào để vừa đúng "
        "quy định vừa giữ được trật tự?</li>"
        "<li>Nội dung phản ánh thuộc thẩm quyền của ai? Anh/chị trả lời và hướng dẫn người dân "
        "như thế nào?</li>"
        "<li>Sau buổi tiếp, cần báo cáo và theo dõi những gì?</li></ol>"
    ),
    analysis=(
        "<p><b>Mười lăm phút đầu.</b> Giữ bình tĩnh, chào hỏi, mời người dân vào khu vực tiếp; "
        "báo cáo ngay lãnh đạo Ủy ban nhân dân xã đang có mặt và lực lượng giữ trật tự; đề nghị "
        "đoàn cử người đại diện trình bày, như pháp luật về tiếp công dân hướng dẫn khi nhiều "
        "người cùng phản ánh một nội dung.</p>"
        "<p><b>Trong buổi tiếp.</b> Lắng nghe, ghi biên bản đầy đủ ý kiến của người đại diện, "
        "đọc lại và đề nghị ký xác nhận; tách riêng trường hợp hỏi về giấy chứng nhận để hướng "
        "dẫn ngay. Không hứa hẹn điều vượt thẩm quyền, không tranh luận về mức bồi thường.</p>"
        "<p><b>Thẩm quyền và hướng dẫn.</b> Phương án bồi thường do cơ quan cấp tỉnh phê duyệt; "
        "xã tiếp nhận, ghi nhận và chuyển kiến nghị đến cơ quan có thẩm quyền, đồng thời hướng "
        "dẫn người dân về quyền khiếu nại nếu không đồng ý với quyết định. Nêu thời hạn dự kiến "
        "có trả lời và đầu mối liên hệ.</p>"
        "<p><b>Sau buổi tiếp.</b> Vào sổ theo dõi, báo cáo Chủ tịch Ủy ban nhân dân xã và cơ "
        "quan cấp tỉnh; theo dõi việc trả lời; thông tin kết quả cho người đại diện. Tiêu chí "
        "đánh giá: giữ trật tự bằng thái độ và cách tổ chức chứ không bằng đối đầu, xác định "
        "đúng thẩm quyền, theo dõi đến cùng.</p>"
    ),
    subjects=(
        "Quản lý nhà nước › Tiếp công dân, khiếu nại, tố cáo",
        "Kỹ năng › Giao tiếp công vụ",
    ),
    related=("luat-tiep-cong-dan-2013", "bai-giang-tiep-cong-dan-va-xu-ly-phan-anh-kien-nghi"),
)

QUIZ_CASE = DU_LIEU_BI_LO
CASES = [HO_SO_CHAM, PHOI_HOP, DU_LIEU_BI_LO, KY_LUAT, TIEP_CONG_DAN]
