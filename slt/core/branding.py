"""The municipality that runs the installation: its name and logo on pages, reports, minutes and Django admin."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static


def municipality_name():
    return settings.SLT_MUNICIPALITY_NAME


def logo_url():
    """The logo's address for web pages."""
    return static(settings.SLT_MUNICIPALITY_LOGO)


def logo_file():
    """The logo's file for PDF reports (a PNG or JPEG), or None when it cannot be found."""
    return finders.find(settings.SLT_MUNICIPALITY_LOGO)
