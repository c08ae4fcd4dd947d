"""Files people attach to what they post (images on an idea, photos and documents as a
milestone's evidence). A picture is decoded and written again with Pillow: bounded in
size for phones on slow links, turned upright, and without its EXIF data (a phone's
photo records where it was taken), so what is served is a plain picture whatever was
sent. Any other accepted file is kept as it came and only ever downloaded."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from flask import Response
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from elearn.models import PostFile

MAX_FILE_BYTES = 10 * 1024 * 1024
# past this a picture is refused before it is decoded; a JPEG counts at the reduced
# scale it is decoded at, so a phone's 50-megapixel photo passes
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 1600
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
IMAGE_SUFFIXES = {"jpg", "jpeg", "png", "webp", "gif"}
DOCUMENT_SUFFIXES = {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"}
ACCEPTED = ",".join(f".{suffix}" for suffix in sorted(IMAGE_SUFFIXES | DOCUMENT_SUFFIXES))


class UploadRefused(ValueError):
    pass


@dataclass(frozen=True)
class Prepared:
    file_name: str
    content_type: str
    data: bytes
    width: int | None = None
    height: int | None = None


def uploads_in(files: list[FileStorage] | None) -> list[FileStorage]:
    """The files actually chosen (a form without a choice sends one empty part)."""
    return [f for f in files or [] if f and f.filename]


def prepare(upload: FileStorage, images_only: bool = False) -> Prepared:
    """Read one upload: a picture written again, or a document as it came."""
    name = secure_filename(upload.filename or "") or "berkas"
    data = upload.read(MAX_FILE_BYTES + 1)
    if not data:
        raise UploadRefused(_l("%(name)s is empty.", name=name))
    if len(data) > MAX_FILE_BYTES:
        raise UploadRefused(_l("%(name)s is larger than 10 MB.", name=name))
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in DOCUMENT_SUFFIXES and not images_only:
        return Prepared(name, "application/octet-stream", data)
    if suffix not in IMAGE_SUFFIXES:
        raise UploadRefused(
            _l("%(name)s: send a photo (JPEG, PNG or WebP).", name=name)
            if images_only
            else _l("%(name)s: send a photo, a PDF or an office document.", name=name)
        )
    return _picture(name, data)


def _picture(name: str, data: bytes) -> Prepared:
    refused = UploadRefused(_l("%(name)s is not a picture this platform can read.", name=name))
    unreadable = (UnidentifiedImageError, OSError, ValueError, SyntaxError)
    try:
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))  # a JPEG decodes at a smaller scale
    except (*unreadable, Image.DecompressionBombError):
        raise refused from None
    if image.format not in IMAGE_FORMATS:
        raise refused
    if image.width * image.height > MAX_PIXELS:
        raise UploadRefused(_l("%(name)s has too many pixels.", name=name))
    try:
        image = ImageOps.exif_transpose(image)  # the first frame, upright
        image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    except (*unreadable, Image.DecompressionBombError):
        raise refused from None
    out = io.BytesIO()
    stem = PurePath(name).stem or "gambar"
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.convert("RGBA").save(out, "PNG", optimize=True)
        return Prepared(f"{stem}.png", "image/png", out.getvalue(), image.width, image.height)
    image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return Prepared(f"{stem}.jpg", "image/jpeg", out.getvalue(), image.width, image.height)


def stored(prepared: Prepared, uploader_id: int, caption: str = "", **owner: int) -> PostFile:
    return PostFile(
        file_name=prepared.file_name,
        content_type=prepared.content_type,
        data=prepared.data,
        size=len(prepared.data),
        width=prepared.width,
        height=prepared.height,
        caption=caption,
        uploader_id=uploader_id,
        **owner,
    )


def file_response(post_file: PostFile) -> Response:
    """A picture shown inline, anything else downloaded; neither ever runs as a page."""
    response = Response(
        post_file.data,
        mimetype=post_file.content_type if post_file.is_image else "application/octet-stream",
    )
    disposition = "inline" if post_file.is_image else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{post_file.file_name}"'
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
