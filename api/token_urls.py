from django.urls import path

from api import token_views

app_name = "tokens"

urlpatterns = [
    path("", token_views.token_create, name="create"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]
