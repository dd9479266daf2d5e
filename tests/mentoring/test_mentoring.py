"""Peer mentoring: the optimal matching (against brute force), capacity, privacy of pairs,
meetings and escalation, the check-in reminder, closing surveys, the report."""

import itertools
import random
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from intlaffairs import workflow
from intlaffairs.models import OutgoingMail, StateChange, Unit
from intlaffairs.roles import Role
from mentoring import matching, services
from mentoring.models import (
    CheckInReminder,
    Issue,
    Meeting,
    Mentee,
    Mentor,
    MentorLanguage,
    Pairing,
    Survey,
)
from tests.queries import warm

# --- The assignment, without the database


def brute_force(mentors, mentees) -> int:
    """The best objective over every assignment (each mentee to a mentor or to nobody)."""
    best = 0
    options = [None, *(mentor.key for mentor in mentors)]
    by_key = {mentor.key: mentor for mentor in mentors}
    for choice in itertools.product(options, repeat=len(mentees)):
        counts: dict[int, int] = {}
        chosen = {}
        feasible = True
        for mentee, mentor_key in zip(mentees, choice, strict=True):
            if mentor_key is None:
                continue
            counts[mentor_key] = counts.get(mentor_key, 0) + 1
            allowed = matching.pair_score(by_key[mentor_key], mentee).allowed
            if counts[mentor_key] > by_key[mentor_key].free or not allowed:
                feasible = False
                break
            chosen[mentee.key] = mentor_key
        if feasible:
            best = max(best, matching.total(mentors, mentees, chosen))
    return best


people = st.tuples(
    st.sampled_from([None, 1, 2]),  # program
    st.sampled_from([10, 20]),  # school
    st.frozensets(st.sampled_from(["fa", "ar", "en", "tr"]), max_size=2),
    st.sampled_from(["female", "male"]),
)


@settings(max_examples=60, deadline=None)
@given(
    mentor_rows=st.lists(
        st.tuples(people, st.integers(0, 2), st.integers(0, 1)), min_size=1, max_size=3
    ),
    mentee_rows=st.lists(
        st.tuples(people, st.sampled_from(["", "female", "male"])), min_size=1, max_size=4
    ),
)
def test_the_assignment_is_optimal_and_within_capacity(mentor_rows, mentee_rows):
    mentors = [
        matching.MentorInfo(n, p[0], p[1], p[2], p[3], free=free, load=load)
        for n, (p, free, load) in enumerate(mentor_rows)
    ]
    mentees = [
        matching.MenteeInfo(100 + n, p[0], p[1], p[2], preference)
        for n, (p, preference) in enumerate(mentee_rows)
    ]
    result = matching.assign(mentors, mentees)
    chosen = {mentee: mentor for mentee, (mentor, _scored) in result.items()}
    for mentor in mentors:
        assert list(chosen.values()).count(mentor.key) <= mentor.free
    for _mentor_key, scored in result.values():
        assert scored.allowed  # never against the mentee's gender preference
    assert matching.total(mentors, mentees, chosen) == brute_force(mentors, mentees)


def test_the_assignment_beats_the_greedy_choice():
    # Greedy gives the first mentee their best mentor (A) and leaves the second, who wishes
    # for a woman, without one; the optimum pairs the first with B and the second with A.
    a = matching.MentorInfo(1, 7, 10, frozenset({"ar"}), "female", free=1)
    b = matching.MentorInfo(2, 8, 10, frozenset({"ar"}), "male", free=1)
    first = matching.MenteeInfo(11, 7, 10, frozenset({"ar"}), "")
    second = matching.MenteeInfo(12, None, 10, frozenset(), "female")
    result = matching.assign([a, b], [first, second])
    assert result[11][0] == 2 and result[12][0] == 1


def test_an_even_load_is_preferred():
    mentors = [
        matching.MentorInfo(key, None, 10, frozenset({"en"}), "female", free=3) for key in (1, 2)
    ]
    mentees = [matching.MenteeInfo(10 + n, None, 10, frozenset({"en"}), "") for n in range(4)]
    result = matching.assign(mentors, mentees)
    loads = sorted(list(m for m, _s in result.values()).count(k) for k in (1, 2))
    assert loads == [2, 2]


