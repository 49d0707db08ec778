from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "slt.accounts"
    label = "accounts"
    verbose_name = _("Users")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_decide_second_factor_again, dispatch_uid="accounts_second_factor_again")


def _decide_second_factor_again(sender, request, user, **kwargs):
    """Every sign-in asks again whether this session still needs the second step."""
    if request is not None and hasattr(request, "session"):
        from .second_factor import forget_second_factor_step

        forget_second_factor_step(request.session)
