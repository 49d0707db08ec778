"""django-axes' app under a name the administrator reads in Django admin (its own is "Axes").

In a module of its own: a second AppConfig in slt/accounts/apps.py would stop Django from picking AccountsConfig."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LockoutConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockout")
