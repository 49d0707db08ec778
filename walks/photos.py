"""Checking and cleaning uploaded photos: the content decides the type, and EXIF never reaches storage."""

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
MAX_PIXELS = 60_000_000  # a decompression bomb guard well above any phone camera


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
    try:
        with Image.open(upload) as img:
            image_format = img.format
            if img.width * img.height > MAX_PIXELS:
                raise ValidationError(_("%(name)s has too many pixels.") % {"name": name}, code="too_many_pixels")
            img.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s is not a photo we can read. Use JPEG, PNG or WebP.") % {"name": name}, code="not_an_image"
        ) from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}, code="wrong_format")
    return image_format


def clean_photo(upload) -> CleanPhoto:
    """Re-encode the pixels (upright, without EXIF or other metadata) and make a JPEG thumbnail."""
    image_format = check_photo(upload)
    name = getattr(upload, "name", "") or _("the file")
    try:
        with Image.open(upload) as img:
            img.load()
            upright = ImageOps.exif_transpose(img)
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
