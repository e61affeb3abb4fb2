"""Checks on an uploaded .h5p archive, made before anything is written to storage.

An .h5p file is a zip archive written by the H5P editor: ``h5p.json`` (the
package's metadata), ``content/`` (the activity's data and media) and one
folder per library (``H5P.TrueFalse-1.6/`` …) holding the library's scripts,
styles and assets. Uploads come from lecturers' computers, so the archive is
untrusted input: it may be damaged, may not be an H5P package at all, or may be
crafted to write outside its folder (zip-slip), to fill the disk (zip bomb) or
to smuggle server-side or browser-side code onto the site.

Everything here only reads the archive. ``validate_package`` returns the list
of entries to unpack, or raises ``ValidationError`` with a ``code`` saying what
is wrong and a message telling the author what to do.
"""

from __future__ import annotations

import json
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# H5P's own default whitelist (h5p-php-library, H5PCore::$defaultContentWhitelist)
# without swf: Flash is dead and was an attack vector.
CONTENT_EXTENSIONS = frozenset({
    "json", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "svg", "eot", "ttf", "woff",
    "woff2", "otf", "webm", "mp4", "ogg", "mp3", "m4a", "wav", "txt", "pdf", "rtf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "xml", "csv", "diff", "patch", "md",
    "textile", "vtt", "webvtt",
})  # fmt: skip
# Libraries may also ship code (H5PCore::$defaultLibraryWhitelistExtras).
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}

CONTENT_FOLDER = "content"
H5P_JSON = "h5p.json"
CONTENT_JSON = f"{CONTENT_FOLDER}/content.json"

DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_FILES = 5000
# h5p.json and content.json are read into memory to be parsed.
MAX_JSON_BYTES = 10 * 1024 * 1024

MACHINE_NAME = re.compile(r"^[\w.\-]{1,255}$")
# Control characters, and characters Windows forbids, in a file name.
UNSAFE_CHARACTERS = re.compile(r'[\x00-\x1f\x7f:*?"<>|]')
DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
READ_CHUNK = 64 * 1024
# A zip entry's local file header (APPNOTE.TXT 4.3.7).
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"


MESSAGES = {
    "not_zip": _(
        "“%(name)s” is not an H5P package: it is not a zip archive. Export the activity "
        "from the H5P editor again and upload the .h5p file."
    ),
    "corrupt": _(
        "The package is damaged: the file “%(name)s” inside it cannot be read. Export the "
        "activity from the H5P editor again and upload the new file."
    ),
    "encrypted": _(
        "The file “%(name)s” in the package is protected by a password. Export the activity "
        "again without a password."
    ),
    "unsafe_path": _(
        "The package contains the file path “%(name)s”, which could write outside the "
        "package’s folder (an absolute path, “..”, a backslash or a forbidden character). "
        "The package was refused; export the activity from the H5P editor again."
    ),
    "link": _(
        "The package contains “%(name)s”, which is a link or a special file, not an ordinary "
        "file. Links are not allowed in H5P packages; export the activity again."
    ),
    "duplicate_name": _(
        "The package contains the file “%(name)s” more than once. Export the activity again."
    ),
    "forbidden_file": _(
        "The file “%(name)s” is not allowed in an H5P package: only images, sound, video, "
        "fonts and documents may be included (and scripts and styles inside library folders). "
        "Remove the file and export the package again."
    ),
    "too_many_files": _(
        "The package contains %(count)s files; at most %(limit)s are allowed. Split the "
        "activity into smaller ones or ask the administrator to raise the limit."
    ),
    "too_large": _(
        "Unpacked, the package would take more than %(limit)s, the largest size allowed. "
        "Use smaller images and videos, or ask the administrator to raise the limit."
    ),
    "missing_h5p_json": _(
        "The package has no h5p.json file at its top level, so it is not an H5P package. "
        "Export the activity from the H5P editor again."
    ),
    "invalid_h5p_json": _(
        "The package’s h5p.json file cannot be read (it is not a valid JSON object). Export the "
        "activity from the H5P editor again."
    ),
    "missing_main_library": _(
        "The package’s h5p.json file does not name the activity’s main library (mainLibrary). "
        "Export the activity from the H5P editor again."
    ),
    "missing_dependencies": _(
        "The package’s h5p.json file does not list the libraries the activity needs "
        "(preloadedDependencies), or lists them incorrectly. Export the activity from the H5P "
        "editor again."
    ),
    "main_library_not_listed": _(
        "The main library “%(library)s” is not among the libraries listed in h5p.json. Export "
        "the activity from the H5P editor again."
    ),
    "missing_library": _(
        "The library “%(library)s” that the activity needs is not in the package. Export the "
        "activity again with its libraries included (on h5p.org, download it from the "
        "activity’s own page rather than from the editor)."
    ),
    "missing_content_json": _(
        "The package has no content/content.json file, so it holds no activity. Export the "
        "activity from the H5P editor again."
    ),
    "invalid_content_json": _(
        "The package’s content/content.json file cannot be read (it is not valid JSON). Export "
        "the activity from the H5P editor again."
    ),
}


