from django.urls import path

from . import security, views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("sok/", views.search, name="search"),
    path("csp-report/", security.csp_report, name="csp_report"),
]
