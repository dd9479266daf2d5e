from django.urls import path

from . import views

app_name = "exchanges"

urlpatterns = [
    path("mobilities/", views.mobility_list, name="mobility_list"),
    path("mobilities/export/", views.mobility_list_export, name="mobility_list_export"),
    path("mobilities/new/", views.mobility_edit, name="mobility_create"),
    path("mobilities/<int:pk>/", views.mobility_detail, name="mobility_detail"),
    path("mobilities/<int:pk>/edit/", views.mobility_edit, name="mobility_edit"),
    path("mobilities/<int:pk>/report/", views.mobility_report_upload, name="mobility_report"),
    path(
        "mobilities/<int:pk>/report/file/",
        views.mobility_report_download,
        name="mobility_report_download",
    ),
    # Short courses: public, applicants, the office
    path("courses/", views.course_list, name="course_list"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/apply/", views.course_apply, name="course_apply"),
    path("certificates/verify/", views.certificate_verify, name="certificate_verify"),
    path("my-courses/", views.my_courses, name="my_courses"),
    path(
        "course-documents/<int:pk>/",
        views.course_document_download,
        name="course_document_download",
    ),
    path(
        "certificates/<int:pk>/<str:language>/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("courses/manage/", views.course_manage, name="course_manage"),
    path("courses/manage/export/", views.course_list_export, name="course_list_export"),
    path("courses/new/", views.course_edit, name="course_create"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/applications/", views.course_applications, name="course_applications"),
    path(
        "courses/<int:pk>/applications/export/",
        views.course_applicants_export,
        name="course_applicants_export",
    ),
    path("courses/<int:pk>/certificates/", views.certificates_issue, name="certificates_issue"),
    path(
        "course-applications/<int:pk>/attendance/",
        views.attendance_record,
        name="attendance_record",
    ),
    # Delegations
    path("delegations/", views.delegation_list, name="delegation_list"),
    path("delegations/export/", views.delegation_list_export, name="delegation_list_export"),
    path("delegations/new/", views.delegation_edit, name="delegation_create"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation_detail"),
    path("delegations/<int:pk>/edit/", views.delegation_edit, name="delegation_edit"),
    path("delegations/<int:pk>/members/", views.member_add, name="member_add"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("delegations/<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
]
