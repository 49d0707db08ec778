"""Field shapes the coordination models repeat."""

from django.db import models


def optional_link(to, verbose_name, *, related_name="+"):
    """A link that may be empty and is emptied when the other record goes (who approved; which meeting)."""
    return models.ForeignKey(
        to, verbose_name=verbose_name, on_delete=models.SET_NULL, null=True, blank=True, related_name=related_name
    )


def optional_user(verbose_name):
    """A person who did something to the record (created, approved, revoked); kept empty if they are deleted."""
    return optional_link("accounts.User", verbose_name)
