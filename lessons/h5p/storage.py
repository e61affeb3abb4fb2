"""Unpacked H5P packages in Django's default storage, under ``h5p/<uuid>/``.

Only the storage API is used (no ``os`` calls), so packages live wherever
media live: ``MEDIA_ROOT`` on one server, S3-compatible object storage when
several application servers share the files.
"""

from __future__ import annotations

import logging
import posixpath
import zipfile

from django.core.files import File
from django.core.files.storage import default_storage

from lessons.h5p.validation import ValidatedPackage

logger = logging.getLogger(__name__)

ROOT = "h5p"


def package_root(uuid) -> str:
    """The storage folder of a package: ``h5p/<uuid>``."""
    return f"{ROOT}/{uuid}"


class UnexpectedNameError(OSError):
    """The storage saved a file under another name than asked (it already existed)."""


def unpack(*, archive: zipfile.ZipFile, package: ValidatedPackage, root: str) -> None:
    """Copy the validated members of ``archive`` into ``root``, streaming each one.

    The caller removes ``root`` if this raises part-way.
    """
    for info in package.members:
        name = f"{root}/{info.filename}"
        with archive.open(info) as stream:
            content = File(stream, name=posixpath.basename(info.filename))
            content.size = info.file_size
            saved = default_storage.save(name, content)
        if saved != name:
            # A fresh uuid folder is empty, so a renamed file means another
            # upload is writing here: refuse rather than serve the wrong file.
            raise UnexpectedNameError(f"{name} was stored as {saved}")


def delete_tree(root: str) -> None:
    """Delete a package folder and everything in it; missing files are not an error.

    Object storages have no folders; on the file system the emptied folders are
    removed too (FileSystemStorage.delete removes empty directories).
    """
    if not root.startswith(f"{ROOT}/") or ".." in root.split("/"):
        raise ValueError(f"Refusing to delete {root!r} outside the H5P folder.")
    try:
        folders, files = default_storage.listdir(root)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        default_storage.delete(f"{root}/{name}")
    for folder in folders:
        delete_tree(f"{root}/{folder}")
    try:
        default_storage.delete(root)
    except OSError:  # pragma: no cover - a storage that refuses to delete folders
        logger.warning("Could not remove the folder %s", root)