def test_a_pair_scores_the_same_program_school_language_wish_and_free_places():
    mentor = matching.MentorInfo(1, 7, 10, frozenset({"ar", "en"}), "female", free=3)
    wished = matching.MenteeInfo(2, 7, 10, frozenset({"ar"}), "female")
    everything = matching.pair_score(mentor, wished)
    assert everything.reasons == ["program", "school", "language", "gender"]
    assert everything.score == 1 + 50 + 20 + 15 + 10 + 2 * 3
    assert everything.allowed
    nothing = matching.pair_score(mentor, matching.MenteeInfo(3, 8, 11, frozenset({"tr"}), ""))
    assert (nothing.score, nothing.reasons) == (1 + 2 * 3, [])
    # No program on either side is not "the same program".
    programless = matching.MentorInfo(4, None, 10, frozenset(), "male", free=0)
    alike = matching.pair_score(programless, matching.MenteeInfo(5, None, 10, frozenset(), ""))
    assert (alike.score, alike.reasons) == (1 + 20, ["school"])


def test_a_wish_for_the_other_gender_rules_the_pair_out():
    mentor = matching.MentorInfo(1, 7, 10, frozenset({"ar"}), "male", free=2)
    wished = matching.MenteeInfo(2, 7, 10, frozenset({"ar"}), "female")
    ruled_out = matching.pair_score(mentor, wished)
    assert (ruled_out.score, ruled_out.reasons) == (matching.FORBIDDEN, ["gender"])
    assert not ruled_out.allowed
    assert matching.Scored(matching.FORBIDDEN + 1).allowed
    mentee = matching.MenteeInfo(2, 7, 10, frozenset({"ar"}), "female")
    assert matching.assign([mentor], [mentee]) == {}


def test_each_further_mentee_of_a_mentor_is_worth_a_little_less():
    busy = matching.MentorInfo(1, None, 10, frozenset(), "female", free=2, load=3)
    assert matching.slot_value(100, busy, 0) == 100 - 4 * 3
    assert matching.slot_value(100, busy, 1) == 100 - 4 * 4
    assert matching.coverage_bonus(3) == matching.SCORE_RANGE * 4


def test_the_assignment_names_each_mentees_mentor_and_why():
    mentor = matching.MentorInfo(1, 7, 10, frozenset({"ar"}), "female", free=1)
    full = matching.MentorInfo(2, 7, 10, frozenset({"ar"}), "female", free=0)
    mentee = matching.MenteeInfo(11, 7, 10, frozenset({"ar"}), "")
    other = matching.MenteeInfo(12, None, 10, frozenset(), "")
    result = matching.assign([full, mentor], [mentee, other])
    assert set(result) == {11}  # one place: the better-matched mentee takes it
    key, scored = result[11]
    assert key == 1
    assert scored.reasons == ["program", "school", "language"]
    assert matching.assign([full], [mentee]) == {}
    assert matching.assign([mentor], []) == {}
    overfull = matching.MentorInfo(3, 7, 10, frozenset(), "male", free=-1)
    assert matching.assign([overfull], [mentee]) == {}


def test_the_objective_counts_each_matched_mentee_then_the_slot_values():
    a = matching.MentorInfo(1, 7, 10, frozenset({"ar"}), "female", free=2, load=1)
    b = matching.MentorInfo(2, None, 11, frozenset(), "male", free=1)
    first = matching.MenteeInfo(11, 7, 10, frozenset({"ar"}), "")  # 1+50+20+15+4 = 90 with a
    second = matching.MenteeInfo(12, None, 10, frozenset(), "")  # 1+20+4 = 25 with a
    bonus = matching.coverage_bonus(3)
    mentees = [first, second, matching.MenteeInfo(13, None, 12, frozenset(), "")]
    # a's best mentee takes a's next slot (load 1: -4), the other the one after (-8)
    assert matching.total([a, b], mentees, {11: 1, 12: 1}) == 2 * bonus + (90 - 4) + (25 - 8)
    assert matching.total([a, b], mentees, {12: 1, 11: 1}) == 2 * bonus + (90 - 4) + (25 - 8)
    assert matching.total([a, b], mentees, {11: 2}) == bonus + (1 + 2)
    assert matching.total([a, b], mentees, {}) == 0


