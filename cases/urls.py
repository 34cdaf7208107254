from django.urls import path

from cases import content_views, home_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("export/", views.case_export, name="export"),
    path("due/<slug:section>/", home_views.due_list, name="due"),
    path("escalations/", content_views.escalation_list, name="escalations"),
    path("escalations/new/", content_views.escalation_create, name="escalation_create"),
    path("escalations/<int:pk>/", content_views.escalation_detail, name="escalation_detail"),
    path("escalations/<int:pk>/send/", content_views.escalation_send, name="escalation_send"),
    path("escalations/<int:pk>/csv/", content_views.escalation_csv, name="escalation_csv"),
    path(
        "escalations/<int:pk>/items/<int:entry_pk>/answer/", content_views.escalation_answer, name="escalation_answer"
    ),
    path(
        "escalations/<int:pk>/items/<int:entry_pk>/appeal/", content_views.escalation_appeal, name="escalation_appeal"
    ),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/edit/", views.case_edit, name="edit"),
    path("<str:reference>/status/", views.case_transition, name="transition"),
    path("<str:reference>/archive/", views.case_archive, name="archive"),
    path("<str:reference>/unarchive/", views.case_unarchive, name="unarchive"),
    path("<str:reference>/interventions/new/", views.intervention_edit, name="intervention_create"),
    path("<str:reference>/interventions/<int:pk>/", views.intervention_edit, name="intervention_edit"),
    path("<str:reference>/content/new/", content_views.content_create, name="content_create"),
    path("<str:reference>/content/<int:pk>/", content_views.content_detail, name="content_detail"),
    path("<str:reference>/content/<int:pk>/edit/", content_views.content_edit, name="content_edit"),
    path("<str:reference>/content/<int:pk>/status/", content_views.content_status, name="content_status"),
    path("<str:reference>/content/<int:pk>/recheck/", content_views.content_recheck, name="content_recheck"),
    path("<str:reference>/review/", views.review_add, name="review"),
    path("<str:reference>/link/", views.case_link, name="link"),
    path("<str:reference>/share/", views.case_share, name="share"),
    path("<str:reference>/share/<int:user_id>/revoke/", views.case_revoke, name="revoke"),
    path("<str:reference>/history/", views.case_history_view, name="history"),
    path("<str:reference>/history/restore/", views.case_history_restore, name="history_restore"),
]
