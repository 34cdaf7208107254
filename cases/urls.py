from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/share/", views.case_share, name="share"),
    path("<str:reference>/share/<int:user_id>/revoke/", views.case_revoke, name="revoke"),
    path("<str:reference>/history/", views.case_history_view, name="history"),
]