# --- With the database

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return Unit.objects.get_or_create(name_en="School of Medicine", defaults={"name_fa": "پزشکی"})[
        0
    ]


def make_mentor(make_user, school, *, capacity=2, gender="female", languages=("fa", "en")):
    person = make_user(Role.MENTOR)
    mentor = Mentor.objects.create(
        user=person,
        unit=school,
        year_of_study=4,
        gender=gender,
        capacity=capacity,
        status="approved",
    )
    for code in languages:
        MentorLanguage.objects.create(mentor=mentor, language=code, level="fluent")
    return mentor


def move_url(record, transition: str) -> str:
    return reverse("workflow_move", args=[record._meta.label_lower, record.pk, transition])


def make_mentee(school, name="Amina", **kwargs) -> Mentee:
    defaults = {"unit": school, "gender": "female", "languages": ["ar", "en"]}
    return Mentee.objects.create(name=name, **{**defaults, **kwargs})


def test_proposals_respect_capacity_and_confirmation_tells_both(make_user, school, officer):
    mentor = make_mentor(make_user, school, capacity=2)
    mentee_user = make_user(Role.APPLICANT, preferred_language="en")
    # Only the first mentee shares a language with the mentor, so it is sure to be paired.
    mentees = [make_mentee(school, f"Mentee {n}", languages=["ar"]) for n in range(3)]
    mentees[0].user = mentee_user
    mentees[0].languages = ["ar", "en"]
    mentees[0].save()
    proposals = services.propose_matches(by=officer)
    assert len(proposals) == 2 and all(p.mentor == mentor for p in proposals)
    assert mentees[0] in [p.mentee for p in proposals]
    assert services.unmatched_mentees().count() == 1
    for pairing in proposals:
        workflow.move(pairing, "confirm", by=officer)
    assert mentor.pairings.filter(status="active").count() == 2
    # A second run finds no free place for the third mentee.
    assert services.propose_matches(by=officer) == []
    assert OutgoingMail.objects.filter(to=mentor.user.email).count() == 2
    mail = OutgoingMail.objects.get(to=mentee_user.email)
    assert mail.language == "en" and mentor.user.email in mail.body_text


def test_the_office_sees_approved_mentors_with_their_load_and_the_unmatched_mentees(
    make_user, school
):
    mentor = make_mentor(make_user, school, capacity=5)
    applied = make_mentor(make_user, school)
    Mentor.objects.filter(pk=applied.pk).update(status="applied")
    mentees = {status: make_mentee(school, status) for status in ("active", "proposed", "ended")}
    for status, mentee in mentees.items():
        Pairing.objects.create(mentor=mentor, mentee=mentee, status=status)
    alone = make_mentee(school, "Alone")
    # An ended pair takes no place; an applied mentor is not offered.
    assert [(m, m.load) for m in services.available_mentors()] == [(mentor, 2)]
    assert set(services.unmatched_mentees()) == {mentees["ended"], alone}


@pytest.mark.parametrize("shared", ["program", "unit"])
def test_a_proposal_prefers_the_same_program_then_school_to_an_even_load(
    make_user, school, officer, shared
):
    from ..students.helpers import make_program

    other_school = Unit.objects.create(name_en="School of Dentistry", name_fa="دندانپزشکی")
    program = make_program() if shared == "program" else None
    same = make_mentor(make_user, school, capacity=3)
    different = make_mentor(make_user, other_school if shared == "unit" else school, capacity=3)
    Mentor.objects.filter(pk=same.pk).update(program=program)
    if shared == "program":
        Mentor.objects.filter(pk=different.pk).update(program=make_program(name_en="Dentistry"))
    # The mentor who shares the program (or school) already has a mentee: the other one has
    # the lighter load, which decides only between otherwise equal mentors.
    Pairing.objects.create(mentor=same, mentee=make_mentee(school, "Earlier"), status="active")
    mentee = make_mentee(school, "New", program=program)
    (proposal,) = services.propose_matches(by=officer)
    assert (proposal.mentee, proposal.mentor) == (mentee, same)
    # Between equal mentors, the lighter load wins.
    Mentor.objects.filter(pk=different.pk).update(program=program, unit=school)
    (proposal,) = services.propose_matches(by=officer)
    assert proposal.mentor == different


