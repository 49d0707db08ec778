from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("aktorer/", views.agency_list, name="agency_list"),
    path("aktorer/ny/", views.agency_create, name="agency_create"),
    path("aktorer/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("aktorer/<int:pk>/endre/", views.agency_update, name="agency_update"),
    # forums and meetings
    path("fora/", views.forum_list, name="forum_list"),
    path("fora/ny/", views.forum_create, name="forum_create"),
    path("fora/<int:pk>/", views.forum_detail, name="forum_detail"),
    path("fora/<int:pk>/endre/", views.forum_update, name="forum_update"),
    path("moter/", views.meeting_list, name="meeting_list"),
    path("moter/nytt/", views.meeting_create, name="meeting_create"),
    path("moter/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moter/<int:pk>/endre/", views.meeting_update, name="meeting_update"),
    path("moter/<int:pk>/referat/", views.meeting_minutes, name="meeting_minutes"),
    path("moter/<int:pk>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("moter/<int:pk>/oppmote/", views.meeting_attendance, name="meeting_attendance"),
    path("moter/<int:pk>/godkjenn/", views.meeting_approve, name="meeting_approve"),
    path("moter/<int:pk>/avlys/", views.meeting_cancel, name="meeting_cancel"),
    path("moter/<int:pk>/saker/ny/", views.agenda_item_add, name="agenda_item_add"),
    path("moter/<int:pk>/saker/<int:item_pk>/", views.agenda_item_edit, name="agenda_item_edit"),
    path("moter/<int:pk>/saker/<int:item_pk>/tiltak/", views.agenda_item_action, name="agenda_item_action"),
    path("moter/<int:pk>/saker/<int:item_pk>/flytt/", views.agenda_item_move, name="agenda_item_move"),
    path("moter/<int:pk>/saker/<int:item_pk>/fjern/", views.agenda_item_delete, name="agenda_item_delete"),
    path("moter/<int:pk>/vedlegg/", views.meeting_attachment_add, name="meeting_attachment_add"),
    path("moter/<int:pk>/vedlegg/<int:attachment_pk>/", views.meeting_attachment, name="meeting_attachment"),
    path(
        "moter/<int:pk>/vedlegg/<int:attachment_pk>/slett/",
        views.meeting_attachment_delete,
        name="meeting_attachment_delete",
    ),
    # action items
    path("tiltak/", views.action_item_list, name="action_item_list"),
    path("tiltak/eksport.csv", views.action_item_export, name="action_item_export"),
    path("tiltak/nytt/", views.action_item_create, name="action_item_create"),
    path("tiltak/<int:pk>/", views.action_item_detail, name="action_item_detail"),
    path("tiltak/<int:pk>/endre/", views.action_item_update, name="action_item_update"),
    path("tiltak/<int:pk>/status/", views.action_item_status, name="action_item_status"),
    path("tiltak/<int:pk>/notat/", views.action_item_note, name="action_item_note"),
    # concerns
    path("bekymringer/", views.concern_list, name="concern_list"),
    path("bekymringer/innboks/", views.concern_inbox, name="concern_inbox"),
    path("bekymringer/ny/", views.concern_create, name="concern_create"),
    path("bekymringer/navnesok/", views.concern_identity_search, name="concern_identity_search"),
    path("bekymringer/<int:pk>/", views.concern_detail, name="concern_detail"),
    path("bekymringer/<int:pk>/endre/", views.concern_update, name="concern_update"),
    path("bekymringer/<int:pk>/del/", views.concern_share, name="concern_share"),
    path(
        "bekymringer/<int:pk>/deling/<int:share_pk>/trekk-tilbake/",
        views.concern_share_revoke,
        name="concern_share_revoke",
    ),
    path("bekymringer/<int:pk>/notat/", views.concern_note, name="concern_note"),
    path("bekymringer/<int:pk>/kvitter/", views.concern_acknowledge, name="concern_acknowledge"),
    path("bekymringer/<int:pk>/status/", views.concern_status, name="concern_status"),
    path("bekymringer/<int:pk>/tiltak/", views.concern_measure, name="concern_measure"),
    path("statistikk/", views.statistics, name="statistics"),
    path("statistikk/statistikk.csv", views.statistics_export_csv, name="statistics_csv"),
    path("statistikk/statistikk.pdf", views.statistics_export_pdf, name="statistics_pdf"),
]
