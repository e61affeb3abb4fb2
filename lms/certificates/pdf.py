"""The certificate as a PDF (fpdf2): A4 landscape, Vietnamese, with a QR code to its verification.

The printed wording is the Vietnamese legal form of a certificate (like the
program's ``certificate_wording``), not interface text: it prints the same
whatever language the person downloading it reads the site in.
"""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.urls import reverse
from fpdf import FPDF
from PIL import Image as PILImage

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
PAGE_WIDTH, PAGE_HEIGHT = 297, 210
MARGIN = 12

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "CHỨNG CHỈ"
REVOKED = "ĐÃ THU HỒI"


def verification_url(certificate, request=None) -> str:
    """The absolute URL of the certificate's public verification page (the QR code's target)."""
    path = reverse("certificate_verify_code", args=[certificate.verification_code])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _grade(value):
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",")


def _qr_image(url):
    """The QR code as an 8-bit greyscale image.

    A 1-bit image would be stored CCITT-encoded, which some PDF viewers
    (pdf.js without its decoder) leave blank.
    """
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=1)
    buffer.seek(0)
    return PILImage.open(buffer).convert("L")


def _logo(unit):
    series = getattr(unit, "certificate_series", None)
    logo = series.logo if series else None
    if logo is None:
        return None
    try:
        with logo.file.open("rb") as handle:
            return io.BytesIO(handle.read())
    except OSError:
        return None


class CertificatePDF(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)

    def line_at(self, y, text, *, size=12, bold=False, x=MARGIN, width=None, align="C"):
        width = width or PAGE_WIDTH - 2 * MARGIN
        self.set_font(FAMILY, "B" if bold else "", size)
        # Long names and titles shrink to fit their line rather than run off the page.
        while size > 6 and self.get_string_width(text) > width:
            size -= 0.5
            self.set_font_size(size)
        self.set_xy(x, y)
        self.cell(width, size * 0.5, text, align=align)

    def frame(self):
        self.set_draw_color(150, 30, 30)
        self.set_line_width(1.2)
        self.rect(6, 6, PAGE_WIDTH - 12, PAGE_HEIGHT - 12)
        self.set_line_width(0.3)
        self.rect(8.5, 8.5, PAGE_WIDTH - 17, PAGE_HEIGHT - 17)
        self.set_draw_color(0, 0, 0)


def _heading(pdf, certificate, logo):
    unit = certificate.unit
    top = 14
    if logo is not None:
        pdf.image(logo, x=60, y=top, h=18)
        top += 20
    column = {"x": MARGIN, "width": 120}
    if unit.governing_body:
        pdf.line_at(top, unit.governing_body.upper(), size=10, **column)
        top += 5.5
    pdf.line_at(top, unit.name.upper(), size=10, bold=True, **column)
    pdf.line(52, top + 6.5, 92, top + 6.5)
    right = {"x": 140, "width": PAGE_WIDTH - 140 - MARGIN}
    pdf.line_at(14, NATION, size=11, bold=True, **right)
    pdf.line_at(20, MOTTO, size=11, bold=True, **right)
    pdf.line(190, 26.5, 250, 26.5)


def _body(pdf, certificate):
    pdf.set_text_color(150, 30, 30)
    pdf.line_at(50, TITLE, size=30, bold=True)
    pdf.set_text_color(0, 0, 0)
    pdf.line_at(68, certificate.program.certificate_wording, size=13)
    pdf.line_at(76, certificate.program_title.upper(), size=14, bold=True)
    pdf.line_at(88, "Cấp cho ông/bà:", size=12)
    pdf.line_at(95, certificate.full_name, size=20, bold=True)
    lines = []
    if certificate.date_of_birth:
        lines.append(f"Ngày sinh: {_date(certificate.date_of_birth)}")
    if certificate.cohort_code:
        dates = ""
        if certificate.starts_on and certificate.ends_on:
            dates = (
                f", từ ngày {_date(certificate.starts_on)} đến ngày {_date(certificate.ends_on)}"
            )
        lines.append(f"Lớp: {certificate.cohort_code}{dates}")
    result = f"Kết quả: {_grade(certificate.grade)}/10 - " if certificate.grade is not None else ""
    lines.append(f"{result}Xếp loại: {certificate.classification}")
    for index, text in enumerate(lines):
        pdf.line_at(110 + index * 7, text, size=12)


def _footer(pdf, certificate, url):
    pdf.image(_qr_image(url), x=20, y=145, w=32, h=32)
    pdf.line_at(178, f"Mã xác thực: {certificate.verification_code}", size=8, x=14, width=44)
    left = {"x": 58, "width": 100, "align": "L"}
    pdf.line_at(150, f"Số hiệu: {certificate.serial}", size=11, bold=True, **left)
    pdf.line_at(157, f"Số vào sổ cấp chứng chỉ: {certificate.register_label}", size=11, **left)
    pdf.line_at(164, "Xác thực tại:", size=8, **left)
    pdf.line_at(168, url, size=8, **left)
    right = {"x": 165, "width": PAGE_WIDTH - 165 - MARGIN}
    day = certificate.issue_date
    pdf.line_at(
        135, f"{certificate.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}", size=11, **right
    )
    # "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC": a title may take several lines.
    for index, title in enumerate(certificate.signer_title.upper().splitlines()[:3]):
        pdf.line_at(142 + index * 6, title.strip(), size=12, bold=True, **right)
    pdf.line_at(178, certificate.signer_name, size=12, bold=True, **right)


def _revoked_mark(pdf):
    pdf.set_text_color(200, 0, 0)
    pdf.set_draw_color(200, 0, 0)
    with pdf.rotation(20, x=PAGE_WIDTH / 2, y=PAGE_HEIGHT / 2):
        pdf.set_line_width(1.5)
        pdf.rect(70, 85, 157, 30)
        pdf.line_at(92, REVOKED, size=40, bold=True, x=70, width=157)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


def _page(pdf, certificate, url, logo):
    pdf.add_page()
    pdf.frame()
    _heading(pdf, certificate, logo)
    _body(pdf, certificate)
    _footer(pdf, certificate, url)
    if certificate.is_revoked:
        _revoked_mark(pdf)


def certificate_pdf(certificate, *, request=None) -> bytes:
    """The PDF of ``certificate``; revoked certificates carry a large "ĐÃ THU HỒI" mark."""
    pdf = CertificatePDF()
    pdf.set_title(f"{TITLE} {certificate.serial}")
    pdf.set_author(certificate.unit.name)
    _page(pdf, certificate, verification_url(certificate, request), _logo(certificate.unit))
    return bytes(pdf.output())


def certificates_pdf(certificates, *, title, request=None) -> bytes:
    """One PDF with a page per certificate, to print a whole class on the unit's paper."""
    pdf = CertificatePDF()
    pdf.set_title(title)
    logos = {}
    for certificate in certificates:
        unit = certificate.unit
        pdf.set_author(unit.name)
        if unit.pk not in logos:
            logos[unit.pk] = _logo(unit)
        logo = logos[unit.pk]
        if logo is not None:
            logo.seek(0)
        _page(pdf, certificate, verification_url(certificate, request), logo)
    return bytes(pdf.output())


def _safe(text):
    return "".join(char if char.isalnum() else "-" for char in text)


def pdf_filename(certificate) -> str:
    return f"chung-chi-{_safe(certificate.serial)}.pdf"


def cohort_pdf_filename(cohort) -> str:
    return f"chung-chi-lop-{_safe(cohort.code)}.pdf"