def test_staff_can_change_a_proposal_but_not_past_capacity_or_a_wish(make_user, school, officer):
    full = make_mentor(make_user, school, capacity=1)
    man = make_mentor(make_user, school, capacity=2, gender="male")
    make_mentee(school, "Taken")
    wishing = make_mentee(school, "Wishes a woman", gender_preference="female")
    proposals = services.propose_matches(by=officer)
    by_mentee = {p.mentee.name: p for p in proposals}
    assert by_mentee["Wishes a woman"].mentor == full  # the only woman
    with pytest.raises(ValidationError, match="other gender"):
        services.proposal_change_mentor(pairing=by_mentee["Wishes a woman"], mentor=man)
    workflow.move(by_mentee["Wishes a woman"], "confirm", by=officer)
    with pytest.raises(ValidationError, match="no free place"):
        services.proposal_change_mentor(pairing=by_mentee["Taken"], mentor=full)
    assert wishing.pairings.get().status == "active"


def test_a_mentor_sees_only_their_own_pairs(client, make_user, school, officer):
    mine = make_mentor(make_user, school)
    theirs = make_mentor(make_user, school)
    own = Pairing.objects.create(mentor=mine, mentee=make_mentee(school), status="active")
    other = Pairing.objects.create(
        mentor=theirs, mentee=make_mentee(school, "Omar", gender="male"), status="active"
    )
    issue = Issue.objects.create(pairing=other, category="housing", description="No room")
    client.force_login(mine.user)
    assert client.get(f"/en/mentoring/pairs/{own.pk}/").status_code == 200
    assert client.get(f"/en/mentoring/pairs/{other.pk}/").status_code == 404
    response = client.post(
        f"/en/mentoring/pairs/{other.pk}/meetings/",
        {"meeting-date": "2026-11-01", "meeting-minutes": "30", "meeting-topics": "x"},
    )
    assert response.status_code == 404
    assert client.post(f"/en/mentoring/issues/{issue.pk}/escalate/").status_code == 404
    assert not Meeting.objects.exists()
    page = client.get("/en/mentoring/my-mentees/").content.decode()
    assert "Amina" in page and "Omar" not in page


def test_a_meeting_with_an_escalated_issue_reaches_the_office(client, make_user, school, officer):
    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(
        mentor=mentor, mentee=make_mentee(school), status="active", confirmed_at=timezone.now()
    )
    client.force_login(mentor.user)
    client.post(
        f"/en/mentoring/pairs/{pairing.pk}/meetings/",
        {
            "meeting-date": str(timezone.localdate()),
            "meeting-minutes": "45",
            "meeting-topics": "Registration and the bank",
            "issue-category": "housing",
            "issue-description": "The dormitory is full.",
            "issue-escalate": "on",
        },
    )
    issue = Issue.objects.get()
    assert issue.escalated_at is not None and issue.meeting.minutes == 45
    assert OutgoingMail.objects.filter(to=officer.email).count() == 1
    future = client.post(
        f"/en/mentoring/pairs/{pairing.pk}/meetings/",
        {
            "meeting-date": str(timezone.localdate() + timedelta(days=2)),
            "meeting-minutes": "45",
            "meeting-topics": "Later",
        },
        follow=True,
    )
    assert "cannot be in the future" in future.content.decode()
    client.force_login(officer)
    page = client.get("/en/mentoring/issues/").content.decode()
    assert "The dormitory is full." in page
    client.post(f"/en/mentoring/issues/{issue.pk}/resolve/", {"resolution": "Room found."})
    issue.refresh_from_db()
    assert issue.resolved_at and issue.resolution == "Room found."


