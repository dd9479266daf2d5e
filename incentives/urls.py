from django.urls import path

from . import views

app_name = "incentives"

urlpatterns = [
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("certificates/export/", views.certificate_list_export, name="certificate_list_export"),
    path("certificates/new/", views.certificate_create, name="certificate_create"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/file/", views.certificate_file, name="certificate_file"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/export/", views.claim_list_export, name="claim_list_export"),
    path("claims/new/", views.claim_create, name="claim_create"),
    path("claims/policy/", views.policy_edit, name="policy_edit"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/receipts/", views.claim_receipt, name="claim_receipt"),
    path("points/", views.points_list, name="points_list"),
    path("points/weights/", views.weights_edit, name="weights_edit"),
    path("points/<int:pk>/<int:year>/", views.points_statement, name="points_statement"),
    path("points/<int:pk>/<int:year>/adjust/", views.points_adjust, name="points_adjust"),
    path(
        "points/<int:pk>/<int:year>/pdf/", views.points_statement_pdf, name="points_statement_pdf"
    ),
]
