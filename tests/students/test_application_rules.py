"""The rules of students/services.py read directly: the time left, the steps ahead, what a draft
lacks, the photo's limits, who may upload what and when, the reminders' and the retention's
limits in days, the references, the letters and the placeholders of a saved reply."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from intlaffairs import messaging, workflow
from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role
from students import services
from students.models import (
    Application,
    ArrivalItem,
    Document,
    DocumentType,
    Education,
    Note,
    Reminder,
    Stage,
)

from .helpers import complete_draft, make_program, pdf, png

pytestmark = pytest.mark.django_db


# --- The time left and the steps ahead


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (-1, "the deadline has passed"),
        (0, "today is the last day"),
        (1, "1 day left"),
        (2, "2 days left"),
    ],
)
def test_the_time_left_counts_whole_days_to_the_deadline(days, said):
    today = date(2026, 3, 1)
    assert services.time_left(today + timedelta(days=days), today=today) == said


def test_the_time_left_counts_from_today_when_no_day_is_given():
    today = timezone.localdate()
    assert services.time_left(today) == "today is the last day"
    assert services.time_left(today + timedelta(days=3)) == "3 days left"


def test_the_time_left_is_written_in_the_readers_digits():
    with translation.override("fa"):
        assert "۱۲" in services.time_left(date(2026, 3, 13), today=date(2026, 3, 1))


def test_a_draft_has_the_whole_way_ahead_without_the_interview_of_a_graduate_program(applicant):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    steps = services.next_steps(draft)
    assert [step["stage"] for step in steps] == [
        Stage.SUBMITTED,
        Stage.DOCUMENT_CHECK,
        Stage.FACULTY_REVIEW,
        Stage.ADMITTED,
        Stage.OFFER_ACCEPTED,
        Stage.FEES_RECEIVED,
        Stage.ENROLLED,
    ]
    assert steps[0] == {"stage": Stage.SUBMITTED, "label": "Submitted", "duration": ""}
    assert steps[1]["duration"] == "usually about 7 days"
    assert steps[3]["label"] == "Admitted" and steps[3]["duration"] == "usually about 21 days"
    with translation.override("fa"):
        assert services.next_steps(draft)[1]["duration"] == "معمولاً حدود ۷ روز"


def test_a_graduate_program_interviews_and_the_steps_start_after_the_current_one(applicant):
    application = Application.objects.create(
        applicant=applicant, program=make_program(degree="phd"), stage=Stage.FACULTY_REVIEW
    )
    steps = services.next_steps(application)
    assert [step["stage"] for step in steps] == [
        Stage.INTERVIEW,
        Stage.ADMITTED,
        Stage.OFFER_ACCEPTED,
        Stage.FEES_RECEIVED,
        Stage.ENROLLED,
    ]
    assert steps[0]["duration"] == "usually about 14 days"
    assert steps[-1]["duration"] == "usually about 14 days"


def test_a_draft_without_a_program_has_no_interview_ahead(applicant):
    draft = Application.objects.create(applicant=applicant)
    assert Stage.INTERVIEW not in [step["stage"] for step in services.next_steps(draft)]


@pytest.mark.parametrize("stage", [Stage.REJECTED, Stage.WITHDRAWN, Stage.INTERVIEW])
def test_no_steps_ahead_once_off_the_usual_way(applicant, stage):
    # An MD program has no interview: an application there is off its usual way too.
    application = Application.objects.create(
        applicant=applicant, program=make_program(), stage=stage
    )
    assert services.next_steps(application) == []


def test_nothing_is_ahead_of_an_enrolled_student(applicant):
    application = Application.objects.create(
        applicant=applicant, program=make_program(), stage=Stage.ENROLLED
    )
    assert services.next_steps(application) == []


def test_a_list_is_joined_with_the_comma_of_the_script():
    assert services.listed(["a", "b"]) == "a, b"
    with translation.override("fa"):
        assert services.listed(["الف", "ب"]) == "الف، ب"


# --- What a draft lacks


def test_an_empty_draft_lacks_every_field_in_the_order_of_the_steps(applicant):
    draft = Application.objects.create(applicant=applicant)
    assert services.missing_fields(draft) == [
        "given_name",
        "family_name",
        "native_name",
        "sex",
        "birth_date",
        "nationality",
        "passport_number",
        "passport_expires_on",
        "phone",
        "program",
        "channel",
        "education",
    ]
    assert services.missing_for_submission(draft) == [
        "Enter your given name in Latin letters.",
        "Enter your family name in Latin letters.",
        "Enter your name in your own script.",
        "Enter your sex.",
        "Enter your date of birth.",
        "Enter your nationality.",
        "Enter your passport number.",
        "Enter your passport's expiry date.",
        "Enter a phone number.",
        "Enter the program.",
        "Enter how you heard of us.",
        "Add at least one school or university you attended.",
    ]


def test_a_complete_draft_lacks_nothing(applicant):
    draft = complete_draft(applicant, make_program())
    assert services.missing_fields(draft) == []
    assert services.missing_for_submission(draft) == []


@pytest.mark.parametrize("channel", ["agent", "introducer"])
def test_an_agent_or_introducer_must_be_named(applicant, channel):
    draft = complete_draft(applicant, make_program())
    Application.objects.filter(pk=draft.pk).update(channel=channel)
    draft.refresh_from_db()
    assert services.missing_fields(draft) == ["referrer"]
    assert services.missing_for_submission(draft) == [
        "Name the agent or introducer who referred you."
    ]
    draft.referrer_name = "Dr Hassan"
    assert services.missing_fields(draft) == []


def test_a_missing_document_and_a_closed_program_are_said(applicant):
    program = make_program(documents=("passport", "photo"))
    draft = complete_draft(applicant, program)
    draft.documents.filter(type__code="photo").delete()
    program.deadline = timezone.localdate() - timedelta(days=1)
    program.save()
    draft = Application.objects.get(pk=draft.pk)
    assert services.missing_fields(draft) == ["documents"]
    photo = DocumentType.objects.get(code="photo")
    assert services.missing_for_submission(draft) == [
        f"Upload: {photo.name}.",
        "This program no longer accepts applications.",
    ]


# --- Uploads: the photo's limits, and when a file may be replaced


def _photo_type():
    return DocumentType.objects.get(code="photo")


@pytest.mark.parametrize("size", [(300, 400), (2000, 3000), (1999, 2000)])
def test_a_portrait_photo_within_the_limits_is_taken(applicant, size):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    document = services.document_add(
        application=draft, doc_type=_photo_type(), upload=png(size=size), by=applicant
    )
    assert document.kind == "png" and document.size > 0


@pytest.mark.parametrize(
    ("size", "reason"),
    [
        ((299, 400), "The photo must be at least 300 × 400 pixels; this one is 299 × 400."),
        ((300, 399), "The photo must be at least 300 × 400 pixels; this one is 300 × 399."),
        ((2001, 3000), "The photo must be at most 2000 × 3000 pixels."),
        ((1000, 3001), "The photo must be at most 2000 × 3000 pixels."),
        ((500, 500), "The photo must be a portrait: taller than it is wide."),
        ((600, 500), "The photo must be a portrait: taller than it is wide."),
    ],
)
def test_a_photo_outside_the_limits_is_refused_with_its_reason(applicant, size, reason):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    with pytest.raises(ValidationError) as error:
        services.document_add(
            application=draft, doc_type=_photo_type(), upload=png(size=size), by=applicant
        )
    assert error.value.messages == [reason]
    assert not draft.documents.exists()


def test_a_photo_over_2_mb_is_refused(applicant, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 100)
    draft = Application.objects.create(applicant=applicant, program=make_program())
    with pytest.raises(ValidationError) as error:
        services.document_add(application=draft, doc_type=_photo_type(), upload=png(), by=applicant)
    assert error.value.messages == ["The photo must be at most 2 MB."]


def test_a_photo_of_exactly_the_largest_size_is_taken(applicant, monkeypatch):
    upload = png()
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", upload.size)
    draft = Application.objects.create(applicant=applicant, program=make_program())
    services.document_add(application=draft, doc_type=_photo_type(), upload=upload, by=applicant)
    assert draft.documents.get().size == upload.size


def test_a_pdf_is_not_a_photo(applicant):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    with pytest.raises(ValidationError, match=r"^\['The photo must be a JPEG or PNG image\.'\]$"):
        services.document_add(application=draft, doc_type=_photo_type(), upload=pdf(), by=applicant)


def test_the_photo_is_stored_whole_after_its_size_is_read(applicant):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    upload = png(size=(300, 400))
    content = upload.read()
    upload.seek(0)
    document = services.document_add(
        application=draft, doc_type=_photo_type(), upload=upload, by=applicant
    )
    with document.file.open("rb") as stored:
        assert stored.read() == content


def test_only_the_applicant_uploads(applicant, officer):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    with pytest.raises(
        ValidationError, match=r"^\['Only the applicant uploads their documents\.'\]$"
    ):
        services.document_add(
            application=draft,
            doc_type=DocumentType.objects.get(code="passport"),
            upload=pdf(),
            by=officer,
        )


def test_a_draft_takes_a_new_file_in_place_of_the_old_one_without_news_for_the_office(
    applicant,
):
    draft = complete_draft(applicant, make_program())
    passport = DocumentType.objects.get(code="passport")
    old = services.current_documents(draft)[passport.pk]
    new = services.document_add(
        application=draft, doc_type=passport, upload=pdf("again.pdf"), by=applicant
    )
    old.refresh_from_db()
    assert old.replaced and not new.replaced
    assert new.original_name == "again.pdf" and new.kind == "pdf"
    assert services.current_documents(draft) == {
        passport.pk: new,
        _photo_type().pk: services.current_documents(draft)[_photo_type().pk],
    }
    assert not draft.thread.exists()


def test_a_long_file_name_is_kept_to_255_characters_with_its_extension(applicant):
    draft = Application.objects.create(applicant=applicant, program=make_program())
    name = "a" * 300 + ".pdf"
    document = services.document_add(
        application=draft,
        doc_type=DocumentType.objects.get(code="passport"),
        upload=pdf(name),
        by=applicant,
    )
    document.refresh_from_db()
    assert document.original_name == "a" * 251 + ".pdf"


def test_a_new_file_marks_only_the_old_one_replaced_and_keeps_the_offices_verdict(
    applicant, officer, monkeypatch
):
    """The old document is read before its row is written: a verdict the office saves on it
    meanwhile (its row is not locked) stays; the upload writes the flag alone."""
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    passport = DocumentType.objects.get(code="passport")
    workflow.move(
        services.current_documents(application)[passport.pk], "reject", by=officer, note="Cut."
    )
    read, reads = services.current_documents, []

    def read_then_the_office_writes(application):
        documents = read(application)
        reads.append(documents)
        reason = f"Read {len(reads)} times."
        Document.objects.filter(pk=documents[passport.pk].pk).update(reason=reason)
        return documents

    monkeypatch.setattr(services, "current_documents", read_then_the_office_writes)
    services.document_add(application=application, doc_type=passport, upload=pdf(), by=applicant)
    old = application.documents.get(type=passport, replaced=True)
    assert (old.status, old.reason) == ("rejected", f"Read {len(reads)} times.")


def test_after_submission_only_a_missing_or_rejected_document_may_be_uploaded(applicant, officer):
    program = make_program(documents=("passport", "photo"))
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    passport = DocumentType.objects.get(code="passport")
    transcript = DocumentType.objects.exclude(code__in=("passport", "photo")).first()
    assert services.can_upload(application, passport) is False
    assert services.can_upload(application, transcript) is True  # none of it yet
    document = services.current_documents(application)[passport.pk]
    workflow.move(document, "reject", by=officer, note="Cut off.")
    assert services.can_upload(application, passport) is True
    services.document_add(application=application, doc_type=passport, upload=pdf(), by=applicant)
    message = application.thread.get()
    assert message.body == f"I have uploaded a new file for “{passport.name}”."
    # Written in the applicant's language, whatever the page's.
    applicant.preferred_language = "fa"
    applicant.save()
    workflow.move(
        services.current_documents(application)[passport.pk], "reject", by=officer, note="Again."
    )
    services.document_add(application=application, doc_type=passport, upload=pdf(), by=applicant)
    assert application.thread.order_by("pk").last().body.startswith("پروندهٔ تازه‌ای برای «")
    assert not message.from_office and message.author == applicant


@pytest.mark.parametrize(
    "stage",
    [Stage.ENROLLED, Stage.REJECTED, Stage.WITHDRAWN, Stage.OFFER_DECLINED, Stage.OFFER_LAPSED],
)
def test_nothing_is_uploaded_once_the_application_has_ended(applicant, stage):
    application = Application.objects.create(
        applicant=applicant, program=make_program(), stage=stage
    )
    passport = DocumentType.objects.get(code="passport")
    assert services.can_upload(application, passport) is False
    with pytest.raises(ValidationError) as error:
        services.document_add(
            application=application, doc_type=passport, upload=pdf(), by=applicant
        )
    assert error.value.messages == [
        "This document is with the office; it can be replaced only if the office rejects it."
    ]
    assert not application.documents.exists()


def test_a_draft_takes_any_upload(applicant):
    draft = complete_draft(applicant, make_program())
    assert services.can_upload(draft, DocumentType.objects.get(code="passport")) is True


# --- A new draft from the last one


def test_a_new_draft_carries_the_person_and_the_education_of_the_last_one(applicant):
    first = complete_draft(applicant, make_program())
    Application.objects.filter(pk=first.pk).update(
        father_name="Ali",
        grandfather_name="Hassan",
        native_given_name="زهراء",
        native_father_name="علي",
        native_grandfather_name="حسن",
        native_family_name="جابر",
        address="Karbala",
        statement="Mine alone",
    )
    older = Application.objects.create(applicant=applicant, given_name="Older")
    Application.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=9))
    program = make_program(name_en="Dentistry")
    draft = services.application_start(applicant=applicant, program=program)
    assert draft.is_draft and draft.program == program and draft.pk != first.pk
    first.refresh_from_db()
    for field in (
        "given_name",
        "father_name",
        "grandfather_name",
        "family_name",
        "native_given_name",
        "native_father_name",
        "native_grandfather_name",
        "native_family_name",
        "native_name",
        "sex",
        "birth_date",
        "nationality",
        "passport_number",
        "passport_expires_on",
        "phone",
        "address",
    ):
        assert getattr(draft, field) == getattr(first, field), field
    assert draft.statement == "" and draft.channel == ""
    assert list(draft.education.values_list("institution", flat=True)) == ["Baghdad College"]
    assert first.education.count() == 1  # copied, not moved
    assert not draft.documents.exists()


def test_a_first_draft_starts_empty(applicant):
    draft = services.application_start(applicant=applicant)
    assert draft.program is None and draft.given_name == ""
    assert not Education.objects.filter(application=draft).exists()


# --- The thread and a saved reply's placeholders


def test_a_draft_has_no_thread_yet(applicant):
    draft = complete_draft(applicant, make_program())
    assert services.thread_closed(draft) == (
        "Submit the application first; then you can write to the office here."
    )
    submitted = workflow.move(draft, "submit", by=applicant)
    assert services.thread_closed(submitted) is None


def test_the_placeholders_name_the_applicant_in_the_readers_script(applicant, officer):
    program = make_program(documents=("passport", "photo"))
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(father_name="Ali")
    application.refresh_from_db()
    english = services.message_placeholders(application)
    assert english == {
        "name": "Zahraa Ali Jaber",
        "reference": application.reference,
        "program": "Medicine (MD)",
        "deadline": english["deadline"],
        "missing_documents": "none",
    }
    assert english["deadline"]
    passport = services.current_documents(application)[DocumentType.objects.get(code="passport").pk]
    workflow.move(passport, "reject", by=officer, note="Cut off.")
    with translation.override("fa"):
        persian = services.message_placeholders(application)
        assert persian["name"] == "زهراء جابر"
        assert persian["missing_documents"] == str(passport.type.name)
        assert persian["program"] == "پزشکی عمومی"


def test_a_placeholder_name_falls_back_to_the_latin_one_then_the_account(applicant):
    application = Application.objects.create(applicant=applicant, given_name="Zahraa")
    with translation.override("fa"):
        assert services.message_placeholders(application)["name"] == "Zahraa"
    nameless = Application.objects.create(applicant=applicant)
    placeholders = services.message_placeholders(nameless)
    assert placeholders["name"] == applicant.display_name
    assert placeholders["program"] == "" and placeholders["deadline"] == ""


def test_the_documents_to_do_are_the_missing_and_the_rejected(applicant, officer):
    program = make_program(documents=("passport", "photo"))
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    assert services.to_do_documents(application) == []
    photo = services.current_documents(application)[_photo_type().pk]
    workflow.move(photo, "reject", by=officer, note="Blurred.")
    assert services.to_do_documents(application) == [str(_photo_type().name)]
    with translation.override("en"):
        two = services.listed([*services.to_do_documents(application), "Transcript"])
    assert two == f"{_photo_type().name}, Transcript"


# --- The dashboard's and the reminders' limits in days


def test_an_application_is_stalled_after_14_days_in_an_office_stage(applicant):
    now = timezone.now()
    late = Application.objects.create(
        applicant=applicant, stage=Stage.SUBMITTED, stage_since=now - timedelta(days=14, hours=1)
    )
    Application.objects.create(
        applicant=applicant, stage=Stage.SUBMITTED, stage_since=now - timedelta(days=13, hours=23)
    )
    Application.objects.create(
        applicant=applicant, stage=Stage.ADMITTED, stage_since=now - timedelta(days=30)
    )
    Application.objects.create(
        applicant=applicant, stage=Stage.DRAFT, stage_since=now - timedelta(days=30)
    )
    assert list(services.stalled(Application.objects.all(), now=now)) == [late]
    assert list(services.stalled(Application.objects.all())) == [late]


@pytest.mark.parametrize(
    "stage",
    [
        Stage.SUBMITTED,
        Stage.DOCUMENT_CHECK,
        Stage.FACULTY_REVIEW,
        Stage.INTERVIEW,
        Stage.WAITLISTED,
        Stage.OFFER_ACCEPTED,
        Stage.FEES_RECEIVED,
    ],
)
def test_every_stage_the_office_works_in_can_stall(applicant, stage):
    application = Application.objects.create(
        applicant=applicant, stage=stage, stage_since=timezone.now() - timedelta(days=20)
    )
    assert list(services.stalled(Application.objects.all())) == [application]


def test_a_permit_ends_soon_within_60_days_from_today(applicant):
    today = date(2026, 3, 1)

    def ending(days):
        return Application.objects.create(
            applicant=applicant, residence_expires_on=today + timedelta(days=days)
        )

    inside = [ending(0), ending(60)]
    ending(-1)
    ending(61)
    found = services.residence_ending(Application.objects.all(), today=today)
    assert sorted(found.values_list("pk", flat=True)) == [a.pk for a in inside]
    now = timezone.localdate()
    current = Application.objects.create(
        applicant=applicant, residence_expires_on=now + timedelta(days=1)
    )
    assert current in services.residence_ending(Application.objects.all())


# --- References and letters


def test_references_count_per_academic_year_from_one(applicant):
    first = services.next_reference(date(2026, 10, 1))  # 1405
    second = services.next_reference(date(2026, 12, 1))
    other_year = services.next_reference(date(2027, 10, 1))  # 1406
    assert (first, second, other_year) == (
        "KUMS-1405-00001",
        "KUMS-1405-00002",
        "KUMS-1406-00001",
    )


def test_a_letter_the_stage_does_not_allow_is_refused(applicant, officer):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    with pytest.raises(ValidationError) as error:
        services.application_letter_issue(
            application=application, kind="admission_letter", language="en", by=officer
        )
    assert error.value.messages == ["This letter cannot be issued at the application's stage."]
    assert services.admission_letter_issue(application_id=application.pk) is None


@pytest.mark.parametrize("language", ["ckb", "ar"])
def test_letters_are_written_in_english_or_persian_only(applicant, officer, language):
    application = Application.objects.create(
        applicant=applicant, program=make_program(), stage=Stage.ADMITTED, reference="KUMS-1-1"
    )
    with pytest.raises(ValidationError) as error:
        services.application_letter_issue(
            application=application, kind="admission_letter", language=language, by=officer
        )
    assert error.value.messages == ["Letters are written in English or Persian."]


# --- The reminders' mails


def test_a_stalled_reminder_tells_each_officer_the_days_waiting_in_their_language(
    applicant, make_user
):
    english = make_user(Role.OFFICER, email="desk@test.example", preferred_language="en")
    persian = make_user(Role.OFFICER, email="fa@test.example", preferred_language="fa")
    make_user(Role.OFFICER, email="gone@test.example", is_active=False)
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(
        stage_since=timezone.now() - timedelta(days=20)
    )
    OutgoingMail.objects.all().delete()
    assert services.reminders_send() == 1
    mail = OutgoingMail.objects.get(to=english.email)
    assert mail.body_text.startswith(f"Dear {english.display_name},")
    assert mail.language == "en" and mail.subject == (
        f"Waiting too long: application {application.reference}"
    )
    assert "for 20 days" in mail.body_text
    assert f"/en/students/applications/{application.pk}/" in mail.body_text
    assert OutgoingMail.objects.get(to=persian.email).language == "fa"
    assert f"/fa/students/applications/{application.pk}/" in (
        OutgoingMail.objects.get(to=persian.email).body_text
    )
    assert not OutgoingMail.objects.filter(to="gone@test.example").exists()
    assert not OutgoingMail.objects.filter(to=applicant.email).exists()


def test_a_residence_reminder_goes_to_the_student_too_with_their_page(applicant, officer):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(
        stage=Stage.ENROLLED, residence_expires_on=timezone.localdate() + timedelta(days=30)
    )
    OutgoingMail.objects.all().delete()
    assert services.reminders_send() == 1
    reminder = Reminder.objects.get()
    assert reminder.kind == "residence" and reminder.item is None
    assert timezone.localtime(reminder.about).date() == timezone.localdate() + timedelta(days=30)
    mail = OutgoingMail.objects.get(to=applicant.email)
    assert mail.body_text.startswith(f"Dear {applicant.display_name},")
    assert "residence permit ends" in mail.body_text
    assert f"/en/students/my/{application.pk}/" in mail.body_text
    assert OutgoingMail.objects.filter(to=officer.email).count() == 1


def test_the_residence_reminder_counts_60_days_from_the_day_it_runs_for(applicant, officer):
    today = timezone.localdate()
    Application.objects.create(
        applicant=applicant,
        stage=Stage.ENROLLED,
        reference="KUMS-1405-90003",
        residence_expires_on=today + timedelta(days=70),
    )
    assert services.reminders_send() == 0
    assert services.reminders_send(today=today + timedelta(days=20)) == 1


# --- The checklist after admission, saved directly


def _admitted(applicant) -> Application:
    application = complete_draft(applicant, make_program())
    Application.objects.filter(pk=application.pk).update(stage=Stage.ADMITTED)
    application.refresh_from_db()
    return application


def _items(application, **states) -> list[ArrivalItem]:
    items = services.arrival_items(application)
    for item in items:
        if item.kind in states:
            item.state, item.date = states[item.kind]
    return items


def test_the_checklist_lists_every_item_in_order_the_unsaved_ones_pending(applicant):
    application = _admitted(applicant)
    ArrivalItem.objects.create(application=application, kind="insurance", state="done")
    items = services.arrival_items(application)
    assert [item.kind for item in items] == ArrivalItem.Kind.values
    states = {item.kind: (item.state, item.pk is not None) for item in items}
    assert states["insurance"] == ("done", True)
    assert states["visa"] == ("pending", False)
    assert all(item.application_id == application.pk for item in items)


def test_the_residence_permit_needs_its_number_before_it_is_done(applicant, officer):
    application = _admitted(applicant)
    with pytest.raises(ValidationError) as error:
        services.arrival_checklist_save(
            application=application,
            items=_items(application, residence=("done", None)),
            values={"residence_permit_number": ""},
            by=officer,
        )
    assert error.value.messages == ["Enter the residence permit's number before marking it done."]
    services.arrival_checklist_save(
        application=application,
        items=_items(application, residence=("done", None), registration=("done", None)),
        values={"residence_permit_number": "RP-1", "registration_code": "14051234"},
        by=officer,
    )
    application.refresh_from_db()
    assert application.residence_permit_number == "RP-1"
    assert application.registration_code == "14051234"
    assert set(application.arrival_items.values_list("kind", "state")) == {
        ("residence", "done"),
        ("registration", "done"),
    }


def test_a_changed_item_is_saved_in_its_own_row_by_whoever_changed_it(applicant, officer, manager):
    application = _admitted(applicant)
    due = date(2027, 1, 5)
    services.arrival_checklist_save(
        application=application,
        items=_items(application, insurance=("pending", due)),
        values={},
        by=officer,
    )
    first = application.arrival_items.get()
    services.arrival_checklist_save(
        application=application,
        items=_items(application, insurance=("done", due)),
        values={},
        by=manager,
    )
    assert list(application.arrival_items.values_list("pk", "kind", "state", "updated_by")) == [
        (first.pk, "insurance", "done", manager.pk)
    ]


def test_a_visa_granted_the_day_its_letter_was_sent_is_taken(applicant, officer):
    application = _admitted(applicant)
    day = date(2026, 11, 20)
    services.arrival_checklist_save(
        application=application,
        items=_items(application, visa_letter=("done", day), visa=("done", day)),
        values={},
        by=officer,
    )
    assert application.arrival_items.get(kind="visa").date == day
    with pytest.raises(ValidationError) as error:
        services.arrival_checklist_save(
            application=application,
            items=_items(
                application,
                visa_letter=("done", day),
                visa=("done", day - timedelta(days=1)),
                registration=("done", None),
            ),
            values={},
            by=officer,
        )
    assert error.value.messages == [
        "Enter the registration code before marking it done.",
        "The visa cannot be granted before the visa letter was sent.",
    ]


# --- The retention's limits in days


def test_a_draft_untouched_for_365_days_stays_one_more_day_goes(applicant):
    today = date(2026, 3, 1)
    midnight = timezone.make_aware(timezone.datetime(2026, 3, 1))
    kept = Application.objects.create(applicant=applicant)
    gone = Application.objects.create(applicant=applicant)
    # Only drafts go: a submitted file nobody touched for longer stays.
    submitted = Application.objects.create(applicant=applicant, stage=Stage.SUBMITTED)
    Application.objects.filter(pk=submitted.pk).update(updated_at=midnight - timedelta(days=900))
    Application.objects.filter(pk=kept.pk).update(updated_at=midnight - timedelta(days=365))
    Application.objects.filter(pk=gone.pk).update(
        updated_at=midnight - timedelta(days=365, seconds=1)
    )
    counts = services.personal_data_expire(today=today, dry_run=True)
    assert counts == {"drafts_deleted": 1, "applications_anonymized": 0}
    assert Application.objects.filter(pk=gone.pk).exists()
    services.personal_data_expire(today=today)
    assert Application.objects.filter(pk=kept.pk).exists()
    assert Application.objects.filter(pk=submitted.pk).exists()
    assert not Application.objects.filter(pk=gone.pk).exists()


def test_a_closed_file_is_anonymized_after_730_days_and_its_figures_stay(applicant, officer):
    today = date(2026, 3, 1)
    midnight = timezone.make_aware(timezone.datetime(2026, 3, 1))

    def closed(days, stage=Stage.REJECTED):
        application = workflow.move(
            complete_draft(applicant, make_program()), "submit", by=applicant
        )
        Application.objects.filter(pk=application.pk).update(
            stage=stage,
            stage_since=midnight - timedelta(days=days),
            address="Karbala",
            statement="Mine",
            request_to_applicant="Send it",
            father_name="Ali",
        )
        return application

    kept = closed(730)
    gone = closed(730, stage=Stage.WITHDRAWN)
    Application.objects.filter(pk=gone.pk).update(stage_since=midnight - timedelta(days=731))
    admitted = closed(900, stage=Stage.ADMITTED)
    messaging.message_post(subject=gone, by=applicant, body="Hello", from_office=False)
    Note.objects.create(application=gone, by=officer, text="Called her")
    assert services.personal_data_expire(today=today) == {
        "drafts_deleted": 0,
        "applications_anonymized": 1,
    }
    gone.refresh_from_db()
    for field, empty in services.PERSONAL_FIELDS.items():
        assert getattr(gone, field) == empty, field
    assert "a1234567" not in gone.search_text.lower() and "zahraa" not in gone.search_text.lower()
    assert not gone.thread.exists() and not gone.notes.exists()
    assert not gone.education.exists() and not gone.documents.exists()
    assert gone.reference and gone.stage == Stage.WITHDRAWN
    for application in (kept, admitted):
        application.refresh_from_db()
        assert application.given_name == "Zahraa" and application.education.exists()
        assert application.documents.exists()


def test_the_retention_counts_from_now_when_no_day_is_given(applicant):
    stale = Application.objects.create(applicant=applicant)
    Application.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=366))
    assert services.personal_data_expire() == {"drafts_deleted": 1, "applications_anonymized": 0}
    assert not Application.objects.filter(pk=stale.pk).exists()


def test_the_applicants_mail_links_a_receipt_only_once_there_is_a_reference(applicant):
    application = complete_draft(applicant, make_program())
    services.tell_applicant(application, "submitted")
    mail = OutgoingMail.objects.get(to=applicant.email)
    assert mail.language == "en" and "receipt" not in mail.body_text
    assert f"/en/students/my/{application.pk}/" in mail.body_text
    application = workflow.move(application, "submit", by=applicant)
    mail = OutgoingMail.objects.filter(to=applicant.email).order_by("pk").last()
    assert f"/en/students/my/{application.pk}/receipt/" in mail.body_text


def test_the_lapse_skips_an_offer_answered_meanwhile_and_lapses_the_others(applicant, monkeypatch):
    def past(n):
        application = Application.objects.create(
            applicant=applicant,
            program=make_program(),
            stage=Stage.ADMITTED,
            reference=f"KUMS-1405-9000{n}",
            offer_deadline=timezone.localdate() - timedelta(days=1),
        )
        return application

    answered, late, later = past(1), past(2), past(3)
    move = workflow.move

    def answered_first(application, transition, **kwargs):
        # The applicant accepts the first offer while the job runs: its lapse is refused.
        if application.pk == answered.pk:
            Application.objects.filter(pk=answered.pk).update(stage=Stage.OFFER_ACCEPTED)
        return move(application, transition, **kwargs)

    monkeypatch.setattr(workflow, "move", answered_first)
    assert services.offers_lapse() == 2
    assert Application.objects.get(pk=answered.pk).stage == Stage.OFFER_ACCEPTED
    assert Application.objects.get(pk=late.pk).stage == Stage.OFFER_LAPSED
    assert Application.objects.get(pk=later.pk).stage == Stage.OFFER_LAPSED


def test_a_reminder_sent_already_does_not_stop_the_next_ones(applicant, officer):
    stalled = Application.objects.create(
        applicant=applicant,
        stage=Stage.SUBMITTED,
        reference="KUMS-1405-90001",
        stage_since=timezone.now() - timedelta(days=20),
    )
    assert services.reminders_send() == 1
    ending = Application.objects.create(
        applicant=applicant,
        stage=Stage.ENROLLED,
        reference="KUMS-1405-90002",
        residence_expires_on=timezone.localdate() + timedelta(days=10),
    )
    assert services.reminders_send() == 1
    assert set(Reminder.objects.values_list("application", "kind")) == {
        (stalled.pk, "stalled"),
        (ending.pk, "residence"),
    }


@pytest.mark.parametrize(
    "kept", [{"given_name": "Zahraa"}, {"family_name": "Jaber"}, {"passport_number": "A1"}]
)
def test_a_closed_file_with_any_of_its_names_left_is_anonymized(applicant, kept):
    application = Application.objects.create(
        applicant=applicant,
        stage=Stage.REJECTED,
        reference="KUMS-1403-00001",
        stage_since=timezone.now() - timedelta(days=800),
        **kept,
    )
    assert services.personal_data_expire()["applications_anonymized"] == 1
    application.refresh_from_db()
    assert (application.given_name, application.family_name, application.passport_number) == (
        "",
        "",
        "",
    )
    assert services.personal_data_expire()["applications_anonymized"] == 0


@pytest.mark.parametrize(("language", "written"), [("fa", "fa"), ("en", "en"), ("ckb", "en")])
def test_the_portals_admission_letter_is_in_the_applicants_language_if_letters_are(
    applicant, language, written
):
    applicant.preferred_language = language
    applicant.save()
    application = Application.objects.create(
        applicant=applicant, program=make_program(), stage=Stage.ADMITTED, reference="KUMS-1-2"
    )
    issued = services.admission_letter_issue(application_id=application.pk)
    assert (issued.kind, issued.language, issued.issued_by) == ("admission_letter", written, None)
    assert issued.record == application
    # Asked again (a retried task), the valid letter stays the one issued.
    assert services.admission_letter_issue(application_id=application.pk) == issued


def test_the_receipt_says_which_document_is_missing_in_the_readers_language(applicant, tmp_path):
    from ..reports.test_pdf import pdf_text

    program = make_program(documents=("passport", "photo"))
    application = complete_draft(applicant, program)
    application.documents.filter(type__code="photo").delete()
    Application.objects.filter(pk=application.pk).update(reference="KUMS-1405-00042")
    application.refresh_from_db()
    english = " ".join(pdf_text(services.receipt_pdf(application, language="en"), tmp_path).split())
    assert "Affairs Office Receipt of your application Prepared on" in english
    # Each required document by name, with its file and state; the photo with neither.
    assert "Passport (data page) scan.pdf Waiting for review" in english
    assert "Passport-size photograph — Missing" in english
    today = timezone.localdate()
    assert f"Prepared on {today.day} {today:%B} {today.year}" in english
    persian = " ".join(pdf_text(services.receipt_pdf(application, language="fa"), tmp_path).split())
    assert "ناموجود" in persian  # the photo: "Missing"
    assert "در انتظار بررسی" in persian  # the passport: "Waiting for review"
    assert "photo.png" not in persian


def test_the_officers_hear_of_a_new_application_each_in_their_language(applicant, make_user):
    english = make_user(Role.OFFICER, email="desk@test.example", preferred_language="en")
    persian = make_user(Role.OFFICER, email="fa@test.example", preferred_language="fa")
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    OutgoingMail.objects.all().delete()
    services.tell_officers(application)
    mail = OutgoingMail.objects.get(to=english.email)
    assert mail.subject == f"New application {application.reference}"
    assert mail.body_text.startswith(f"Dear {english.display_name},")
    assert f"/en/students/applications/{application.pk}/" in mail.body_text
    mail = OutgoingMail.objects.get(to=persian.email)
    assert mail.language == "fa"
    assert f"/fa/students/applications/{application.pk}/" in mail.body_text
    assert not OutgoingMail.objects.filter(to=applicant.email).exists()
