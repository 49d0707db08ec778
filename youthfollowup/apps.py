from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthFollowUpConfig(AppConfig):
    name = "youthfollowup"
    verbose_name = _("Youth follow-up")
