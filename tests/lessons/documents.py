"""Small, valid files for document tests: PDFs written by hand, Wagtail documents."""

import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model


def _pdf(objects):
    """A PDF file from its numbered objects (bytes, without "n 0 obj"), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(lines=("Nghi dinh 89/2021/ND-CP", "Dao tao, boi duong can bo"), pages=1):
    """A PDF of ``pages`` A4 pages showing ``lines`` in Helvetica (a standard font)."""
    page_numbers = list(range(4, 4 + 2 * pages, 2))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % n for n in page_numbers), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index in range(pages):
        text = b"BT /F1 24 Tf 72 760 Td 30 TL "
        for line in (*lines, f"Trang {index + 1}"):
            text += b"(%s) Tj T* " % line.encode("latin-1")
        text += b"ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(_stream(text))
    return _pdf(objects)


def jpx_pdf():
    """A one-page PDF with a JPEG 2000 image in an ICC-based colour space.

    PDF.js decodes JPEG 2000 and converts ICC colours with WebAssembly (openjpeg,
    qcms), so this file shows whether the site's CSP lets the preview use them.
    """
    from PIL import Image, ImageCms, ImageDraw

    image = Image.new("RGB", (96, 96), (157, 28, 32))
    ImageDraw.Draw(image).rectangle((24, 24, 72, 72), fill=(184, 134, 11))
    jpx = io.BytesIO()
    image.save(jpx, "JPEG2000")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = b"q 400 0 0 400 97 300 cm /Im1 Do Q BT /F1 24 Tf 72 760 Td (JPEG 2000) Tj ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 7 0 R >> >> "
            b"/Contents 4 0 R >>",
            _stream(content),
            _stream(
                jpx.getvalue(),
                b"/Type /XObject /Subtype /Image /Width 96 /Height 96 "
                b"/ColorSpace [/ICCBased 6 0 R] /BitsPerComponent 8 /Filter /JPXDecode ",
            ),
            _stream(icc, b"/N 3 "),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def make_document(*, title="Nghị định 89/2021/NĐ-CP", filename="nghi-dinh-89.pdf", content=None):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(filename, ContentFile(content or text_pdf()), save=False)
    document.save()
    return document
