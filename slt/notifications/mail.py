"""The e-mail and the notice text of a delivery: in the recipient's language, a neutral subject, the
reference and an absolute link. Nothing else about the record: no names, no case content."""

import hashlib
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from slt.core.registry import registry


def absolute(url: str) -> str:
    return url if "://" in url else f"{settings.SITE_URL}{url}"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _when(slot: str, due_at) -> str:
    key = (translation.get_language(), slot, due_at if len(slot) not in (10, 20) else None)
    if key not in _whens:
        if len(_whens) > 10_000:
            _whens.clear()
        _whens[key] = _format_when(slot, due_at)
    return _whens[key]


_whens: dict[tuple, str] = {}


def _format_when(slot: str, due_at) -> str:
    from .dispatcher import slot_moment

    moment = slot_moment(slot)
    if isinstance(moment, datetime):
        return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(moment, date):
        return date_format(moment, "SHORT_DATE_FORMAT")
    return date_format(timezone.localtime(due_at), "SHORT_DATETIME_FORMAT")


def texts(kind: str, reference: str, slot: str, due_at, *, values=None) -> tuple[str, str]:
    """(subject, one-line text) of a kind in the active language."""
    source = registry.reminder_source(kind)
    values = values or {"reference": reference, "when": _when(slot, due_at)}
    if source is None:
        return _("Notice %(reference)s") % values, _("There is news about %(reference)s.") % values
    return str(source.subject) % values, str(source.text) % values


# Placeholders: the bodies of a kind are rendered once per language and the values put in per message.
REFERENCE, LINK, WHEN = "zzSLTREFzz", "zzSLTLINKzz", "zzSLTWHENzz"
_bodies: dict[tuple, tuple[str, str]] = {}


def _render(context) -> tuple[str, str]:
    return (
        render_to_string("notifications/email/reminder.txt", context),
        render_to_string("notifications/email/reminder.html", context),
    )


def _bodies_for(kind, language, context_for) -> tuple[str, str]:
    key = (kind, language, settings.SITE_URL)
    if key not in _bodies:
        _bodies[key] = _render(context_for(REFERENCE, LINK, WHEN, []))
    return _bodies[key]


def reminder_message(delivery, *, connection=None) -> EmailMultiAlternatives:
    """The e-mail for one delivery, in the recipient's preferred language (Norwegian by default)."""
    user = delivery.recipient
    source = registry.reminder_source(delivery.kind)
    language = _language(user)
    with translation.override(language):
        when = _when(delivery.slot, delivery.due_at)
        link = absolute(delivery.url)

        def context_for(reference, link, when, details):
            values = {"reference": reference, "when": when}
            subject, text = texts(delivery.kind, reference, delivery.slot, delivery.due_at, values=values)
            return {
                "subject": subject,
                "text": text,
                "details": details,
                "reference": reference,
                "link": link,
                "preferences_link": absolute(reverse("notifications:profile")),
                "essential": bool(source and source.essential),
                "language": language,
            }

        details = source.details(user, delivery.record_id, delivery.slot) if source and source.details else []
        if details:
            body, html = _render(context_for(delivery.reference, link, when, details))
        else:
            body, html = _bodies_for(delivery.kind, language, context_for)
            body = body.replace(REFERENCE, delivery.reference).replace(LINK, link).replace(WHEN, when)
            html = (
                html.replace(REFERENCE, escape(delivery.reference))
                .replace(LINK, escape(link))
                .replace(WHEN, escape(when))
            )
        subject, _text = texts(delivery.kind, delivery.reference, delivery.slot, delivery.due_at)
        attachment = (
            source.attachment(delivery.record_id, delivery.slot, user) if source and source.attachment else None
        )
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        connection=connection,
        headers={
            # The same id on every try: a mail client shows a resent copy as the same message.
            "Message-ID": f"<slt-delivery-{delivery.pk}@{site_host()}>",
            "X-SLT-Delivery": str(delivery.pk),
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    if attachment is not None:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def groupable(delivery) -> bool:
    """A reminder that may share an e-mail with the recipient's other reminders of the same pass: not an
    essential notice (invitations and shares keep their own subject), no attachment, no extra lines."""
    source = registry.reminder_source(delivery.kind)
    return source is not None and not source.essential and source.attachment is None and source.details is None


def _language(user) -> str:
    return user.preferred_language if user.preferred_language in dict(settings.LANGUAGES) else "nb"


ITEMS = "zzSLTITEMSzz"


def _item_lines(deliveries) -> tuple[str, str]:
    """The list of a grouped e-mail, as plain text and as HTML list items (active language)."""
    text, html = [], []
    for delivery in deliveries:
        _subject, line = texts(delivery.kind, delivery.reference, delivery.slot, delivery.due_at)
        link = absolute(delivery.url)
        opens = _("Open %(reference)s in SLT") % {"reference": delivery.reference}
        text.append(f"- {line}\n  {link}\n")
        html.append(f'<li>{escape(line)} <a href="{escape(link)}" style="color: #0b5394;">{escape(opens)}</a></li>')
    return "\n".join(text), "\n".join(html)


def reminders_message(deliveries, *, connection=None) -> EmailMultiAlternatives:
    """One e-mail for several reminders of one recipient (see `groupable`): a neutral subject with the
    count, then each reminder's one-line text and link. Nothing else about the records. The frame is
    rendered once per language and count; the list is put in per message."""
    user = deliveries[0].recipient
    language = _language(user)
    ids = [delivery.pk for delivery in deliveries]
    count = len(ids)
    with translation.override(language):
        subject = ngettext("SLT: %(count)s reminder", "SLT: %(count)s reminders", count) % {"count": count}
        key = ("grouped", language, count, settings.SITE_URL)
        if key not in _bodies:
            context = {
                "subject": subject,
                "intro": ngettext(
                    "You have %(count)s reminder from SLT:", "You have %(count)s reminders from SLT:", count
                )
                % {"count": count},
                "items": ITEMS,
                "preferences_link": absolute(reverse("notifications:profile")),
                "language": language,
            }
            _bodies[key] = (
                render_to_string("notifications/email/reminders.txt", context),
                render_to_string("notifications/email/reminders.html", context),
            )
        body, html = _bodies[key]
        items_text, items_html = _item_lines(deliveries)
        body, html = body.replace(ITEMS, items_text), html.replace(ITEMS, items_html)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        connection=connection,
        headers={
            "Message-ID": f"<slt-deliveries-{digest}@{site_host()}>",
            "X-SLT-Delivery": ",".join(map(str, ids)),
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
