from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("goals/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/indicators/", views.indicator_add, name="indicator_add"),
    path("goals/<int:pk>/figures/", views.figure_set, name="figure_set"),
    path("goals/<int:pk>/actions/", views.action_add, name="action_add"),
    path("goals/<int:pk>/reviews/", views.review_add, name="review_add"),
    path("actions/", views.action_list, name="action_list"),
    path("boards/", views.boards, name="boards"),
    path("boards/new/", views.board_add, name="board_add"),
    path("boards/<int:pk>/", views.board_edit, name="board_edit"),
    path("boards/<int:pk>/pdf/", views.board_pdf, name="board_pdf"),
    path("report/", views.annual_report, name="annual_report"),
    # Above the registers' <slug:kind> patterns, where "plans" is also a kind.
    path("plans/<int:pk>/file/", views.plan_file, name="plan_file"),
    path("<slug:kind>/", views.register, name="register"),
    path("<slug:kind>/new/", views.register_edit, name="register_create"),
    path("<slug:kind>/<int:pk>/", views.register_edit, name="register_edit"),
]
