"""A course's files as one bundle: read from a folder or a zip into memory as
``{relative path: bytes}`` (so a folder and a zip are compiled the same way), hashed as
a whole, zipped back up as the stored source, and the identity its course file
declares."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from elearn.content.diagnostics import Report
from elearn.content.frontmatter import canonical_settings, read_document
from elearn.content.settings import COURSE_KEYS
from elearn.patterns import pattern

COURSE_FILES = ("kursus.md", "course.md")
IGNORED = pattern(r"(^|/)(README\.md|\.[^/]*|__MACOSX/.*)$")
MAX_SOURCE_BYTES = 100_000_000


def read_source(path: Path) -> dict[str, bytes]:
    """The files of a course folder or zip, by relative POSIX path."""
    if not path.is_dir():
        return read_zip(path)
    files = {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }
    return {name: data for name, data in files.items() if not IGNORED.search(name)}


def safe_name(name: str) -> bool:
    """Whether a file name stays inside the course folder wherever it is unpacked: no
    ``..``, no absolute path, no drive, no backslash."""
    parts = name.split("/")
    return (
        bool(name)
        and "\\" not in name
        and ":" not in parts[0]
        and not name.startswith("/")
        and ".." not in parts
    )


def read_zip(source: Path | bytes, strict: bool = True) -> dict[str, bytes]:
    """The files of a zipped course (a path or the bytes of an upload). Raises
    ``ValueError`` for a file that is not a zip, is damaged, unpacks to more than
    100 MB, or names a file outside its folder (``../x``, ``/etc/x``): such a name would
    be handed back in the course's source zip to whoever unpacks it. A zip stored before
    uploads were checked (``strict=False``) has such names left out instead."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except zipfile.BadZipFile as error:
        raise ValueError("not a zip file") from error
    with archive:
        files = {}
        total = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not safe_name(info.filename):
                if not strict:
                    continue
                raise ValueError(f"the zip names a file outside its folder: {info.filename[:80]}")
            total += info.file_size
            if total > MAX_SOURCE_BYTES:
                raise ValueError("the zip unpacks to more than 100 MB")
            try:
                files[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
                raise ValueError("the zip is damaged") from error
    roots = {name.split("/", 1)[0] for name in files}
    if len(roots) == 1 and not any(name in COURSE_FILES for name in files):
        root = roots.pop() + "/"  # a zip of the folder itself
        files = {name[len(root) :]: data for name, data in files.items()}
    return {name: data for name, data in files.items() if not IGNORED.search(name)}


def course_identity(files: dict[str, bytes]) -> dict[str, str]:
    """The course file's ``id`` and ``judul`` exactly as the compiler reads them (its
    front-matter reader, key aliases and case): every guard of a course's identity asks
    this, so no spelling (``ID:``, ``--- `` with a space, a ``...`` closer, CR or U+2028
    line ends) can show a guard one course and the compiler another."""
    path = next((name for name in COURSE_FILES if name in files), None)
    if path is None:
        return {"id": "", "judul": ""}
    try:
        text = files[path].decode("utf-8-sig")
    except UnicodeDecodeError:
        return {"id": "", "judul": ""}
    report = Report()
    settings = canonical_settings(read_document(path, text, report), COURSE_KEYS, report)
    values = {name: settings.get(name, (None, 0))[0] for name in ("id", "judul")}
    return {name: str(value if value is not None else "").strip() for name, value in values.items()}


def source_hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(name, files[name])
    return buffer.getvalue()
