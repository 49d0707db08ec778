from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "slt.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        # Each app's panels.py registers its menu entries, dashboard panels, search and demo data.
        autodiscover_modules("panels")
