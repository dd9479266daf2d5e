from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("export/", views.project_list_export, name="project_list_export"),
    path("new/", views.project_edit, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/outputs/", views.output_add, name="output_add"),
    path("outputs/<int:pk>/delete/", views.output_delete, name="output_delete"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("grants/", views.grant_list, name="grant_list"),
    path("grants/new/", views.grant_edit, name="grant_create"),
    path("grants/<int:pk>/edit/", views.grant_edit, name="grant_edit"),
    path("scientists/", views.scientist_list, name="scientist_list"),
    path("scientists/export/", views.scientist_list_export, name="scientist_list_export"),
    path("scientists/import/", views.scientist_import, name="scientist_import"),
    path("scientists/new/", views.scientist_edit, name="scientist_create"),
    path("scientists/<int:pk>/", views.scientist_detail, name="scientist_detail"),
    path("scientists/<int:pk>/edit/", views.scientist_edit, name="scientist_edit"),
    path("scientists/<int:pk>/engagements/", views.engagement_add, name="engagement_add"),
    path("alumni/", views.alumni_list, name="alumni_list"),
    path("alumni/export/", views.alumni_list_export, name="alumni_list_export"),
    path("alumni/import/", views.alumni_import, name="alumni_import"),
    path("alumni/new/", views.alumnus_edit, name="alumnus_create"),
    path("alumni/<int:pk>/edit/", views.alumnus_edit, name="alumnus_edit"),
    path("<str:kind>/<int:pk>/remove/", views.person_remove, name="person_remove"),
]
