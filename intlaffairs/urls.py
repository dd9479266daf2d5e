"""The portal's URLs. Every page lives under a language prefix: /fa/, /en/, /ckb/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from website.views import sitemap

from . import document_views, report_views, thread_views, views

# Django's admin sign-in form throttles nothing and asks for no second factor: use the portal's.
admin.site.login = views.admin_login

urlpatterns = [
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("ping/", views.ping, name="ping"),
    path("favicon.ico", views.favicon, name="favicon"),
    # One sitemap for every language: each page is listed with its alternates.
    path("sitemap.xml", sitemap, name="sitemap"),
    # Outside the language prefix: a calendar program keeps the address, the owner's
    # preferred language decides the summaries.
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("desk/", views.desk, name="desk"),
    path("desk/count/", views.desk_count, name="desk_count"),
    path("search/", views.search_page, name="search"),
    path("profile/", views.profile, name="profile"),
    path("calendar/", views.calendar_page, name="calendar_page"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:model>/<int:pk>.ics", views.record_calendar, name="record_calendar"),
    path("agreements/", include("agreements.urls")),
    path("research/", include("research.urls")),
    path("incentives/", include("incentives.urls")),
    path("students/", include("students.urls")),
    path("exchanges/", include("exchanges.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("strategy/", include("strategy.urls")),
    path("", include("website.urls")),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", report_views.report_progress, name="report_progress"),
    path("reports/<int:pk>/download/", report_views.report_download, name="report_download"),
    path("reports/<int:pk>/retry/", report_views.report_retry, name="report_retry"),
    path("outbox/", report_views.outbox_list, name="outbox_list"),
    path("verify/", document_views.document_verify, name="document_verify"),
    path("verify/<str:code>/", document_views.document_verify_code, name="document_verify_code"),
    path("documents/", document_views.document_list, name="document_list"),
    path("documents/letterhead/", document_views.letterhead_edit, name="letterhead_edit"),
    path("documents/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("documents/<int:pk>/revoke/", document_views.document_revoke, name="document_revoke"),
    path("documents/<int:pk>/reissue/", document_views.document_reissue, name="document_reissue"),
    path(
        "documents/<int:pk>/download/", document_views.document_download, name="document_download"
    ),
    path("move/<str:model>/<int:pk>/<slug:transition>/", views.workflow_move, name="workflow_move"),
    path("messages/", thread_views.thread_list, name="thread_list"),
    path("messages/files/<int:pk>/", thread_views.message_attachment, name="message_attachment"),
    path("messages/replies/", thread_views.saved_reply_list, name="saved_reply_list"),
    path("messages/replies/new/", thread_views.saved_reply_edit, name="saved_reply_create"),
    path("messages/replies/<int:pk>/edit/", thread_views.saved_reply_edit, name="saved_reply_edit"),
    path("messages/<str:model>/<int:pk>/", thread_views.thread, name="thread"),
    path(
        "messages/<str:model>/<int:pk>/reply-text/",
        thread_views.thread_reply_text,
        name="thread_reply_text",
    ),
    path("move/<str:model>/selected/", views.workflow_bulk, name="workflow_bulk"),
    path("upload-too-large/", views.upload_too_large, name="upload_too_large"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
