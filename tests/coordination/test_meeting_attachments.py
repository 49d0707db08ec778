"""Attachments of a meeting or an agenda item: the kind is told by the content (not the name), the size is
limited, the file is served only to those who may read the meeting (others 404), as a download under a safe
name; upload, download and deletion are audited."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from coordination.attachments import file_kind, safe_name
from coordination.models import MeetingAttachment
from slt.audit.models import AuditEvent

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def _image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, fmt)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOCX = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
XLSX = _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])
PPTX = _zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<presentation/>")])
ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office/>")])
ODS = _zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office/>")])
ODP = _zip([("mimetype", "application/vnd.oasis.opendocument.presentation"), ("content.xml", "<office/>")])


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (PDF, "pdf"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
        (PPTX, "pptx"),
        (ODT, "odt"),
        (ODS, "ods"),
        (ODP, "odp"),
        (_image("JPEG"), "jpg"),
        (_image("PNG"), "png"),
        (_image("WEBP"), "webp"),
    ],
)
def test_the_kind_is_told_by_the_content_whatever_the_name(content, extension):
    assert file_kind(_upload("whatever.txt", content)).extension == extension


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 an executable named like a PDF",
        b"<html><script>alert(1)</script></html>",
        _zip([("evil.exe", "MZ")]),  # a ZIP that is no office document
        _zip([("mimetype", "application/x-shellscript"), ("run.sh", "rm -rf /")]),
        b"PK\x03\x04 not really a zip",
        b"GIF89a",
    ],
)
def test_other_kinds_are_refused(content):
    assert file_kind(_upload("referat.pdf", content)) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Referat 12. mars.pdf", "Referat 12. mars.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ('C:\\Users\\ola\\"sak"; rm.docx', "sak_ rm.pdf"),
        ("\x00\r\nSet-Cookie: x.pdf", "Set-Cookie_ x.pdf"),
        ("", "vedlegg.pdf"),
        ("møte-æøå.exe", "møte-æøå.pdf"),
    ],
)
def test_safe_names(name, expected):
    assert safe_name(name, file_kind(_upload("x", PDF))) == expected


def _upload_url(meeting):
    return reverse("coordination:meeting_attachment_add", args=[meeting.pk])


def test_the_secretary_attaches_a_file_to_an_item_and_invitees_download_it(client_for, agency_member, police):
    meeting = MeetingFactory(secretary=agency_member, invitees=[agency_member, police])
    item = AgendaItemFactory(meeting=meeting, title="Skolevei")
    response = client_for(agency_member).post(
        _upload_url(meeting), {"file": _upload("Kart over skolevei.docx", DOCX), "agenda_item": item.pk}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#agenda-{item.pk}")
    attachment = MeetingAttachment.objects.get()
    assert (attachment.agenda_item, attachment.name, attachment.size) == (item, "Kart over skolevei.docx", len(DOCX))
    assert attachment.file.name.startswith("meetings/attachments/") and "skolevei" not in attachment.file.name
    assert AuditEvent.objects.filter(action="create", object_type="coordination.meetingattachment").count() == 1

    page = client_for(police).get(meeting.get_absolute_url()).text
    assert "Kart over skolevei.docx" in page and attachment.get_absolute_url() in page
    download = client_for(police).get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == DOCX
    assert download["Content-Disposition"] == 'attachment; filename="Kart over skolevei.docx"'
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(
        action="export", actor=police, object_type="coordination.meetingattachment", object_id=str(attachment.pk)
    ).exists()


def test_a_file_for_the_whole_meeting(client_for, coordinator):
    meeting = MeetingFactory()
    response = client_for(coordinator).post(_upload_url(meeting), {"file": _upload("innkalling.pdf", PDF)})
    assert response["Location"].endswith("#attachments")
    assert MeetingAttachment.objects.get().agenda_item is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("referat.pdf", b"MZ\x90\x00 not a pdf", "Denne filtypen kan ikke legges ved."),
        ("tom.pdf", b"", "Filen er tom."),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_saved(
    client_for, coordinator, settings, name, content, message
):
    meeting = MeetingFactory()
    response = client_for(coordinator).post(_upload_url(meeting), {"file": _upload(name, content)})
    assert response.status_code == 400
    assert message in response.text
    assert not MeetingAttachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "meetings").exists() or not any((settings.MEDIA_ROOT / "meetings").rglob("*.*"))


def test_a_file_over_the_limit_is_refused(client_for, coordinator, settings):
    settings.MEETING_ATTACHMENT_MAX_BYTES = 1000
    meeting = MeetingFactory()
    response = client_for(coordinator).post(_upload_url(meeting), {"file": _upload("stor.pdf", PDF + b"0" * 1000)})
    assert response.status_code == 400
    assert "Filen er for stor: høyst 1000\xa0byte." in response.text
    assert not MeetingAttachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "meetings").exists() or not any((settings.MEDIA_ROOT / "meetings").rglob("*.*"))


def test_an_item_of_another_meeting_is_refused(client_for, coordinator):
    meeting = MeetingFactory()
    foreign = AgendaItemFactory()
    response = client_for(coordinator).post(
        _upload_url(meeting), {"file": _upload("a.pdf", PDF), "agenda_item": foreign.pk}
    )
    assert response.status_code == 400
    assert not MeetingAttachment.objects.exists()


def _attached(meeting, content=PDF, name="papirer.pdf"):
    attachment = MeetingAttachment(meeting=meeting, name=name, content_type="application/pdf", size=len(content))
    attachment.file.save("x.pdf", io.BytesIO(content), save=False)
    attachment.save()
    return attachment


def test_outsiders_get_404_and_readers_may_not_upload_or_delete(client_for, agency_member, steering):
    meeting = MeetingFactory(invitees=[steering])
    attachment = _attached(meeting)
    outsider, reader = client_for(agency_member), client_for(steering)
    delete = reverse("coordination:meeting_attachment_delete", args=[meeting.pk, attachment.pk])

    assert outsider.get(attachment.get_absolute_url()).status_code == 404
    assert outsider.post(_upload_url(meeting), {"file": _upload("a.pdf", PDF)}).status_code == 404
    assert outsider.post(delete).status_code == 404
    assert reader.post(_upload_url(meeting), {"file": _upload("a.pdf", PDF)}).status_code == 403
    assert reader.post(delete).status_code == 403
    assert reader.get(attachment.get_absolute_url()).status_code == 200
    assert list(MeetingAttachment.objects.all()) == [attachment]
    assert "Last opp" not in reader.get(meeting.get_absolute_url()).text
    assert not AuditEvent.objects.filter(actor=agency_member, object_type="coordination.meetingattachment").exists()


def test_an_attachment_is_reached_only_through_its_own_meeting(client_for, coordinator):
    attachment = _attached(MeetingFactory())
    other = MeetingFactory()
    url = reverse("coordination:meeting_attachment", args=[other.pk, attachment.pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_media_files_are_not_served_from_media_url(client_for, coordinator):
    attachment = _attached(MeetingFactory())
    assert client_for(coordinator).get(f"/media/{attachment.file.name}").status_code == 404


def test_the_secretary_deletes_an_attachment_and_the_file_goes(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    attachment = _attached(MeetingFactory())
    path = attachment.file.path
    url = reverse("coordination:meeting_attachment_delete", args=[attachment.meeting_id, attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(url, follow=True)
    assert "Filen papirer.pdf er slettet." in response.text
    assert not MeetingAttachment.objects.exists()
    assert not __import__("os").path.exists(path)
    assert AuditEvent.objects.filter(action="delete", object_type="coordination.meetingattachment").exists()


def test_approved_minutes_take_no_more_attachments(client_for, coordinator):
    start = timezone.now() - timedelta(hours=2)
    meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1), minutes_approved_at=timezone.now())
    attachment = _attached(meeting)
    client = client_for(coordinator)
    response = client.post(_upload_url(meeting), {"file": _upload("a.pdf", PDF)})
    assert response.status_code == 400
    assert "Referatet er godkjent og kan ikke lenger endres." in response.text
    client.post(reverse("coordination:meeting_attachment_delete", args=[meeting.pk, attachment.pk]))
    assert list(MeetingAttachment.objects.all()) == [attachment]


def test_the_printed_minutes_name_the_attachments(client_for, coordinator):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Skolevei")
    for_item = _attached(meeting, name="kart.pdf")
    for_item.agenda_item = item
    for_item.save(update_fields=["agenda_item"])
    _attached(meeting, name="innkalling.pdf")
    page = client_for(coordinator).get(reverse("coordination:meeting_minutes", args=[meeting.pk])).text
    assert "Vedlegg: <a" in page and "kart.pdf" in page and "innkalling.pdf" in page
    assert page.index("kart.pdf") < page.index("innkalling.pdf")
