from django.urls import path

from . import views

app_name = "website"

urlpatterns = [
    path("pages/<slug:slug>/", views.page, name="page"),
    path("news/", views.post_list, name="post_list"),
    path("news/rss/", views.rss, name="rss"),
    path("news/atom/", views.atom, name="atom"),
    path("news/<slug:slug>/", views.post, name="post"),
    path("contact/", views.contact, name="contact"),
    # The office
    path("site/", views.manage, name="manage"),
    path("site/pages/new/", views.page_edit, name="page_create"),
    path("site/pages/<int:pk>/edit/", views.page_edit, name="page_edit"),
    path("site/news/new/", views.post_edit, name="post_create"),
    path("site/news/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("site/contact/", views.inquiry_list, name="inquiry_list"),
]
