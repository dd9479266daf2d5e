from django.urls import path

from . import fee_views, interview_views, review_views, views

app_name = "students"

urlpatterns = [
    # Public
    path("programs/", views.program_list, name="program_list"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/apply/", views.program_apply, name="program_apply"),
    # Applicants
    path("my/", views.my_applications, name="my_applications"),
    path("my/new/", views.application_new, name="application_new"),
    path("my/<int:pk>/", views.my_application, name="my_application"),
    path("my/<int:pk>/receipt/", views.application_receipt, name="application_receipt"),
    path(
        "my/<str:reference>/",
        views.application_by_reference,
        name="application_by_reference",
    ),
    path("my/<int:pk>/step/<int:step>/", views.application_step, name="application_step"),
    path("my/<int:pk>/documents/", views.application_documents, name="application_documents"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path(
        "documents/earlier/<int:pk>/",
        views.earlier_document_download,
        name="earlier_document_download",
    ),
    # The office
    path("applications/", views.application_list, name="application_list"),
    path("applications/export/", views.application_list_export, name="application_list_export"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/arrival/", views.arrival_checklist, name="arrival_checklist"),
    path("applications/<int:pk>/notes/", views.note_add, name="note_add"),
    path(
        "applications/<int:pk>/letter/<slug:kind>/",
        views.application_letter,
        name="application_letter",
    ),
    path(
        "applications/<int:pk>/interviews/",
        interview_views.interview_list,
        name="interview_list",
    ),
    path(
        "interviews/<int:pk>/change/",
        interview_views.interview_change,
        name="interview_change",
    ),
    path(
        "interviews/<int:pk>/report/",
        interview_views.interview_report,
        name="interview_report",
    ),
    path("manage/programs/", views.program_manage, name="program_manage"),
    path("manage/programs/export/", views.program_list_export, name="program_list_export"),
    path("manage/programs/import/", views.program_import, name="program_import"),
    path("manage/programs/new/", views.program_edit, name="program_create"),
    path("manage/programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path(
        "manage/programs/<int:pk>/criteria/",
        review_views.program_criteria,
        name="program_criteria",
    ),
    # Faculty reviewers
    path("reviews/", review_views.review_list, name="review_list"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/conflict/", review_views.review_conflict, name="review_conflict"),
    # Fees and the ministry's list
    path("manage/fees/", fee_views.fee_schedule_list, name="fee_schedule_list"),
    path("manage/fees/new/", fee_views.fee_schedule_edit, name="fee_schedule_create"),
    path("manage/fees/<int:pk>/edit/", fee_views.fee_schedule_edit, name="fee_schedule_edit"),
    path("finance/", fee_views.invoice_list, name="invoice_list"),
    path("finance/export/", fee_views.invoice_list_export, name="invoice_list_export"),
    path("finance/ministry/", fee_views.ministry_export, name="ministry_export"),
    path("applications/<int:pk>/invoices/", fee_views.invoice_issue, name="invoice_issue"),
    path("invoices/<int:pk>/", fee_views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/payments/", fee_views.payment_confirm, name="payment_confirm"),
    path("invoices/<int:pk>/grants/", fee_views.allowance_grant, name="allowance_grant"),
    path("my/invoices/<int:pk>/transfers/", fee_views.transfer_upload, name="transfer_upload"),
    path("transfers/<int:pk>/", fee_views.transfer_download, name="transfer_download"),
    path("agents/", views.agent_list, name="agent_list"),
    path("agents/new/", views.agent_edit, name="agent_create"),
    path("agents/<int:pk>/", views.agent_detail, name="agent_detail"),
    path("agents/<int:pk>/edit/", views.agent_edit, name="agent_edit"),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("procedures/new/", views.procedure_edit, name="procedure_create"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure_detail"),
    path("procedures/<int:pk>/edit/", views.procedure_edit, name="procedure_edit"),
    path("procedures/<int:pk>/versions/", views.version_add, name="version_add"),
    path("procedures/versions/<int:pk>/", views.version_download, name="version_download"),
    path("procedures/<int:pk>/reviews/", views.review_add, name="review_add"),
    path("recognition/", views.issue_list, name="issue_list"),
    path("recognition/new/", views.issue_edit, name="issue_create"),
    path("recognition/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("recognition/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    path("recognition/<int:pk>/letters/", views.letter_add, name="letter_add"),
    path("recognition/letters/<int:pk>/", views.letter_download, name="letter_download"),
]
