from django.contrib import admin
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from slt.accounts.password_audit import admin_password_change
from slt.core.branding import municipality_name

# Django admin carries the municipality's name: "Sandnes kommune · SLT – administrasjon" (read when shown).
admin.site.site_header = format_lazy("{} · {}", lazy(municipality_name, str)(), _("SLT administration"))
admin.site.site_title = admin.site.site_header
admin.site.index_title = _("Users, agencies and reference lists")

urlpatterns = [
    path("", include("slt.core.urls")),
    path("accounts/", include("slt.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("coordination.urls")),
    path("", include("walks.urls")),
    path("ekstremisme/", include("extremism.urls")),
    path("ungdomsoppfolging/", include("youthfollowup.urls")),
    path("varsler/", include("slt.notifications.urls")),
    path("logg/", include("slt.audit.urls")),
    # Django admin's own password change, with the audited form (slt.accounts.password_audit).
    path("admin/password_change/", admin.site.admin_view(admin_password_change)),
    path("admin/", admin.site.urls),
]

# Uploaded files (walk photos, meeting attachments) are never served from MEDIA_URL, not even in debug: only
# through their record's view, which checks who may read it.

handler403 = "slt.core.views.permission_denied"
handler404 = "slt.core.views.page_not_found"
handler500 = "slt.core.views.server_error"
