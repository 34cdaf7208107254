from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_index, name="index"),
    path("<uuid:pk>/", views.import_detail, name="detail"),
    path("<uuid:pk>/map/", views.import_map, name="map"),
    path("<uuid:pk>/refused.csv", views.import_refused, name="refused"),
]