def package_error(code: str, **params) -> ValidationError:
    """The ValidationError for ``code``, so every refusal has one clear message."""
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def max_uncompressed_bytes() -> int:
    return int(getattr(settings, "H5P_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES))


def max_files() -> int:
    return int(getattr(settings, "H5P_MAX_FILES", DEFAULT_MAX_FILES))


@dataclass(frozen=True)
class ValidatedPackage:
    """What validation learnt: the metadata and the entries to unpack."""

    metadata: dict
    main_library: str
    # Entries to unpack, in archive order (directories and skipped files left out).
    members: tuple[zipfile.ZipInfo, ...]
    total_size: int

    @property
    def file_count(self) -> int:
        return len(self.members)


def extension_of(name: str) -> str:
    """The lower-case extension of a path's last component, without the dot."""
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def is_allowed_file(name: str) -> bool:
    """Whether ``name`` (a safe relative path) may be stored and served from a package.

    Files at the top level and in ``content/`` may only be media and documents;
    library folders (every other top-level folder) may also hold js and css.
    """
    if name == H5P_JSON:
        return True
    parts = name.split("/")
    extension = extension_of(name)
    if len(parts) > 1 and parts[0] != CONTENT_FOLDER:
        return extension in LIBRARY_EXTENSIONS
    return extension in CONTENT_EXTENSIONS


def is_skipped(name: str) -> bool:
    """H5P ignores files and folders whose name starts with "." or "_" (``__MACOSX/``, …)."""
    return any(part.startswith((".", "_")) for part in name.split("/") if part)


def unsafe_path(name: str) -> bool:
    """Whether an entry name could escape the package folder or confuse a file system."""
    if not name or "\\" in name or name.startswith("/") or DRIVE_LETTER.match(name):
        return True
    if UNSAFE_CHARACTERS.search(name):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") or part != part.strip() for part in parts)


def _is_link_or_special(info: zipfile.ZipInfo) -> bool:
    # Unix permission bits live in the high 16 bits of external_attr; zips made
    # on other systems leave them at zero.
    mode = info.external_attr >> 16
    if not mode or not stat.S_IFMT(mode):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def validate_package(archive: zipfile.ZipFile) -> ValidatedPackage:
    """Check an opened archive; return what to unpack or raise ``ValidationError``.

    Order matters: entry names and declared sizes are checked first (cheap, and
    they decide whether reading is safe at all), then the JSON files, then every
    entry is decompressed into nothing, counting the bytes, so a damaged entry or
    a lying size header is found before a single file reaches storage.
    """
    infos = archive.infolist()
    limit_files, limit_bytes = max_files(), max_uncompressed_bytes()
    if len(infos) > 2 * limit_files:
        # Far too many entries even counting folders: stop before looking at each.
        raise package_error("too_many_files", count=len(infos), limit=limit_files)

    members: list[zipfile.ZipInfo] = []
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = info.filename
        if unsafe_path(name):
            raise package_error("unsafe_path", name=name)
        if _is_link_or_special(info):
            raise package_error("link", name=name)
        key = name.rstrip("/").casefold()
        if key in seen:
            raise package_error("duplicate_name", name=name)
        seen.add(key)
        if info.is_dir() or is_skipped(name):
            continue
        if info.flag_bits & 0x1:
            raise package_error("encrypted", name=name)
        if not is_allowed_file(name):
            raise package_error("forbidden_file", name=name)
        members.append(info)
        declared += info.file_size

    if len(members) > limit_files:
        raise package_error("too_many_files", count=len(members), limit=limit_files)
    if declared > limit_bytes:
        raise package_error("too_large", limit=filesizeformat(limit_bytes))

    names = {info.filename for info in members}
    metadata = _read_h5p_json(archive, names)
    main_library = _check_libraries(metadata, names)
    if CONTENT_JSON not in names:
        raise package_error("missing_content_json")
    try:
        json.loads(_read_small(archive, CONTENT_JSON))
    except ValueError as error:
        raise package_error("invalid_content_json") from error

    total = _check_readable(archive, members, limit_bytes)
    return ValidatedPackage(
        metadata=metadata, main_library=main_library, members=tuple(members), total_size=total
    )


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_JSON_BYTES:
        raise package_error("too_large", limit=filesizeformat(MAX_JSON_BYTES))
    try:
        with archive.open(info) as stream:
            return stream.read(MAX_JSON_BYTES + 1)[:MAX_JSON_BYTES]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise package_error("corrupt", name=name) from error


def _read_h5p_json(archive: zipfile.ZipFile, names: set[str]) -> dict:
    if H5P_JSON not in names:
        raise package_error("missing_h5p_json")
    try:
        metadata = json.loads(_read_small(archive, H5P_JSON))
    except ValueError as error:
        raise package_error("invalid_h5p_json") from error
    if not isinstance(metadata, dict):
        raise package_error("invalid_h5p_json")
    return metadata


def _library_folders(dependency: dict) -> tuple[str, str]:
    # h5p-standalone accepts library folders named with or without the version.
    name = dependency["machineName"]
    return f"{name}-{dependency['majorVersion']}.{dependency['minorVersion']}", name


def _check_libraries(metadata: dict, names: set[str]) -> str:
    """Check mainLibrary and preloadedDependencies; return the main library's name."""
    main_library = metadata.get("mainLibrary")
    if not isinstance(main_library, str) or not MACHINE_NAME.match(main_library):
        raise package_error("missing_main_library")
    dependencies = metadata.get("preloadedDependencies")
    if not isinstance(dependencies, list) or not dependencies:
        raise package_error("missing_dependencies")
    for dependency in dependencies:
        if not (
            isinstance(dependency, dict)
            and isinstance(dependency.get("machineName"), str)
            and MACHINE_NAME.match(dependency["machineName"])
            and str(dependency.get("majorVersion", "")).isdigit()
            and str(dependency.get("minorVersion", "")).isdigit()
        ):
            raise package_error("missing_dependencies")
    if main_library not in {dependency["machineName"] for dependency in dependencies}:
        raise package_error("main_library_not_listed", library=main_library)
    for dependency in dependencies:
        if not any(f"{folder}/library.json" in names for folder in _library_folders(dependency)):
            raise package_error("missing_library", library=_library_folders(dependency)[0])
    return main_library


def _check_readable(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limit_bytes: int
) -> int:
    """Decompress every member into nothing, counting real bytes; return the total.

    A crafted bomb declares small sizes in its headers: zipfile would stop at the
    declared size and report a damaged entry, so deflated entries (nearly all of
    them) are inflated here directly, without trusting the header, and one that
    inflates past the limit is reported as too large. Every entry's CRC is
    checked too, so a damaged file is found before anything reaches storage.
    """
    total = 0
    for info in members:
        try:
            if info.compress_type == zipfile.ZIP_DEFLATED:
                size, crc = _inflate_counting(archive, info, limit_bytes - total)
            else:
                size, crc = _read_counting(archive, info, limit_bytes - total)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise package_error("corrupt", name=info.filename) from error
        if size is None:
            raise package_error("too_large", limit=filesizeformat(limit_bytes))
        if size != info.file_size or crc != info.CRC:
            raise package_error("corrupt", name=info.filename)
        total += size
    return total


def _read_counting(archive, info, budget):
    size = crc = 0
    # zipfile checks the CRC itself at the end of the entry.
    with archive.open(info) as stream:
        while chunk := stream.read(READ_CHUNK):
            size += len(chunk)
            if size > budget:
                return None, None
            crc = zlib.crc32(chunk, crc)
    return size, crc


def _inflate_counting(archive, info, budget):
    """Inflate a deflated entry straight from the archive; (None, None) past ``budget``."""
    archive.fp.seek(info.header_offset)
    header = archive.fp.read(LOCAL_HEADER.size)
    if len(header) != LOCAL_HEADER.size or header[:4] != LOCAL_HEADER_SIGNATURE:
        raise zipfile.BadZipFile("bad local file header")
    fields = LOCAL_HEADER.unpack(header)
    # Skip the file name and the extra field (fields 10 and 11 give their lengths).
    archive.fp.seek(fields[10] + fields[11], 1)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    remaining, size, crc = info.compress_size, 0, 0
    while remaining > 0 or inflater.unconsumed_tail:
        data = inflater.unconsumed_tail
        if not data:
            data = archive.fp.read(min(READ_CHUNK, remaining))
            if not data:
                raise EOFError(info.filename)
            remaining -= len(data)
        chunk = inflater.decompress(data, READ_CHUNK)
        size += len(chunk)
        if size > budget:
            return None, None
        crc = zlib.crc32(chunk, crc)
        if inflater.eof:
            break
    if not inflater.eof:
        raise zipfile.BadZipFile(f"{info.filename} ends early")
    return size, crc


def open_archive(file) -> zipfile.ZipFile:
    """Open an uploaded file as a zip archive, or raise the "not a zip" error."""
    name = getattr(file, "name", "") or ""
    try:
        file.seek(0)
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise package_error("not_zip", name=posixpath.basename(name.replace("\\", "/"))) from error
