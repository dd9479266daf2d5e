from django.urls import path

from . import views

app_name = "incentives"

urlpatterns = [
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("certificates/new/", views.certificate_create, name="certificate_create"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/file/", views.certificate_file, name="certificate_file"),
    path("certificates/<int:pk>/verify/", views.certificate_verify, name="certificate_verify"),
]
