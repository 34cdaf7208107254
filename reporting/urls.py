from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("compose/<str:kind>/", views.compose, name="compose"),
    path("case/<str:reference>/case-file/", views.case_file, name="case_file"),
    path("jobs/<uuid:pk>/", views.job_status, name="job"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job_download"),
]
