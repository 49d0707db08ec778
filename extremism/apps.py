from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtremismConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "extremism"
    verbose_name = _("Preventing radicalisation")
