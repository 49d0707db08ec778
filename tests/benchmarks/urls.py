"""The site's URLs plus a plain Django admin change list of concerns, to compare against.

Only the benchmark serves this: in the product, case records are not in Django admin (DESIGN.md section 2).
"""

from django.contrib import admin
from django.urls import include, path

from coordination.models import Concern


class ConcernChangeList(admin.ModelAdmin):
    list_display = ["reference", "status", "risk_level", "age_band", "area", "created_at"]
    list_filter = ["status", "risk_level", "age_band", "area", "categories__category"]
    list_select_related = ["area"]
    search_fields = ["reference"]
    list_per_page = 25


site = admin.AdminSite(name="bench_admin")
site.register(Concern, ConcernChangeList)

urlpatterns = [
    path("bench-admin/", site.urls),
    path("", include("slt.urls")),
]
