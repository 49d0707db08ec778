from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("tilgangslogg/", views.access_report, name="access_report"),
    path("tilgangslogg/eksport.csv", views.access_report_csv, name="access_report_csv"),
]
