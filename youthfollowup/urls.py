from django.urls import path

from . import views

app_name = "youthfollowup"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("ny/", views.case_create, name="case_create"),
    path("statistikk/", views.statistics_page, name="statistics"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/endre/", views.case_update, name="case_update"),
    path("<int:pk>/foresatte/ny/", views.guardian_add, name="guardian_add"),
    path("<int:pk>/lovbrudd/ny/", views.offence_add, name="offence_add"),
    path("<int:pk>/samtykker/ny/", views.consent_add, name="consent_add"),
    path("<int:pk>/samtykker/<int:consent_pk>/trekk-tilbake/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/vedtak/", views.decision, name="decision"),
    path("<int:pk>/planmote/", views.plan_meeting, name="plan_meeting"),
    path("<int:pk>/planmote.ics", views.plan_meeting_ical, name="plan_meeting_ical"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/godkjenn/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/plan/tiltak/ny/", views.measure_add, name="measure_add"),
    path("<int:pk>/plan/tiltak/<int:measure_pk>/endre/", views.measure_update, name="measure_update"),
    path("<int:pk>/plan/tiltak/<int:measure_pk>/notat/", views.measure_note, name="measure_note"),
    path("<int:pk>/team/ny/", views.team_add, name="team_add"),
    path("<int:pk>/team/<int:member_pk>/fjern/", views.team_remove, name="team_remove"),
    path("<int:pk>/oppfolgingsmoter/ny/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/oppfolgingsmoter/<int:meeting_pk>/avholdt/", views.follow_up_held, name="follow_up_held"),
    path("<int:pk>/notater/ny/", views.note_add, name="note_add"),
    path("<int:pk>/brudd/ny/", views.breach_add, name="breach_add"),
    path("<int:pk>/avslutt/", views.case_end, name="case_end"),
]
