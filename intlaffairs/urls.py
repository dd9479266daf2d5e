"""The portal's URLs. Every page lives under a language prefix: /fa/, /en/, /ckb/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import report_views, views

# Django's admin sign-in form throttles nothing and asks for no second factor: use the portal's.
admin.site.login = views.admin_login

urlpatterns = [
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("ping/", views.ping, name="ping"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Outside the language prefix: a calendar program keeps the address, the owner's
    # preferred language decides the summaries.
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("search/", views.search_page, name="search"),
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
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", report_views.report_progress, name="report_progress"),
    path("reports/<int:pk>/download/", report_views.report_download, name="report_download"),
    path("reports/<int:pk>/retry/", report_views.report_retry, name="report_retry"),
    path("outbox/", report_views.outbox_list, name="outbox_list"),
    path("move/<str:model>/<int:pk>/<slug:transition>/", views.workflow_move, name="workflow_move"),
    path("upload-too-large/", views.upload_too_large, name="upload_too_large"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
