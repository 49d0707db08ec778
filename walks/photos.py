"""Checking and cleaning uploaded photos: the content decides the type, and EXIF never reaches storage."""

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (480, 480)
# A photo's pixel count is read from its header before anything is decoded: a small file can hold a huge
# picture (7,745 × 7,745 pixels of one colour are 175 KB as PNG and 240 MB decoded). Pillow itself refuses
# to decode more than twice this (its decompression-bomb guard), whoever opens the file.
Image.MAX_IMAGE_PIXELS = settings.WALKS_PHOTO_MAX_PIXELS


@dataclass
class CleanPhoto:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def check_photo(upload) -> str:
    """The Pillow format of an upload, or a ValidationError with a message for the person who sent it."""
    name = getattr(upload, "name", "") or _("the file")
    max_bytes = settings.WALKS_PHOTO_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s is too large (%(size)s). The limit is %(limit)s per photo.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    max_pixels = settings.WALKS_PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns between the limit and twice the limit; the check below answers that case itself.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(upload)  # reads the header only: the size is known, nothing is decoded yet
        with img:
            image_format = img.format
            if img.width * img.height > max_pixels:
                raise _too_many_pixels(name, max_pixels)
            img.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own guard, at twice the limit, fires on open
        raise _too_many_pixels(name, max_pixels) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("%(name)s is not a photo we can read. Use JPEG, PNG or WebP.") % {"name": name}, code="not_an_image"
        ) from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}, code="wrong_format")
    return image_format


def _too_many_pixels(name, max_pixels) -> ValidationError:
    return ValidationError(
        _("%(name)s has too many pixels. The limit is %(limit)d megapixels: make the photo smaller and try again.")
        % {"name": name, "limit": max_pixels // 1_000_000},
        code="too_many_pixels",
    )


def clean_photo(upload) -> CleanPhoto:
    """Re-encode the pixels (upright, at most WALKS_PHOTO_MAX_SIDE pixels on the longest side, without EXIF or
    other metadata) and make a JPEG thumbnail."""
    image_format = check_photo(upload)
    name = getattr(upload, "name", "") or _("the file")
    max_side = settings.WALKS_PHOTO_MAX_SIDE
    try:
        with Image.open(upload) as img:
            if image_format == "JPEG":
                img.draft(img.mode, (max_side, max_side))  # JPEG decodes straight at 1/2, 1/4 or 1/8 size
            img.load()
            upright = ImageOps.exif_transpose(img)
            if max(upright.size) > max_side:
                upright = upright.copy() if upright is img else upright
                upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
            image = _strip(upright, image_format)
            thumb = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright.copy()
            thumb.thumbnail(THUMBNAIL_SIZE)
            thumbnail = _encode(thumb, "JPEG")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s is damaged and cannot be read.") % {"name": name}, code="broken_image"
        ) from exc
    finally:
        upload.seek(0)
    extension = ALLOWED_FORMATS[image_format]
    return CleanPhoto(
        image=ContentFile(image, name=f"photo.{extension}"),
        thumbnail=ContentFile(thumbnail, name="thumbnail.jpg"),
        width=upright.width,
        height=upright.height,
    )


def _strip(img: Image.Image, image_format: str) -> bytes:
    """A copy that holds only pixels: a fresh image, so no info/EXIF/XMP/ICC block comes along."""
    if image_format == "JPEG" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    if image_format == "PNG" and img.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        img = img.convert("RGBA")
    if image_format == "PNG" and img.mode == "P":
        img = img.convert("RGBA")
    if image_format == "WEBP" and img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.mode else "RGB")
    clean = Image.new(img.mode, img.size)
    clean.paste(img)
    return _encode(clean, image_format)


def _encode(img: Image.Image, image_format: str) -> bytes:
    out = BytesIO()
    options = {"JPEG": {"quality": 85, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 85}}
    img.save(out, format=image_format, **options[image_format])
    return out.getvalue()