def test_check_in_reminders_go_once_per_gap(make_user, school):
    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(
        mentor=mentor,
        mentee=make_mentee(school),
        status="active",
        confirmed_at=timezone.now() - timedelta(days=40),
    )
    recent = Pairing.objects.create(
        mentor=mentor,
        mentee=make_mentee(school, "Omar"),
        status="active",
        confirmed_at=timezone.now() - timedelta(days=40),
    )
    Meeting.objects.create(pairing=recent, date=timezone.localdate(), minutes=30, topics="x")
    assert services.check_in_reminders_send() == 1
    assert services.check_in_reminders_send() == 0
    assert CheckInReminder.objects.get().pairing == pairing
    # A meeting starts a new gap; 30 days after it, one more reminder.
    Meeting.objects.create(
        pairing=pairing, date=timezone.localdate() - timedelta(days=31), minutes=30, topics="y"
    )
    assert services.check_in_reminders_send() == 1


def test_check_in_reminders_count_thirty_days_and_skip_a_pair_without_stopping(make_user, school):
    today = timezone.localdate()

    def confirmed(days_ago: int):
        noon = datetime.combine(today - timedelta(days=days_ago), time(12))
        return timezone.make_aware(noon)

    def pair(name: str, days_ago: int) -> Pairing:
        mentor = make_mentor(make_user, school)
        mentor.user.preferred_language = "en"
        mentor.user.save()
        return Pairing.objects.create(
            mentor=mentor,
            mentee=make_mentee(school, name),
            status="active",
            confirmed_at=confirmed(days_ago),
        )

    # In the order they are read (the latest confirmed first): too recent, exactly 30 days,
    # already reminded for this gap, 50 days.
    pair("Recent", 10)
    thirty = pair("Thirty", 30)
    reminded = pair("Reminded", 35)
    CheckInReminder.objects.create(pairing=reminded, since=today - timedelta(days=35))
    fifty = pair("Fifty", 50)
    assert services.check_in_reminders_send(today=today) == 2
    assert {r.pairing for r in CheckInReminder.objects.exclude(pairing=reminded)} == {thirty, fifty}
    mail = OutgoingMail.objects.get(to=thirty.mentor.user.email)
    assert mail.subject == "Time to check in with Thirty"
    assert "You have not logged a meeting with Thirty for 30 days." in mail.body_text
    assert f"Dear {thirty.mentor.user.full_name}," in mail.body_text
    assert f"/en/mentoring/pairs/{thirty.pk}/" in mail.body_text
    assert not OutgoingMail.objects.filter(to=reminded.mentor.user.email).exists()


def test_the_last_contact_is_the_last_meeting_or_else_the_confirmation(make_user, school):
    confirmed_on = timezone.localdate() - timedelta(days=40)
    pairing = Pairing.objects.create(
        mentor=make_mentor(make_user, school),
        mentee=make_mentee(school),
        status="active",
        confirmed_at=timezone.make_aware(datetime.combine(confirmed_on, time(12))),
    )
    assert services.last_contact(pairing) == confirmed_on
    for days_ago in (20, 5, 12):
        Meeting.objects.create(
            pairing=pairing,
            date=timezone.localdate() - timedelta(days=days_ago),
            minutes=30,
            topics="x",
        )
    assert services.last_contact(pairing) == timezone.localdate() - timedelta(days=5)


def test_an_escalated_issue_is_mailed_to_the_active_officers_only(make_user, school, officer):
    make_user(Role.OFFICER, is_active=False, email="gone@test.example")
    make_user(Role.MANAGER, email="manager@test.example")
    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(mentor=mentor, mentee=make_mentee(school), status="active")
    issue = Issue.objects.create(pairing=pairing, category="housing", description="No room")
    services.issue_escalate(issue=issue, by=mentor.user)
    assert [mail.to for mail in OutgoingMail.objects.all()] == [officer.email]


def test_ending_a_pairing_asks_both_for_a_survey(client, make_user, school, officer):
    mentor = make_mentor(make_user, school)
    mentee_user = make_user(Role.APPLICANT)
    pairing = Pairing.objects.create(
        mentor=mentor,
        mentee=make_mentee(school, user=mentee_user),
        status="active",
        confirmed_at=timezone.now(),
    )
    client.force_login(officer)
    client.post(move_url(pairing, "end"), {f"pairing-{pairing.pk}-end-end_reason": "Graduated"})
    pairing.refresh_from_db()
    assert pairing.status == "ended" and pairing.end_reason == "Graduated" and pairing.ended_at
    surveys = {survey.side: survey for survey in Survey.objects.all()}
    assert set(surveys) == {"mentor", "mentee"}
    client.force_login(mentee_user)
    assert client.get(f"/en/mentoring/surveys/{surveys['mentor'].pk}/").status_code == 404
    client.post(
        f"/en/mentoring/surveys/{surveys['mentee'].pk}/",
        {"rating": "5", "helped_with": "Housing", "suggestion": ""},
    )
    surveys["mentee"].refresh_from_db()
    assert surveys["mentee"].rating == 5 and surveys["mentee"].answered_at


