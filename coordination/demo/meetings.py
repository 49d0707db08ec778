"""Demo forums, meetings (agenda, attendance, minutes, decisions) and action items, made through the services."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .. import services
from ..models import ActionItem, AgendaItem, Forum, Meeting
from .registry import CHILD_WELFARE, GANDDAL, HEALTH, LIGHTS, LURA, NAV, NIGHT, PARKS, POLICE, SLT, VGS, YOUTH
from .specs import DemoAction, DemoAgendaItem, DemoForum, DemoMeeting

OPEN, IN_PROGRESS, DONE, WONT_DO = (
    ActionItem.Status.OPEN,
    ActionItem.Status.IN_PROGRESS,
    ActionItem.Status.DONE,
    ActionItem.Status.WONT_DO,
)
WONT_DO_REASON = "Ikke midler i år; tas opp igjen til våren."
MEETING_ROOM = "Rådhuset, møterom Figgjo"


FORUMS = [
    DemoForum(
        name="SLT styringsgruppe",
        kind="steering",
        mandate="Kommunens og politiets ledelse. Fastsetter mål og prioriteringer for SLT-arbeidet, behandler handlingsplanen og årsrapporten.",
        agencies=(SLT, POLICE),
        members=("koordinator", "styring"),
    ),
    DemoForum(
        name="SLT koordineringsgruppe",
        kind="coordination",
        mandate="Mellomledere fra kommunen og politiet. Følger opp handlingsplanen, fordeler ansvar for tiltak og løfter saker til styringsgruppen.",
        agencies=(SLT, POLICE, CHILD_WELFARE, LURA, GANDDAL, HEALTH, NAV, YOUTH),
        members=("koordinator", "politi", "skole", "barnevern"),
    ),
    DemoForum(
        name="Arbeidsgruppe sentrum",
        kind="working",
        mandate="Førstelinjen i sentrum: uteseksjonen, politiet, skolene og natteravnene. Deler situasjonsbilde og avtaler innsats i helger og ferier.",
        agencies=(SLT, POLICE, YOUTH, NIGHT, VGS),
        members=("koordinator", "politi"),
    ),
    DemoForum(
        name="Politirådet i Sandnes",
        kind="police_council",
        mandate="Samarbeidsforum mellom ordfører, rådmann og politiledelsen om trygghet og kriminalitetsforebygging.",
        agencies=(SLT, POLICE),
        members=("koordinator", "politi", "styring"),
    ),
]

MEETINGS = [
    DemoMeeting(
        forum="SLT koordineringsgruppe",
        title="Koordineringsgruppen – møte 1",
        in_days=-70,
        agenda=(
            DemoAgendaItem(
                "Situasjonsbilde fra politiet", minutes="Økning i tyverier fra butikk blant 13–15-åringer i sentrum."
            ),
            DemoAgendaItem(
                "Rus blant ungdom i helgene",
                minutes="Skolene og uteseksjonen melder om mer alkohol på fester.",
                decision="Foreldremøter om rus på alle ungdomsskoler før jul.",
                actions=(
                    DemoAction("Foreldremøte om rus, Lura", LURA, -20, DONE),
                    DemoAction("Foreldremøte om rus, Ganddal", GANDDAL, -12, OPEN),
                    DemoAction("Felles invitasjon til foreldremøter", SLT, -40, DONE),
                ),
            ),
            DemoAgendaItem(
                "Skolefravær",
                minutes="NAV og skolene ser sammenheng mellom fravær og frafall.",
                decision="Lage felles rutine for oppfølging av høyt fravær.",
                actions=(
                    DemoAction("Rutine for høyt fravær", LURA, -5, IN_PROGRESS),
                    DemoAction("Kartlegge fravær på vg1", VGS, 20, OPEN),
                ),
            ),
        ),
    ),
    DemoMeeting(
        forum="SLT koordineringsgruppe",
        title="Koordineringsgruppen – møte 2",
        in_days=-14,
        agenda=(
            DemoAgendaItem("Oppfølging fra forrige møte", minutes="Gjennomgang av tiltakslisten."),
            DemoAgendaItem(
                "Trygghet på Ruten",
                minutes="Flere meldinger om uro ved bussterminalen på kveldstid.",
                decision="Bedre belysning og mer voksentilstedeværelse på Ruten.",
                actions=(
                    DemoAction("Skifte lysarmaturer ved Ruten", LIGHTS, -2, OPEN),
                    DemoAction("Natteravner på Ruten fredag og lørdag", NIGHT, 30, IN_PROGRESS),
                    DemoAction("Klippe busker ved gangvei", PARKS, 10, OPEN),
                ),
            ),
            DemoAgendaItem(
                "Nettvett",
                minutes="Helsestasjonen ser mer deling av bilder blant 8.-klassinger.",
                decision="Undervisningsopplegg om nettvett i 8. trinn.",
                actions=(
                    DemoAction("Nettvett i 8. trinn, Lura", LURA, 45, OPEN),
                    DemoAction("Nettvett i 8. trinn, Ganddal", GANDDAL, 45, OPEN),
                    DemoAction("Temakveld om nettvett for foreldre", HEALTH, 60, OPEN),
                ),
            ),
        ),
    ),
    DemoMeeting(
        forum="SLT styringsgruppe",
        title="Styringsgruppen – høstmøte",
        in_days=-30,
        agenda=(
            DemoAgendaItem(
                "Handlingsplan SLT",
                minutes="Koordinator la fram status for handlingsplanen.",
                decision="Handlingsplanen vedtas.",
            ),
            DemoAgendaItem(
                "Årsrapport",
                minutes="Årsrapporten skal bygge på statistikken i plattformen.",
                decision="Koordinator lager utkast til årsrapport.",
                actions=(DemoAction("Utkast til årsrapport", SLT, 35, IN_PROGRESS),),
            ),
        ),
    ),
    DemoMeeting(
        forum="Arbeidsgruppe sentrum",
        title="Sentrumsgruppen – før sommerferien",
        in_days=-100,
        agenda=(
            DemoAgendaItem(
                "Sommeraktiviteter",
                minutes="Fritidsklubbene holder åpent tre kvelder i uken.",
                decision="Utvidet åpningstid i fritidsklubbene i juli.",
                actions=(
                    DemoAction("Utvidet åpningstid i juli", YOUTH, -60, DONE),
                    DemoAction("Sommerjobb for ungdom", NAV, -50, WONT_DO),
                ),
            ),
        ),
    ),
    DemoMeeting(
        forum="SLT koordineringsgruppe",
        title="Koordineringsgruppen – møte 3",
        in_days=9,
        agenda=(
            DemoAgendaItem("Oppfølging av tiltak"),
            DemoAgendaItem("Bekymringer siste måned"),
            DemoAgendaItem("Eventuelt"),
        ),
    ),
    DemoMeeting(
        forum="Arbeidsgruppe sentrum",
        title="Sentrumsgruppen – adventshelgene",
        in_days=3,
        agenda=(
            DemoAgendaItem("Plan for helgene i desember"),
            DemoAgendaItem("Natteravner og politi"),
        ),
    ),
    DemoMeeting(
        forum="Politirådet i Sandnes",
        title="Politirådet – vintermøte",
        in_days=24,
        agenda=(
            DemoAgendaItem("Kriminalitetsbildet 2026"),
            DemoAgendaItem("SLT-plattformen"),
        ),
    ),
]

# Action items of their own, not from a meeting.
ACTION_ITEMS = [
    DemoAction("Kartlegge møteplasser for ungdom i Bogafjell", YOUTH, 15, OPEN),
    DemoAction("Tilbud om samtale til elever med høyt fravær", CHILD_WELFARE, -8, OPEN),
    DemoAction("Oppsøkende arbeid ved Kvadrat", YOUTH, -3, IN_PROGRESS),
    DemoAction("Informasjon om ungdomsoppfølging til skolene", POLICE, 25, OPEN),
    DemoAction("Bekymringssamtaler etter helgen", POLICE, 5, IN_PROGRESS),
    DemoAction("Ny rutine for melding til barnevernet", CHILD_WELFARE, 40, OPEN),
    DemoAction("Kurs i trygg voksen for assistenter", GANDDAL, -15, DONE),
    DemoAction("Tilbakemelding til foreldre etter foreldremøtet", LURA, 12, OPEN),
    DemoAction("Fjerne tagging i undergangen ved Lura", PARKS, -1, OPEN),
    DemoAction("Møte med sentrumsforeningen om vektere", SLT, 18, OPEN),
    DemoAction("Helsesykepleier på skolen to dager i uken", HEALTH, 50, OPEN),
    DemoAction("Ungdomsmedvirkning i SLT-planen", SLT, -25, WONT_DO),
]


def at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def backdate(model, pk, **dates) -> None:
    """The demo tells a story that began months ago, but services stamp today and refuse a deadline in the
    past. After a record is made through its service, its dates are moved back to where the story has them;
    only dates move, every rule was checked by the service."""
    model.objects.filter(pk=pk).update(**dates)


def _action_item(coordinator, spec: DemoAction, agencies, *, agenda_item=None) -> None:
    agency = agencies[spec.agency]
    if ActionItem.objects.filter(title=spec.title, responsible_agency=agency).exists():
        return
    today = timezone.localdate()
    due = today + timedelta(days=spec.due_in_days)
    fields = {"actor": coordinator, "title": spec.title, "responsible_agency": agency, "due_date": max(due, today)}
    if agenda_item:
        item = services.decision_action_item_create(agenda_item=agenda_item, **fields)
    else:
        item = services.action_item_create(**fields)
    if spec.status != OPEN:
        reason = WONT_DO_REASON if spec.status == WONT_DO else ""
        item = services.action_item_set_status(actor=coordinator, item=item, status=spec.status, reason=reason)
    if spec.status == IN_PROGRESS:
        services.action_item_add_note(actor=coordinator, item=item, text="Arbeidet er i gang.")
    if due < today:
        backdate(ActionItem, item.pk, due_date=due)


def _forum(coordinator, spec: DemoForum, agencies, users) -> Forum:
    return Forum.objects.filter(name=spec.name).first() or services.forum_save(
        actor=coordinator,
        forum=Forum(name=spec.name, kind=spec.kind, mandate=spec.mandate),
        member_agencies=[agencies[name] for name in spec.agencies],
        members=[users[username] for username in spec.members],
    )


def _meeting(coordinator, spec: DemoMeeting, forum: Forum, agencies) -> None:
    if Meeting.objects.filter(forum=forum, title=spec.title).exists():
        return
    meeting = Meeting(
        forum=forum,
        title=spec.title,
        starts_at=at(spec.in_days, 9),
        ends_at=at(spec.in_days, 11),
        location=MEETING_ROOM,
        secretary=coordinator,
    )
    meeting = services.meeting_save(actor=coordinator, meeting=meeting)  # invites the forum's members
    if spec.in_days < 0:
        services.meeting_set_attendance(
            actor=coordinator, meeting=meeting, attendees=forum.members.all(), agencies=forum.member_agencies.all()
        )
    for entry in spec.agenda:
        agenda_item = AgendaItem(meeting=meeting, title=entry.title, minutes=entry.minutes, decision=entry.decision)
        agenda_item = services.agenda_item_save(actor=coordinator, item=agenda_item)
        for action in entry.actions:
            _action_item(coordinator, action, agencies, agenda_item=agenda_item)
    if spec.in_days < -20:
        services.meeting_approve_minutes(actor=coordinator, meeting=meeting)
        backdate(Meeting, meeting.pk, minutes_approved_at=at(spec.in_days + 7, 12))


def seed_meetings(coordinator, agencies, users) -> None:
    forums = {spec.name: _forum(coordinator, spec, agencies, users) for spec in FORUMS}
    for spec in MEETINGS:
        _meeting(coordinator, spec, forums[spec.forum], agencies)
    for spec in ACTION_ITEMS:
        _action_item(coordinator, spec, agencies)
