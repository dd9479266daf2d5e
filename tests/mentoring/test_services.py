"""The mentoring services one rule at a time: who may do what, the exact message each refusal
gives (the page shows it as it is), and what a change saves and whom it tells."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlaffairs.models import OutgoingMail, Unit
from intlaffairs.roles import Role
from mentoring import matching, services
from mentoring.forms import ContactConsentForm
from mentoring.models import Issue, Meeting, Mentee, Mentor, Pairing, Survey

from .test_mentoring import make_mentee, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return Unit.objects.get_or_create(name_en="School of Medicine", defaults={"name_fa": "پزشکی"})[
        0
    ]


@pytest.fixture
def dentistry():
    return Unit.objects.get_or_create(name_en="School of Dentistry", defaults={"name_fa": "دندان"})[
        0
    ]


def refused(message: str):
    """pytest.raises for this one message exactly, not for one that merely contains it."""
    return pytest.raises(ValidationError, match=f"^{re.escape(repr([message]))}$")


def active_pair(make_user, school, **mentee) -> Pairing:
    return Pairing.objects.create(
        mentor=make_mentor(make_user, school),
        mentee=make_mentee(school, **mentee),
        status="active",
        confirmed_at=timezone.now(),
    )


# --- Proposing pairs


def test_a_proposal_is_saved_with_its_score_and_reasons(make_user, school, officer):
    make_mentor(make_user, school, capacity=2, languages=("en",))
    make_mentee(school, languages=["ar", "en"])
    services.propose_matches(by=officer)
    saved = Pairing.objects.get()
    # The same school and a shared language, and two free places.
    expected = (
        matching.BASE
        + matching.SAME_SCHOOL
        + matching.SHARED_LANGUAGE
        + 2 * matching.PER_FREE_PLACE
    )
    assert (saved.status, saved.score, saved.reasons) == (
        "proposed",
        expected,
        ["school", "language"],
    )


def test_a_mentor_with_a_mentee_already_comes_after_one_without(make_user, school, officer):
    # The busy mentor has one more free place, which scores a little more; the mentee they
    # already have costs more than that, so the mentor who has no mentee yet is proposed.
    busy = make_mentor(make_user, school, capacity=4)
    Pairing.objects.create(mentor=busy, mentee=make_mentee(school, "Earlier"), status="active")
    idle = make_mentor(make_user, school, capacity=2)
    mentee = make_mentee(school, "New")
    (proposal,) = services.propose_matches(by=officer)
    assert (proposal.mentee, proposal.mentor) == (mentee, idle)


def test_proposing_reads_the_mentors_languages_in_one_query(make_user, school, officer):
    make_mentor(make_user, school)
    make_mentee(school)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            services.propose_matches(by=officer)
        return len(captured)

    services.propose_matches(by=officer)  # each run then redoes one earlier proposal
    few = queries()
    for _n in range(3):
        make_mentor(make_user, school)
    assert queries() == few


def test_a_proposal_changed_to_another_mentor_saves_the_new_score_and_reasons(
    make_user, school, dentistry
):
    first = make_mentor(make_user, dentistry, languages=("fa",))
    second = make_mentor(make_user, school, capacity=3, languages=("en",))
    mentee = make_mentee(school, languages=["ar", "en"])
    proposal = Pairing.objects.create(mentor=first, mentee=mentee, score=5, reasons=[])
    changed = services.proposal_change_mentor(pairing=proposal, mentor=second)
    expected = (
        matching.BASE
        + matching.SAME_SCHOOL
        + matching.SHARED_LANGUAGE
        + 3 * matching.PER_FREE_PLACE
    )
    saved = Pairing.objects.get(pk=proposal.pk)
    for pairing in (changed, saved):
        assert (pairing.mentor, pairing.score, pairing.reasons) == (
            second,
            expected,
            ["school", "language"],
        )
    assert saved.status == "proposed"


def test_only_a_proposal_changes_mentor_and_only_to_an_approved_mentor_with_room(make_user, school):
    mentee = make_mentee(school, gender_preference="female")
    proposal = Pairing.objects.create(mentor=make_mentor(make_user, school), mentee=mentee)
    active = active_pair(make_user, school, name="Omar")
    other = make_mentor(make_user, school)
    with refused("Only a proposed pairing can be changed."):
        services.proposal_change_mentor(pairing=active, mentor=other)
    Mentor.objects.filter(pk=other.pk).update(status="applied")
    with refused("This mentor is not approved."):
        services.proposal_change_mentor(pairing=proposal, mentor=other)
    full = make_mentor(make_user, school, capacity=1)
    Pairing.objects.create(mentor=full, mentee=make_mentee(school, "Taken"), status="active")
    with refused("This mentor has no free place."):
        services.proposal_change_mentor(pairing=proposal, mentor=full)
    man = make_mentor(make_user, school, gender="male")
    with refused("The mentee asked for a mentor of the other gender."):
        services.proposal_change_mentor(pairing=proposal, mentor=man)
    assert Pairing.objects.get(pk=proposal.pk).mentor == proposal.mentor


def test_confirm_all_counts_the_confirmed_the_skipped_and_says_why_one_was_refused(
    make_user, school, dentistry, officer
):
    roomy = make_mentor(make_user, school, capacity=3)
    for name in ("First", "Second"):
        Pairing.objects.create(mentor=roomy, mentee=make_mentee(school, name))
    Pairing.objects.create(mentor=roomy, mentee=make_mentee(dentistry, "Other field"))
    full = make_mentor(make_user, school, capacity=1)
    Pairing.objects.create(mentor=full, mentee=make_mentee(school, "Taken"), status="active")
    waiting = Pairing.objects.create(mentor=full, mentee=make_mentee(school, "Waiting"))
    assert services.proposals_confirm_all(by=officer) == (
        2,
        1,
        [f"{waiting}: This mentor has no free place."],
    )
    statuses = dict(Pairing.objects.values_list("mentee__name", "status"))
    assert statuses == {
        "First": "active",
        "Second": "active",
        "Other field": "proposed",
        "Taken": "active",
        "Waiting": "proposed",
    }


# --- Meetings and issues


def test_only_the_mentor_logs_a_meeting_and_not_in_the_future(make_user, school):
    pairing = active_pair(make_user, school)
    today = {"date": timezone.localdate(), "minutes": 30, "topics": "x"}
    with refused("Only the mentor logs meetings."):
        services.meeting_log(pairing=pairing, data=today, issues=[], by=make_user(Role.MENTOR))
    tomorrow = {**today, "date": timezone.localdate() + timedelta(days=1)}
    with refused("A meeting cannot be in the future."):
        services.meeting_log(pairing=pairing, data=tomorrow, issues=[], by=pairing.mentor.user)
    Pairing.objects.filter(pk=pairing.pk).update(status="ended")
    pairing.refresh_from_db()
    with refused("Meetings are logged for active pairings."):
        services.meeting_log(pairing=pairing, data=today, issues=[], by=pairing.mentor.user)
    assert not Meeting.objects.exists()


def test_a_meeting_keeps_each_issue_with_its_category(make_user, school, officer):
    pairing = active_pair(make_user, school)
    meeting = services.meeting_log(
        pairing=pairing,
        data={"date": timezone.localdate(), "minutes": 30, "topics": "x"},
        issues=[("housing", "No room", False), ("residence", "The permit expires", True)],
        by=pairing.mentor.user,
    )
    issues = meeting.issues.order_by("pk")
    assert [(i.category, i.description, bool(i.escalated_at)) for i in issues] == [
        ("housing", "No room", False),
        ("residence", "The permit expires", True),
    ]


def test_only_the_mentor_escalates_and_the_office_reads_what_about(make_user, school, officer):
    officer.preferred_language = "en"
    officer.save()
    pairing = active_pair(make_user, school)
    issue = Issue.objects.create(pairing=pairing, category="housing", description="No room")
    with refused("Only the mentor escalates the pairing's issues."):
        services.issue_escalate(issue=issue, by=make_user(Role.MENTOR))
    assert not OutgoingMail.objects.exists()
    services.issue_escalate(issue=issue, by=pairing.mentor.user)
    mail = OutgoingMail.objects.get(to=officer.email)
    assert mail.subject == "A mentor asks for help: Housing"
    assert f"The mentor of {pairing} asks the office for help (Housing): No room" in mail.body_text


def test_resolving_an_issue_says_what_the_office_did(make_user, school, officer):
    issue = Issue.objects.create(
        pairing=active_pair(make_user, school), category="housing", description="No room"
    )
    with refused("Say what the office did."):
        services.issue_resolve(issue=issue, resolution="  ", by=officer)
    issue.refresh_from_db()
    assert issue.resolved_at is None and issue.resolution == ""


# --- The mentee's contact, closing surveys


def test_only_the_mentee_decides_what_their_mentor_sees(make_user, school):
    mentee = make_mentee(school, user=make_user(Role.APPLICANT), phone="+964 750 123 4567")
    form = ContactConsentForm({"phone": mentee.phone, "share_phone": "on"}, instance=mentee)
    assert form.is_valid()
    with refused("Only the mentee decides what their mentor sees."):
        services.mentee_contact_consent(form=form, by=make_user(Role.APPLICANT))
    assert not Mentee.objects.get(pk=mentee.pk).share_phone


def test_a_survey_is_answered_once_and_only_by_its_respondent(make_user, school):
    pairing = active_pair(make_user, school)
    survey = Survey.objects.create(pairing=pairing, side="mentor", respondent=pairing.mentor.user)
    with refused("This survey is someone else's."):
        services.survey_answer(survey=survey, data={"rating": 1}, by=make_user(Role.MENTOR))
    services.survey_answer(survey=survey, data={"rating": 4}, by=pairing.mentor.user)
    with refused("You have already answered; thank you."):
        services.survey_answer(survey=survey, data={"rating": 2}, by=pairing.mentor.user)
    assert Survey.objects.get(pk=survey.pk).rating == 4
