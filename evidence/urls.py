from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("case/<str:reference>/upload/", views.upload, name="upload"),
    path("<int:pk>/download/", views.download, name="download"),
]
