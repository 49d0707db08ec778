from django.urls import path

from . import password_audit, views

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    # Before django.contrib.auth.urls (slt/urls.py): the same address, with the audited form.
    path("password_change/", password_audit.password_change, name="password_change"),
]
