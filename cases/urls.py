from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("export/", views.case_export, name="export"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/edit/", views.case_edit, name="edit"),
    path("<str:reference>/status/", views.case_transition, name="transition"),
    path("<str:reference>/archive/", views.case_archive, name="archive"),
    path("<str:reference>/unarchive/", views.case_unarchive, name="unarchive"),
    path("<str:reference>/interventions/new/", views.intervention_edit, name="intervention_create"),
    path("<str:reference>/interventions/<int:pk>/", views.intervention_edit, name="intervention_edit"),
    path("<str:reference>/review/", views.review_add, name="review"),
    path("<str:reference>/link/", views.case_link, name="link"),
    path("<str:reference>/share/", views.case_share, name="share"),
    path("<str:reference>/share/<int:user_id>/revoke/", views.case_revoke, name="revoke"),
    path("<str:reference>/history/", views.case_history_view, name="history"),
    path("<str:reference>/history/restore/", views.case_history_restore, name="history_restore"),
]
