from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("new/", views.agreement_create, name="agreement_create"),
    path("new/signed/", views.agreement_create_signed, name="agreement_create_signed"),
    path("import/", views.agreement_import, name="agreement_import"),
    path("export/list/", views.agreement_list_export, name="agreement_list_export"),
    path("<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/renew/", views.agreement_renew, name="agreement_renew"),
    path("<int:pk>/sheet/", views.agreement_sheet, name="agreement_sheet"),
    path("<int:pk>/files/", views.signed_file_upload, name="signed_file_upload"),
    path("<int:pk>/quotas/", views.quota_add, name="quota_add"),
    path("files/<int:pk>/", views.signed_file_download, name="signed_file_download"),
    path("quotas/<int:pk>/delete/", views.quota_delete, name="quota_delete"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/export/", views.institution_list_export, name="institution_list_export"),
    path("institutions/import/", views.institution_import, name="institution_import"),
    path("institutions/search/", views.institution_search, name="institution_search"),
    path("institutions/quick-add/", views.institution_quick_add, name="institution_quick_add"),
    path("institutions/new/", views.institution_edit, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("institutions/<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
]
