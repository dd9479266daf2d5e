from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("become-a-mentor/", views.mentor_apply, name="mentor_apply"),
    # The office
    path("", views.pairing_list, name="pairing_list"),
    path("export/", views.pairing_list_export, name="pairing_list_export"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/make/", views.proposals_make, name="proposals_make"),
    path("proposals/confirm-all/", views.proposals_confirm_all, name="proposals_confirm_all"),
    path("proposals/<int:pk>/mentor/", views.proposal_change, name="proposal_change"),
    path("mentors/", views.mentor_list, name="mentor_list"),
    path("mentors/export/", views.mentor_list_export, name="mentor_list_export"),
    path("mentors/<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("mentors/<int:pk>/training/", views.mentor_training, name="mentor_training"),
    path("mentees/", views.mentee_list, name="mentee_list"),
    path("mentees/export/", views.mentee_list_export, name="mentee_list_export"),
    path("mentees/new/", views.mentee_edit, name="mentee_create"),
    path("mentees/from-application/", views.mentee_from_application, name="mentee_enrol"),
    path("mentees/<int:pk>/", views.mentee_detail, name="mentee_detail"),
    path("mentees/<int:pk>/edit/", views.mentee_edit, name="mentee_edit"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<int:pk>/resolve/", views.issue_resolve, name="issue_resolve"),
    # Mentors
    path("my-mentees/", views.my_mentees, name="my_mentees"),
    path("pairs/<int:pk>/", views.pairing_detail, name="pairing_detail"),
    path("pairs/<int:pk>/meetings/", views.meeting_add, name="meeting_add"),
    path("issues/<int:pk>/escalate/", views.issue_escalate, name="issue_escalate"),
    # Mentees
    path("my-mentor/", views.my_mentor, name="my_mentor"),
    path("my-mentor/contact/", views.my_contact, name="my_contact"),
    path("pairs/<int:pk>/feedback/", views.feedback_add, name="feedback_add"),
    path("surveys/<int:pk>/", views.survey, name="survey"),
]
