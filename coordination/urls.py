from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("aktorer/", views.agency_list, name="agency_list"),
    path("aktorer/ny/", views.agency_create, name="agency_create"),
    path("aktorer/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("aktorer/<int:pk>/endre/", views.agency_update, name="agency_update"),
]
