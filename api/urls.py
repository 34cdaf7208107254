from django.urls import path

from api import records, schema, views, writes

app_name = "api"

urlpatterns = [
    path("schema/", schema.schema_page, name="schema"),
    path("cases/", writes.CaseListCreate.as_view(), name="cases"),
    path("cases/<str:reference>/", writes.CaseDetailUpdate.as_view(), name="case"),
    path("cases/<str:reference>/violations/", records.Violations.as_view(), name="violations"),
    path("cases/<str:reference>/violations/<int:pk>/", records.ViolationDetail.as_view(), name="violation"),
    path("cases/<str:reference>/persons/", records.Persons.as_view(), name="persons"),
    path("cases/<str:reference>/persons/<int:pk>/", records.PersonDetail.as_view(), name="person"),
    path("cases/<str:reference>/interventions/", records.Interventions.as_view(), name="interventions"),
    path("cases/<str:reference>/interventions/<int:pk>/", records.InterventionDetail.as_view(), name="intervention"),
    path("cases/<str:reference>/evidence/", records.Evidence.as_view(), name="evidence"),
    path("cases/<str:reference>/evidence/files/", writes.EvidenceFileCreate.as_view(), name="evidence_file_add"),
    path("cases/<str:reference>/evidence/links/", writes.EvidenceLinkCreate.as_view(), name="evidence_link_add"),
    path("cases/<str:reference>/links/", views.CaseLinkList.as_view(), name="links"),
    path("evidence/<int:pk>/", views.EvidenceDetail.as_view(), name="evidence_item"),
    path("evidence/<int:pk>/download/", views.EvidenceDownload.as_view(), name="evidence_download"),
    path("actors/", views.ActorList.as_view(), name="actors"),
    path("taxonomies/", views.TaxonomyList.as_view(), name="taxonomies"),
    path("reports/", views.ReportList.as_view(), name="reports"),
    path("reports/<int:pk>/download/", views.ReportDownload.as_view(), name="report_download"),
    path("jobs/<uuid:pk>/", views.JobDetail.as_view(), name="job"),
    path("statistics/", views.Statistics.as_view(), name="statistics"),
]
