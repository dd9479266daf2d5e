"""Faculty review: a unit's reviewers are asked on referral, see only their unit's files at the
faculty, submit a recommendation with scores or declare a conflict, are reminded after 7 and 14
days; the office sees overdue reviews and the manager every review."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlaffairs import waiting, workflow
from intlaffairs.models import OutgoingMail, StateChange, Unit
from intlaffairs.navigation import BADGE_MOST
from intlaffairs.roles import Role
from students import reviews
from students.models import (
    Application,
    FacultyReview,
    ReviewCriterion,
    ReviewReminder,
    ReviewScore,
    Stage,
    UnitReviewer,
)
from students.workflows import REVIEW
from tests.queries import plan
from tests.workflow_properties import check_workflow

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db

Status = FacultyReview.Status


def criteria_for(program, names=("Academic record", "Personal statement")):
    return [
        ReviewCriterion.objects.create(program=program, name_en=name, name_fa=name, order=i)
        for i, name in enumerate(names, start=1)
    ]


def at_faculty(applicant, manager, program=None) -> Application:
    program = program or make_program()
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    application = workflow.move(application, "start_check", by=manager)
    for document in application.documents.all():
        workflow.move(document, "verify", by=manager)
    return workflow.move(application, "refer_to_faculty", by=manager)


@pytest.fixture
def program():
    program = make_program()
    criteria_for(program)
    return program


@pytest.fixture
def reviewer(make_user, program, administrator):
    person = make_user(Role.FACULTY, email="reviewer@test.example", preferred_language="fa")
    reviews.reviewer_add(unit=program.unit, user=person, by=administrator)
    return person


@pytest.fixture
def referred(applicant, manager, program, reviewer):
    return at_faculty(applicant, manager, program)


def review_of(application, person) -> FacultyReview:
    return FacultyReview.objects.get(application=application, reviewer=person)


def full_marks(review) -> dict[int, int]:
    return {criterion.pk: 4 for criterion in reviews.criteria_of(review)}


def submit(review, *, by, **changes) -> FacultyReview:
    """`by` submits `review`: admit, 4 on every criterion, no comment, no conflict declared,
    but for `changes`."""
    return reviews.review_save(
        review=review,
        **{
            "recommendation": "admit",
            "scores": full_marks(review),
            "comments": "",
            "no_conflict": True,
            **changes,
        },
        by=by,
    )


def other_unit_reviewer(make_user, administrator):
    unit = Unit.objects.create(name_fa="دندان‌پزشکی", name_en="School of Dentistry")
    person = make_user(Role.FACULTY)
    reviews.reviewer_add(unit=unit, user=person, by=administrator)
    return person


# --- Services


def test_referral_asks_each_reviewer_of_the_programs_unit_once(
    referred, reviewer, make_user, administrator, program
):
    second = make_user(Role.FACULTY)
    reviews.reviewer_add(unit=program.unit, user=second, by=administrator)  # after the referral
    assert set(referred.faculty_reviews.values_list("reviewer", "status")) == {
        (reviewer.pk, Status.REQUESTED),
        (second.pk, Status.REQUESTED),
    }
    assert reviews.reviews_request(application=referred) == 2
    assert referred.faculty_reviews.count() == 2
    created = StateChange.objects.filter(
        object_id=review_of(referred, reviewer).pk, to_state="requested"
    )
    assert created.count() == 1


def test_the_administrator_names_a_reviewer_in_the_admin_and_they_are_asked_at_once(
    client, administrator, referred, make_user, officer
):
    person = make_user(Role.FACULTY)
    client.force_login(administrator)
    url = "/en/admin/students/unitreviewer/add/"
    unit = referred.program.unit
    response = client.post(url, {"unit": unit.pk, "user": officer.pk})
    assert response.status_code == 200  # refused: not a faculty member
    assert not UnitReviewer.objects.filter(user=officer).exists()
    assert client.post(url, {"unit": unit.pk, "user": person.pk}).status_code == 302
    assert review_of(referred, person).status == Status.REQUESTED


def test_only_a_faculty_member_can_be_a_reviewer_and_only_once(officer, reviewer, program):
    with pytest.raises(ValidationError, match="Only a faculty member"):
        reviews.reviewer_add(unit=program.unit, user=officer, by=officer)
    with pytest.raises(ValidationError, match="already reviews"):
        reviews.reviewer_add(unit=program.unit, user=reviewer, by=officer)
    assert not UnitReviewer.objects.filter(user=officer).exists()


def test_a_submitted_review_holds_the_recommendation_scores_and_comments(referred, reviewer):
    review = review_of(referred, reviewer)
    saved = submit(
        review, by=reviewer, recommendation="conditional", comments="Strong record; needs Persian."
    )
    assert saved.status == Status.SUBMITTED and saved.submitted_at is not None
    assert saved.recommendation == "conditional"
    assert sorted(saved.scores.values_list("score", flat=True)) == [4, 4]
    # Revised until the decision, each change in the history.
    scores = {pk: 2 for pk in full_marks(review)}
    submit(saved, by=reviewer, recommendation="not_admit", scores=scores)
    review.refresh_from_db()
    assert review.recommendation == "not_admit"
    assert set(review.scores.values_list("score", flat=True)) == {2}
    assert [move.transition for move in workflow.history(review)] == ["", "submit", "revise"]


def test_a_review_missing_a_score_is_refused_and_nothing_is_kept(referred, reviewer):
    review = review_of(referred, reviewer)
    first = reviews.criteria_of(review)[0]
    with pytest.raises(ValidationError, match="Score each"):
        submit(review, by=reviewer, scores={first.pk: 5}, comments="x")
    with pytest.raises(ValidationError, match="from 1 to 5"):
        scores = {pk: 9 for pk in full_marks(review)}
        submit(review, by=reviewer, scores=scores)
    review.refresh_from_db()
    assert review.status == Status.REQUESTED and review.recommendation == ""
    assert not ReviewScore.objects.exists()


def test_a_review_without_the_no_conflict_declaration_is_refused(referred, reviewer):
    review = review_of(referred, reviewer)
    with pytest.raises(ValidationError, match="Declare that you have no conflict of interest"):
        submit(review, by=reviewer, no_conflict=False)
    review.refresh_from_db()
    assert review.status == Status.REQUESTED and not review.no_conflict_declared
    assert not ReviewScore.objects.exists()


def test_only_the_reviewer_asked_may_write_the_review(referred, reviewer, make_user, manager):
    review = review_of(referred, reviewer)
    for person in (make_user(Role.FACULTY), manager):
        with pytest.raises(ValidationError):
            submit(review, by=person)
    assert not ReviewScore.objects.exists()


def test_a_review_closes_when_the_file_leaves_the_faculty(referred, reviewer, manager):
    review = review_of(referred, reviewer)
    workflow.move(referred, "admit", by=manager)
    with pytest.raises(ValidationError, match="left the faculty review"):
        submit(review, by=reviewer)


def test_declaring_a_conflict_records_it_and_scores_nothing(referred, reviewer):
    review = review_of(referred, reviewer)
    submit(review, by=reviewer, comments="Good")
    with pytest.raises(ValidationError):
        reviews.review_conflict_declare(review=review, note="  ", by=reviewer)
    withdrawn = reviews.review_conflict_declare(review=review, note="She is my niece.", by=reviewer)
    assert withdrawn.status == Status.CONFLICT
    assert withdrawn.conflict == "She is my niece."
    assert withdrawn.recommendation == "" and withdrawn.comments == ""
    assert not withdrawn.scores.exists()


def test_the_review_keeps_its_graph_and_its_people(referred, reviewer, make_user, officer, manager):
    def make_record():
        review = review_of(referred, reviewer)
        FacultyReview.objects.filter(pk=review.pk).update(recommendation="admit")
        for criterion in reviews.criteria_of(review):
            ReviewScore.objects.update_or_create(
                review=review, criterion=criterion, defaults={"score": 3}
            )
        return FacultyReview.objects.get(pk=review.pk)  # as written

    check_workflow(
        REVIEW,
        make_record=make_record,
        people=[reviewer, make_user(Role.FACULTY), officer, manager],
        max_examples=15,
        steps=5,
    )


# --- Who sees what


def test_a_reviewer_sees_only_their_units_files_at_the_faculty(
    client, referred, reviewer, make_user, administrator, applicant, manager
):
    review = review_of(referred, reviewer)
    document = referred.documents.first()
    stranger = other_unit_reviewer(make_user, administrator)
    client.force_login(stranger)
    assert client.get(f"/en/students/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/en/students/documents/{document.pk}/").status_code == 404
    assert referred.reference not in client.get("/en/students/reviews/").content.decode()

    client.force_login(reviewer)
    page = client.get("/en/students/reviews/").content.decode()
    assert referred.reference in page
    assert client.get(f"/en/students/reviews/{review.pk}/").status_code == 200
    assert client.get(f"/en/students/documents/{document.pk}/").status_code == 200
    # Another applicant's application, still at the document check: not theirs.
    someone = make_user(Role.APPLICANT)
    other = workflow.move(complete_draft(someone, referred.program), "submit", by=someone)
    assert client.get(f"/en/students/applications/{other.pk}/").status_code == 403
    assert client.get(f"/en/students/documents/{other.documents.first().pk}/").status_code == 404
    # Once decided, the file leaves their list and their reach.
    workflow.move(referred, "admit", by=manager)
    assert client.get(f"/en/students/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/en/students/documents/{document.pk}/").status_code == 404


def test_a_reviewer_removed_from_the_unit_no_longer_sees_the_file(client, referred, reviewer):
    review = review_of(referred, reviewer)
    reviews.reviewer_remove(reviewer=UnitReviewer.objects.get(user=reviewer))
    client.force_login(reviewer)
    assert client.get(f"/en/students/reviews/{review.pk}/").status_code == 404


def test_an_officer_who_is_not_a_reviewer_cannot_review(client, referred, reviewer, officer):
    review = review_of(referred, reviewer)
    client.force_login(officer)
    assert client.get(f"/en/students/reviews/{review.pk}/").status_code == 403
    response = client.post(f"/en/students/reviews/{review.pk}/", {"recommendation": "admit"})
    assert response.status_code == 403
    assert client.get("/en/students/reviews/").status_code == 403
    review.refresh_from_db()
    assert review.status == Status.REQUESTED


# --- Pages


def test_the_reviewer_submits_on_the_page_and_a_bad_form_keeps_what_was_typed(
    client, referred, reviewer
):
    review = review_of(referred, reviewer)
    first, second = reviews.criteria_of(review)
    client.force_login(reviewer)
    url = f"/en/students/reviews/{review.pk}/"
    response = client.post(
        url, {"recommendation": "interview", f"score-{first.pk}": "5", "comments": "Promising"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Score this criterion." in page and "Promising" in page
    review.refresh_from_db()
    assert review.status == Status.REQUESTED
    response = client.post(
        url,
        {
            "recommendation": "interview",
            f"score-{first.pk}": "5",
            f"score-{second.pk}": "3",
            "comments": "Promising",
        },
    )
    # Everything but the declaration: refused, with the reason, and nothing kept.
    assert response.status_code == 400
    assert "Declare that you have no conflict of interest" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Status.REQUESTED and not review.no_conflict_declared
    response = client.post(
        url,
        {
            "recommendation": "interview",
            f"score-{first.pk}": "5",
            f"score-{second.pk}": "3",
            "comments": "Promising",
            "no_conflict": "on",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Status.SUBMITTED and review.recommendation == "interview"
    assert review.no_conflict_declared
    assert "Update the review" in client.get(url).content.decode()


def test_the_conflict_form_needs_a_reason(client, referred, reviewer):
    review = review_of(referred, reviewer)
    client.force_login(reviewer)
    url = f"/en/students/reviews/{review.pk}/conflict/"
    assert client.post(url, {"note": ""}).status_code == 400
    assert client.post(url, {"note": "I supervised her thesis."}).status_code == 302
    review.refresh_from_db()
    assert review.status == Status.CONFLICT


def test_the_managers_page_shows_every_review(
    client, referred, reviewer, make_user, administrator, manager
):
    second = make_user(Role.FACULTY, full_name="Dr. Second")
    reviews.reviewer_add(unit=referred.program.unit, user=second, by=administrator)
    review = review_of(referred, reviewer)
    submit(review, by=reviewer, comments="Excellent file")
    reviews.review_conflict_declare(review=review_of(referred, second), note="My cousin", by=second)
    client.force_login(manager)
    page = client.get(f"/en/students/applications/{referred.pk}/").content.decode()
    assert "Faculty reviews" in page
    assert "Excellent file" in page and "Academic record: 4" in page
    assert "My cousin" in page and "Withdrawn: conflict of interest" in page


def test_the_manager_edits_the_criteria_and_a_scored_one_stays(
    client, referred, reviewer, manager, officer
):
    program = referred.program
    review = review_of(referred, reviewer)
    submit(review, by=reviewer)
    url = f"/en/students/manage/programs/{program.pk}/criteria/"
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    assert client.get(url).status_code == 200
    first, second = program.criteria.all()
    data = {
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "2",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "12",
        "criteria-0-id": str(first.pk),
        "criteria-0-name_fa": first.name_fa,
        "criteria-0-name_en": first.name_en,
        "criteria-0-order": "1",
        "criteria-0-DELETE": "on",
        "criteria-1-id": str(second.pk),
        "criteria-1-name_fa": second.name_fa,
        "criteria-1-name_en": second.name_en,
        "criteria-1-order": "2",
        "criteria-2-name_fa": "تناسب با برنامه",
        "criteria-2-name_en": "Fit with the program",
        "criteria-2-order": "3",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "cannot be deleted" in response.content.decode()
    assert program.criteria.count() == 2
    del data["criteria-0-DELETE"]
    assert client.post(url, data).status_code == 302
    assert list(program.criteria.values_list("name_en", flat=True)) == [
        "Academic record",
        "Personal statement",
        "Fit with the program",
    ]


def test_the_to_review_list_costs_the_same_queries_for_5_and_500_files(
    client, reviewer, program, applicant
):
    def add(count: int) -> None:
        applications = Application.objects.bulk_create(
            Application(applicant=applicant, program=program, stage=Stage.FACULTY_REVIEW)
            for _ in range(count)
        )
        FacultyReview.objects.bulk_create(
            FacultyReview(application=application, reviewer=reviewer)
            for application in applications
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/students/reviews/")
        assert response.status_code == 200
        return len(captured)

    client.force_login(reviewer)
    add(5)
    few = queries()
    add(495)
    assert queries() == few
    assert FacultyReview.objects.assigned_to(reviewer).count() == 500
    # Counted no further than the desk's badge ("99+"), not to the lists' thousand.
    paginator = client.get("/en/students/reviews/").context["page"].paginator
    assert (paginator.count, paginator.known_count) == (BADGE_MOST + 1, BADGE_MOST)
    assert "Page 1 of more than 4" in client.get("/en/students/reviews/").content.decode()


# --- Reminders and the office's queue


def test_reviewers_are_reminded_after_7_and_14_days_once_each_in_their_language(referred, reviewer):
    review = review_of(referred, reviewer)
    OutgoingMail.objects.all().delete()
    requested = review.requested_at
    assert reviews.review_reminders_send(now=requested + timedelta(days=6)) == 0
    assert reviews.review_reminders_send(now=requested + timedelta(days=7, hours=1)) == 1
    assert reviews.review_reminders_send(now=requested + timedelta(days=8)) == 0
    assert reviews.review_reminders_send(now=requested + timedelta(days=14, hours=1)) == 1
    assert reviews.review_reminders_send(now=requested + timedelta(days=20)) == 0
    mails = list(OutgoingMail.objects.order_by("pk"))
    assert [mail.to for mail in mails] == [reviewer.email, reviewer.email]
    assert all(mail.language == "fa" for mail in mails)
    assert f"/fa/students/reviews/{review.pk}/" in mails[0].body_text
    assert referred.reference in mails[0].subject and "داوری" in mails[0].subject
    assert sorted(ReviewReminder.objects.values_list("after_days", flat=True)) == [7, 14]


def test_a_review_in_or_late_by_two_weeks_at_once_is_reminded_once(
    referred, reviewer, applicant, manager, make_user, program
):
    review = review_of(referred, reviewer)
    OutgoingMail.objects.all().delete()
    assert reviews.review_reminders_send(now=review.requested_at + timedelta(days=15)) == 1
    assert ReviewReminder.objects.filter(review=review).count() == 2
    second = at_faculty(make_user(Role.APPLICANT), manager, program)
    done = review_of(second, reviewer)
    submit(done, by=reviewer)
    assert reviews.review_reminders_send(now=done.requested_at + timedelta(days=15)) == 0
    assert OutgoingMail.objects.filter(to=reviewer.email).count() == 1


def test_the_office_sees_overdue_reviews_on_the_desk_and_in_the_list(
    client, referred, reviewer, officer
):
    queue = waiting.get("students.reviews_overdue")
    assert list(queue.rows_for(officer)) == []
    FacultyReview.objects.filter(application=referred).update(
        requested_at=timezone.now() - timedelta(days=8)
    )
    assert list(queue.rows_for(officer)) == [referred]
    client.force_login(officer)
    page = client.get("/en/students/applications/?reviews_overdue=1").content.decode()
    assert referred.reference in page
    page = client.get(f"/en/students/applications/{referred.pk}/").content.decode()
    assert "8 days waiting" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_looks_for_a_late_review_in_the_requested_reviews_index(referred, officer):
    """The queue walks the files at the faculty and asks of each whether a review is late:
    from an index of the requested reviews alone (at ×100, 2.9 → 1.3 ms for its count)."""
    rows = waiting.get("students.reviews_overdue").rows_for(officer)
    assert "review_requested_by_file" in plan(rows)


def test_the_reviewer_has_a_desk_queue_of_reviews_due(client, referred, reviewer):
    queue = waiting.get("students.reviews_due")
    assert [review.application for review in queue.rows_for(reviewer)] == [referred]
    client.force_login(reviewer)
    page = client.get(queue.url()).content.decode()
    assert referred.reference in page and "Waiting for you" in page
    review = review_of(referred, reviewer)
    submit(review, by=reviewer)
    assert list(queue.rows_for(reviewer)) == []


def test_the_demo_has_a_reviewer_with_files_to_review(settings):
    from django.core.management import call_command

    from intlaffairs.models import User

    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo")
    faculty = User.objects.get(email="faculty@example.org")
    assert FacultyReview.objects.assigned_to(faculty).filter(status=Status.REQUESTED).exists()
    decided = FacultyReview.objects.filter(reviewer=faculty, status=Status.SUBMITTED)
    assert decided.exists() and all(review.scores.count() == 3 for review in decided)
    count = FacultyReview.objects.count()
    call_command("seed_demo")  # again: nothing added twice
    assert FacultyReview.objects.count() == count
    assert UnitReviewer.objects.filter(user=faculty).count() == 1


def test_interviews_arranged_at_one_stage_are_those_of_the_stage_the_person_may_arrange(
    referred, reviewer, manager
):
    def at(user, stage):
        return set(Application.objects.interviews_arranged_by(user, stage=stage))

    assert at(reviewer, Stage.FACULTY_REVIEW) == {referred}
    assert at(reviewer, Stage.INTERVIEW) == set()
    assert at(reviewer, None) == {referred}
    Application.objects.filter(pk=referred.pk).update(stage=Stage.ADMITTED)
    assert at(reviewer, Stage.ADMITTED) == set()  # past the reviewers' stages
    assert at(manager, Stage.ADMITTED) == {referred}
    assert at(manager, Stage.FACULTY_REVIEW) == set()