def test_a_mentee_sees_their_mentor_and_gives_feedback(client, make_user, school):
    mentor = make_mentor(make_user, school)
    mentee_user = make_user(Role.APPLICANT)
    pairing = Pairing.objects.create(
        mentor=mentor, mentee=make_mentee(school, user=mentee_user), status="active"
    )
    client.force_login(mentee_user)
    page = client.get("/en/mentoring/my-mentor/").content.decode()
    assert mentor.user.email in page
    client.post(f"/en/mentoring/pairs/{pairing.pk}/feedback/", {"rating": "4", "comment": "Kind"})
    assert pairing.feedback.get().rating == 4
    client.force_login(make_user(Role.APPLICANT))
    response = client.post(f"/en/mentoring/pairs/{pairing.pk}/feedback/", {"rating": "1"})
    assert response.status_code == 404


def test_only_the_mentee_gives_feedback_rated_from_1_to_5(make_user, school):
    mentee_user = make_user(Role.APPLICANT)
    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(
        mentor=mentor, mentee=make_mentee(school, user=mentee_user), status="active"
    )
    with pytest.raises(ValidationError) as refused:
        services.feedback_give(pairing=pairing, rating=4, comment="", by=mentor.user)
    assert refused.value.messages == ["Only the mentee gives feedback on their mentor."]
    for rating in (0, 6):
        with pytest.raises(ValidationError) as refused:
            services.feedback_give(pairing=pairing, rating=rating, comment="", by=mentee_user)
        assert refused.value.messages == ["Choose a rating from 1 to 5."]
    for rating in (1, 5):
        services.feedback_give(
            pairing=pairing, rating=rating, comment=f"Gave {rating}", by=mentee_user
        )
    assert sorted(pairing.feedback.values_list("rating", "comment")) == [
        (1, "Gave 1"),
        (5, "Gave 5"),
    ]


def test_a_mentor_application_is_approved_into_the_role(client, make_user, school, officer):
    student = make_user(Role.APPLICANT)
    client.force_login(student)
    response = client.post(
        "/en/mentoring/become-a-mentor/",
        {
            "unit": school.pk,
            "year_of_study": "3",
            "gender": "male",
            "capacity": "9",
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-MIN_NUM_FORMS": "1",
            "languages-MAX_NUM_FORMS": "6",
            "languages-0-language": "ku",
            "languages-0-level": "native",
        },
    )
    assert "Take between 1 and 5 mentees" in response.content.decode()
    data = {
        "unit": school.pk,
        "year_of_study": "3",
        "gender": "male",
        "capacity": "2",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "1",
        "languages-MAX_NUM_FORMS": "6",
        "languages-0-language": "ku",
        "languages-0-level": "native",
    }
    client.post("/en/mentoring/become-a-mentor/", data)
    mentor = Mentor.objects.get(user=student)
    assert mentor.status == "applied" and mentor.language_codes == {"ku"}
    workflow.move(mentor, "approve", by=officer)
    student = type(student).objects.get(pk=student.pk)
    assert student.has_role(Role.MENTOR)
    mentor.refresh_from_db()
    assert mentor.decided_by == officer
    assert [(c.from_state, c.to_state, c.by) for c in workflow.history(mentor)] == [
        ("", "applied", student),
        ("applied", "approved", officer),
    ]
    assert OutgoingMail.objects.filter(to=student.email).count() == 1


