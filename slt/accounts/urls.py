from django.urls import path

from . import oidc, password_audit, views

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    # Before django.contrib.auth.urls (slt/urls.py): the same address, with the audited form.
    path("password_change/", password_audit.password_change, name="password_change"),
    path("password_reset/", views.RateLimitedPasswordResetView.as_view(), name="password_reset"),
    path("tofaktor/", views.second_factor_settings, name="second_factor_settings"),
    path("tofaktor/kode/", views.second_factor_verify, name="second_factor_verify"),
    path("tofaktor/oppsett/", views.second_factor_enrol, name="second_factor_enrol"),
    path("tofaktor/gjenopprettingskoder/", views.second_factor_recovery_codes, name="second_factor_recovery_codes"),
    path("tofaktor/nye-koder/", views.second_factor_regenerate, name="second_factor_regenerate"),
    path("tofaktor/slaa-av/", views.second_factor_remove, name="second_factor_remove"),
    path("oidc/login/", oidc.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
]
