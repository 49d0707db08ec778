from django.urls import path

from . import views

app_name = "walks"

urlpatterns = [
    path("trygghetsvandringer/", views.walk_list, name="walk_list"),
    path("trygghetsvandringer/ny/", views.walk_create, name="walk_create"),
    path("trygghetsvandringer/oppfolging/", views.follow_up, name="follow_up"),
    path("trygghetsvandringer/<int:pk>/", views.walk_detail, name="walk_detail"),
    path("trygghetsvandringer/<int:pk>/endre/", views.walk_update, name="walk_update"),
    path("trygghetsvandringer/<int:pk>/status/", views.walk_status, name="walk_status"),
    path("trygghetsvandringer/<int:pk>/observasjoner/ny/", views.observation_create, name="observation_create"),
    path("trygghetsvandringer/<int:pk>/observasjoner.csv", views.observations_csv, name="observations_csv"),
    path("trygghetsvandringer/<int:pk>/observasjoner.geojson", views.observations_geojson, name="observations_geojson"),
    path("trygghetsvandringer/<int:pk>/tiltak/ny/", views.action_create, name="action_create"),
    path("trygghetsvandringer/<int:pk>/tiltak/<int:item_pk>/status/", views.action_status, name="action_status"),
    path("trygghetsvandringer/<int:pk>/rapport/", views.walk_report, name="walk_report"),
    path("trygghetsvandringer/<int:pk>/rapport/publiser/", views.walk_publish, name="walk_publish"),
    path("trygghetsvandringer/<int:pk>/rapport.pdf", views.walk_report_pdf_view, name="walk_report_pdf"),
    path("trygghetsvandringer/observasjoner/<int:pk>/", views.observation_detail, name="observation_detail"),
    path("trygghetsvandringer/bilder/<int:pk>/", views.photo, name="photo"),
    path("trygghetsvandringer/bilder/<int:pk>/miniatyr/", views.photo_thumbnail, name="photo_thumbnail"),
]