def test_enrolled_students_become_mentees(make_user, officer):
    from students.models import Application

    from ..students.helpers import make_program

    program = make_program()
    person = make_user(Role.APPLICANT)
    application = Application.objects.create(
        applicant=person,
        program=program,
        stage="enrolled",
        given_name="Zahraa",
        family_name="Jaber",
        sex="female",
        reference="KUMS-1405-00009",
    )
    mentee = services.mentee_from_application(application=application, by=officer)
    assert mentee.user == person and mentee.program == program and mentee.name == "Zahraa Jaber"
    with pytest.raises(ValidationError, match="This student is already a mentee"):
        services.mentee_from_application(application=application, by=officer)


def test_a_mentee_from_an_application_takes_its_details(make_user, officer):
    from students.models import Application

    from ..students.helpers import make_program

    program = make_program()
    make_mentee(program.unit, "Entered by hand")  # a mentee with no application
    person = make_user(Role.APPLICANT, email="hawre@test.example")

    def application_(stage: str, reference: str) -> Application:
        return Application.objects.create(
            applicant=person,
            program=program,
            stage=stage,
            given_name="Hawre",
            family_name="Aziz",
            phone="+964 750 000 0000",
            reference=reference,
        )

    admitted = application_("admitted", "KUMS-1405-00010")
    with pytest.raises(ValidationError) as refused:
        services.mentee_from_application(application=admitted, by=officer)
    assert refused.value.messages == ["Only enrolled students become mentees."]
    enrolled = application_("enrolled", "KUMS-1405-00011")
    mentee = services.mentee_from_application(application=enrolled, by=officer)
    assert (mentee.application, mentee.email, mentee.phone, mentee.unit) == (
        enrolled,
        "hawre@test.example",
        "+964 750 000 0000",
        program.unit,
    )
    # No sex on the application: the profile says male until the office corrects it.
    assert (mentee.gender, mentee.languages, mentee.arrival_date) == (
        "male",
        ["en"],
        timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        services.mentee_from_application(application=enrolled, by=officer)
    assert refused.value.messages == ["This student is already a mentee."]
    # Another enrolled application of the same account: its user is a mentee already.
    again = application_("enrolled", "KUMS-1405-00012")
    with pytest.raises(ValidationError) as refused:
        services.mentee_from_application(application=again, by=officer)
    assert refused.value.messages == ["This student is already a mentee."]
    assert Mentee.objects.filter(user=person).count() == 1


def test_the_mentoring_report(
    make_user, school, manager, tmp_path, django_capture_on_commit_callbacks
):
    from intlaffairs import reports

    from ..reports.test_pdf import pdf_text

    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(
        mentor=mentor, mentee=make_mentee(school, "Amina Yusuf"), status="active"
    )
    Meeting.objects.create(pairing=pairing, date=timezone.localdate(), minutes=40, topics="x")
    Issue.objects.create(pairing=pairing, category="housing", description="No room")
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(kind="mentoring", language="en", by=manager)
    report.refresh_from_db()
    assert report.status == "done", report.error
    text = pdf_text(report.file.read(), tmp_path)
    for fragment in ("Mentoring report", "Amina Yusuf", "Housing", "Satisfaction"):
        assert fragment in text


def test_list_query_counts_do_not_grow_with_rows(client, make_user, school, officer):
    def add(n: int) -> None:
        for i in range(n):
            mentor = make_mentor(make_user, school)
            pairing = Pairing.objects.create(
                mentor=mentor,
                mentee=make_mentee(school, f"M {random.random()}"),
                status="active",
                confirmed_at=timezone.now(),
            )
            Meeting.objects.create(pairing=pairing, date=date(2026, 11, 1), minutes=30, topics="x")
            Issue.objects.create(
                pairing=pairing, category="other", description="d", escalated_at=timezone.now()
            )
            make_mentee(school, f"Unmatched {i}")

    def counts() -> list[int]:
        found = []
        for url in (
            "/en/mentoring/",
            "/en/mentoring/mentors/",
            "/en/mentoring/mentees/",
            "/en/mentoring/issues/",
            "/en/mentoring/proposals/",
        ):
            # Content types are cached per process: the first pass of a test run alone would
            # look them up and the second not. Each page starts with the cache empty.
            warm(client, url)
            ContentType.objects.clear_cache()
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            found.append(len(captured))
        return found

    client.force_login(officer)
    add(2)
    few = counts()
    add(5)
    assert counts() == few


# --- The workflows on their pages (mentoring/workflows.py)


def test_a_full_mentor_cannot_be_confirmed_and_the_proposals_page_says_why(
    client, make_user, school, officer
):
    mentor = make_mentor(make_user, school, capacity=1)
    Pairing.objects.create(mentor=mentor, mentee=make_mentee(school, "Paired"), status="active")
    waiting = Pairing.objects.create(mentor=mentor, mentee=make_mentee(school, "Waiting"))
    with pytest.raises(ValidationError, match="no free place"):
        workflow.move(waiting, "confirm", by=officer)
    client.force_login(officer)
    page = client.get("/en/mentoring/proposals/").content.decode()
    assert "This mentor has no free place." in page
    assert move_url(waiting, "confirm") not in page
    client.post(move_url(waiting, "confirm"))
    waiting.refresh_from_db()
    assert waiting.status == "proposed" and not StateChange.objects.exists()


def test_the_office_confirms_a_proposal_from_the_proposals_page(client, make_user, school, officer):
    proposal = Pairing.objects.create(
        mentor=make_mentor(make_user, school), mentee=make_mentee(school)
    )
    client.force_login(officer)
    page = client.get("/en/mentoring/proposals/").content.decode()
    assert move_url(proposal, "confirm") in page
    response = client.post(move_url(proposal, "confirm"), {"next": "/en/mentoring/proposals/"})
    assert response.status_code == 302 and response["Location"] == "/en/mentoring/proposals/"
    proposal.refresh_from_db()
    assert proposal.status == "active" and proposal.confirmed_by == officer
    assert proposal.confirmed_at is not None


def test_only_the_office_ends_a_pairing_and_only_with_a_reason(client, make_user, school, officer):
    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(
        mentor=mentor, mentee=make_mentee(school), status="active", confirmed_at=timezone.now()
    )
    client.force_login(mentor.user)
    page = client.get(pairing.get_absolute_url()).content.decode()
    assert move_url(pairing, "end") not in page
    client.post(move_url(pairing, "end"), {f"pairing-{pairing.pk}-end-end_reason": "Bored"})
    client.force_login(officer)
    page = client.get(pairing.get_absolute_url()).content.decode()
    assert move_url(pairing, "end") in page
    response = client.post(move_url(pairing, "end"), {f"pairing-{pairing.pk}-end-end_reason": ""})
    assert response.status_code == 200  # the form again, asking for the reason
    pairing.refresh_from_db()
    assert pairing.status == "active" and not Survey.objects.exists()


def test_meetings_are_logged_only_on_active_pairs(make_user, school, officer):
    mentor = make_mentor(make_user, school)
    pairing = Pairing.objects.create(
        mentor=mentor, mentee=make_mentee(school), status="active", confirmed_at=timezone.now()
    )
    pairing = workflow.move(pairing, "end", by=officer, end_reason="Moved away")
    data = {"date": timezone.localdate(), "minutes": 30, "topics": "x"}
    with pytest.raises(ValidationError, match="active pairings"):
        services.meeting_log(pairing=pairing, data=data, issues=[], by=mentor.user)


def test_the_office_decides_a_mentor_application_once(client, make_user, school, officer):
    student = make_user(Role.APPLICANT)
    mentor = Mentor.objects.create(
        user=student, unit=school, year_of_study=2, gender="male", capacity=1
    )
    client.force_login(student)  # not the office: the application is not theirs to decide
    assert client.post(move_url(mentor, "approve")).status_code == 404
    client.force_login(officer)
    page = client.get(mentor.get_absolute_url()).content.decode()
    assert move_url(mentor, "approve") in page and move_url(mentor, "decline") in page
    client.post(move_url(mentor, "decline"))
    mentor.refresh_from_db()
    assert mentor.status == "declined" and mentor.decided_by == officer
    assert not type(student).objects.get(pk=student.pk).has_role(Role.MENTOR)
    with pytest.raises(ValidationError, match="This cannot go from “Declined” to “Approved”"):
        workflow.move(mentor, "approve", by=officer)
    page = client.get(mentor.get_absolute_url()).content.decode()
    assert move_url(mentor, "approve") not in page and "Declined" in page
