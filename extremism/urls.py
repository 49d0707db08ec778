from django.urls import path

from . import views

app_name = "extremism"

urlpatterns = [
    path("", views.guide, name="guide"),
    path("sok/", views.guide_search, name="guide_search"),
    path("kontakter/", views.contacts, name="contacts"),
    path("utskrift/", views.guide_print, name="guide_print"),
    path("varseltegn/", views.sign_list, name="sign_list"),
    path("varseltegn/ny/", views.sign_create, name="sign_create"),
    path("varseltegn/<int:pk>/endre/", views.sign_update, name="sign_update"),
    path("varseltegn/<int:pk>/historikk/", views.sign_history, name="sign_history"),
    path("varseltegn/<int:pk>/historikk/<int:revision_pk>/gjenopprett/", views.sign_restore, name="sign_restore"),
    path("kapittel/ny/", views.section_create, name="section_create"),
    path("kapittel/<slug:slug>/", views.section_detail, name="section_detail"),
    path("kapittel/<slug:slug>/utskrift/", views.guide_print, name="section_print"),
    path("kapittel/<slug:slug>/endre/", views.section_update, name="section_update"),
    path("kapittel/<slug:slug>/historikk/", views.section_history, name="section_history"),
    path(
        "kapittel/<slug:slug>/historikk/<int:revision_pk>/gjenopprett/",
        views.section_restore,
        name="section_restore",
    ),
    path("saker/", views.case_list, name="case_list"),
    path("saker/ny/", views.case_create, name="case_create"),
    path("saker/fra-bekymring/<int:concern_pk>/", views.case_create_from_concern, name="case_create_from_concern"),
    path("saker/<int:pk>/", views.case_detail, name="case_detail"),
    path("saker/<int:pk>/flytt/", views.case_move, name="case_move"),
    path("saker/<int:pk>/varseltegn/", views.case_signs, name="case_signs"),
    path("saker/<int:pk>/risiko/", views.case_risk, name="case_risk"),
    path("saker/<int:pk>/identitet/", views.case_identity, name="case_identity"),
    path("saker/<int:pk>/tiltak/", views.measure_create, name="measure_create"),
    path("saker/<int:pk>/tiltak/<int:measure_pk>/status/", views.measure_status, name="measure_status"),
    path("saker/<int:pk>/medlemmer/", views.member_add, name="member_add"),
    path("saker/<int:pk>/medlemmer/<int:member_pk>/fjern/", views.member_remove, name="member_remove"),
    path("saker/<int:pk>/avslutt/", views.case_close, name="case_close"),
]
