from django.urls import path

from evidence import content, views

app_name = "evidence"

urlpatterns = [
    path("case/<str:reference>/upload/", views.upload, name="upload"),
    path("case/<str:reference>/link/", views.link_add, name="link_add"),
    path("case/<str:reference>/bag/", views.bag_export, name="bag"),
    path("case/<str:reference>/content/<int:pk>/attach/", content.attach, name="content_attach"),
    path("case/<str:reference>/content/<int:pk>/check/", content.check_with_screenshot, name="content_check"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/collection/", views.collection_add, name="collection_add"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/<str:kind>.jpg", views.derivative, name="derivative"),
]
