from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notice_list, name="notice_list"),
    path("<int:pk>/lest/", views.notice_read, name="notice_read"),
    path("alle-lest/", views.notices_read_all, name="notices_read_all"),
    path("profil/", views.profile, name="profile"),
    path("kalender/ny/", views.calendar_token_renew, name="calendar_renew"),
    path("kalender/trekk-tilbake/", views.calendar_token_revoke, name="calendar_revoke"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
