"""Build .h5p archives in memory for tests: a small valid package and crafted bad ones."""

import io
import json
import stat
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

TRUE_FALSE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "true-false.h5p"

H5P_JSON = {
    "title": "Câu hỏi đúng sai",
    "language": "vi",
    "mainLibrary": "H5P.Demo",
    "embedTypes": ["div"],
    "preloadedDependencies": [{"machineName": "H5P.Demo", "majorVersion": 1, "minorVersion": 0}],
}
LIBRARY_JSON = {
    "title": "Demo",
    "machineName": "H5P.Demo",
    "majorVersion": 1,
    "minorVersion": 0,
    "patchVersion": 0,
    "runnable": 1,
    "preloadedJs": [{"path": "demo.js"}],
}


def valid_files():
    """The files of a minimal valid package, as {name: bytes}."""
    return {
        "h5p.json": json.dumps(H5P_JSON).encode(),
        "content/content.json": json.dumps({"question": "<p>Hà Nội là thủ đô?</p>"}).encode(),
        "content/images/map.png": b"\x89PNG\r\n\x1a\n" + b"0" * 32,
        "H5P.Demo-1.0/library.json": json.dumps(LIBRARY_JSON).encode(),
        "H5P.Demo-1.0/demo.js": b"H5P.Demo = function () {};",
        "H5P.Demo-1.0/demo.css": b".h5p-demo { color: black; }",
    }


def build_zip(files, *, symlinks=(), compression=zipfile.ZIP_DEFLATED):
    """A zip archive (bytes) holding ``files`` ({name: bytes}) and ``symlinks`` ({name: target})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
        for name, target in dict(symlinks).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def upload(data, name="hoat-dong.h5p"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def valid_package(**changes):
    """A valid package upload; ``changes`` ({name: bytes or None}) add, replace or remove files."""
    files = valid_files()
    for name, data in changes.items():
        if data is None:
            files.pop(name, None)
        else:
            files[name] = data
    return upload(build_zip(files))


def package_with(extra_files=None, *, remove=(), h5p_json=None, symlinks=()):
    files = valid_files()
    for name in remove:
        files.pop(name, None)
    if h5p_json is not None:
        files["h5p.json"] = (
            json.dumps(h5p_json).encode() if isinstance(h5p_json, dict) else h5p_json
        )
    files.update(extra_files or {})
    return upload(build_zip(files, symlinks=symlinks))


def lying_size_bomb(real_size=200_000, declared_size=10):
    """A package whose entry declares ``declared_size`` bytes but inflates to ``real_size``.

    The local and central headers are patched after writing, as a crafted bomb would be.
    """
    data = build_zip({**valid_files(), "content/big.txt": b"A" * real_size})
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("content/big.txt")
    buffer = bytearray(data)
    # Central directory entry: uncompressed size at offset 24 from its signature.
    central = buffer.find(b"PK\x01\x02" + bytes(0), 0)
    while central != -1:
        name_length = int.from_bytes(buffer[central + 28 : central + 30], "little")
        name = bytes(buffer[central + 46 : central + 46 + name_length]).decode()
        if name == info.filename:
            buffer[central + 24 : central + 28] = declared_size.to_bytes(4, "little")
            break
        central = buffer.find(b"PK\x01\x02", central + 4)
    local = info.header_offset
    buffer[local + 22 : local + 26] = declared_size.to_bytes(4, "little")
    return upload(bytes(buffer))
