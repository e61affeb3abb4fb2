"""Files embedded in Moodle XML (``@@PLUGINFILE@@/name``): checked, stored, referenced.

Images become Wagtail images and other files Wagtail documents, so librarians
find them in the usual admin screens; the question texts then point at their
URLs instead of Moodle's placeholder.
"""

import io
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from willow.image import Image as WillowImage

PLACEHOLDER = "@@PLUGINFILE@@/"
MAX_FILE_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"png", "jpeg", "gif", "webp"}


def embedded_file_kind(file):
    """ "image" or "document" for an embedded file; ValidationError when it may not be stored."""
    name = file.name
    if not name or name != posixpath.basename(name) or name in (".", "..") or "\\" in name:
        raise ValidationError(
            _("The embedded file name “%(name)s” is not allowed.") % {"name": name}
        )
    if len(file.content) > MAX_FILE_BYTES:
        raise ValidationError(
            _("The embedded file “%(name)s” is larger than 10 MB.") % {"name": name}
        )
    if _image_format(file.content) in IMAGE_FORMATS:
        return "image"
    extension = posixpath.splitext(name)[1].lower().lstrip(".")
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        raise ValidationError(
            _("The embedded file “%(name)s” is of a type that cannot be stored.") % {"name": name}
        )
    return "document"


def _image_format(content):
    try:
        return WillowImage.open(io.BytesIO(content)).format_name
    except Exception:  # Willow raises several kinds of errors for non-images
        return None


def embedded_files_store(*, files, user):
    """Store checked files; returns {name: URL} for rewriting the references."""
    urls = {}
    for file in files:
        if file.name in urls:
            continue
        content = ContentFile(file.content, name=file.name)
        if embedded_file_kind(file) == "image":
            image = get_image_model()(title=file.name, file=content, uploaded_by_user=user)
            image.save()
            urls[file.name] = image.file.url
        else:
            document = get_document_model()(title=file.name, file=content, uploaded_by_user=user)
            document.save()
            urls[file.name] = document.url
    return urls


def references_rewrite(value, urls):
    """``value`` (a text, or a payload of dicts and lists) with file references replaced."""
    if isinstance(value, str):
        if PLACEHOLDER not in value:
            return value
        for name, url in urls.items():
            value = value.replace(PLACEHOLDER + quote(name), url).replace(PLACEHOLDER + name, url)
        return value
    if isinstance(value, dict):
        return {key: references_rewrite(item, urls) for key, item in value.items()}
    if isinstance(value, list):
        return [references_rewrite(item, urls) for item in value]
    return value
