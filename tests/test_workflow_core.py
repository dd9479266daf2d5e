"""The workflow core itself: nothing but move() writes a state, and every workflow is
property-tested (tests/workflow_properties.py)."""

import ast
import importlib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from intlaffairs import workflow

ROOT = Path(__file__).resolve().parent.parent
# The core writes states in move(), and keeps technical job states of its own (an e-mail's
# delivery, a report's rendering), which are not business decisions.
CORE = ROOT / "intlaffairs"


def source_files():
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(ROOT) or ".venv" in path.parts or path == CORE:
            continue
        for file in path.rglob("*.py"):
            if "migrations" in file.parts:
                continue
            yield file


def state_fields() -> set[str]:
    return {declared.field for declared in workflow.workflows()}


WRITING_CALLS = {"create", "update", "get_or_create", "update_or_create", "bulk_create"}


def writes(tree: ast.AST, fields: set[str]):
    """(line, what) for each write of a state field: `x.status = …`, `.update(status=…)`,
    `.create(status=…)`, `Model(status=…)` of a workflow model, `defaults={"status": …}`."""
    models = {declared.model.__name__ for declared in workflow.workflows()}
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in fields:
                yield node.lineno, f"assigns .{target.attr}"
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in WRITING_CALLS or name in models:
                for keyword in node.keywords:
                    if keyword.arg in fields:
                        yield node.lineno, f"{name}({keyword.arg}=…)"
                    if keyword.arg == "defaults" and isinstance(keyword.value, ast.Dict):
                        for key in keyword.value.keys:
                            if isinstance(key, ast.Constant) and key.value in fields:
                                yield node.lineno, f"{name}(defaults={{{key.value!r}: …}})"


def test_nothing_but_the_workflow_core_writes_a_state_field():
    fields = state_fields()
    found = [
        f"{file.relative_to(ROOT)}:{line}: {what}"
        for file in source_files()
        for line, what in writes(ast.parse(file.read_text()), fields)
    ]
    assert found == []


def test_the_check_sees_a_write():
    code = "a.status = 'x'\nA.objects.filter(pk=1).update(stage='y')\nb.save()\n"
    assert [what for _line, what in writes(ast.parse(code), {"status", "stage"})] == [
        "assigns .status",
        "update(stage=…)",
    ]


def test_no_form_offers_a_state_field():
    """A ModelForm of a workflow model leaves its state out (imports are checked in
    tests/intlaffairs/test_imports.py: a state column may only repeat the record's state)."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for config in apps.get_app_configs():
        for module in ("forms", "admin"):
            try:
                importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError:
                continue
    offered = []
    for form in subclasses(forms.ModelForm):
        model = getattr(getattr(form, "_meta", None), "model", None)
        if (
            model in {w.model for w in workflow.workflows()}
            and workflow.workflow_of(model).field in form.base_fields
        ):
            offered.append(form.__qualname__)
    assert offered == []


def property_tested() -> set[str]:
    names = set()
    for file in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(file.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "check_workflow"
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                names.add(node.args[0].id)
    return names


def test_every_workflow_has_a_property_test():
    declared = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.workflows")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, workflow.Workflow):
                declared[name] = value
    assert set(declared) - property_tested() == set()


@pytest.mark.django_db
def test_history_labels_and_the_created_row(officer):
    from tests.factories import AgreementFactory

    translation.activate("en")
    agreement = AgreementFactory()
    workflow.created(agreement, by=officer)
    agreement = workflow.move(agreement, "negotiate", by=officer)
    first, second = workflow.history(agreement)
    assert (first.from_state, first.from_label) == ("", "Created")
    assert (second.from_label, second.to_label) == ("Draft", "Under negotiation")
    assert second.transition_label == "Start negotiation"


@pytest.mark.django_db
def test_the_portals_own_steps_are_not_a_persons_and_a_persons_not_the_portals(manager):
    from django.core.exceptions import ValidationError

    from tests.factories import AgreementFactory

    agreement = AgreementFactory(status="active")
    with translation.override("en"):
        with pytest.raises(ValidationError, match="The portal takes this step by itself"):
            workflow.move(agreement, "expire", by=manager)
        with pytest.raises(
            ValidationError, match="Only an office manager can activate or terminate"
        ):
            workflow.move(agreement, "terminate", by=None, note="no one")
    assert workflow.move(agreement, "expire", by=None).status == "expired"


@pytest.mark.django_db
def test_a_new_record_starts_in_the_first_state(officer):
    from django.core.exceptions import ValidationError

    from tests.factories import AgreementFactory

    with (
        translation.override("en"),
        pytest.raises(ValidationError, match=r"^\['A new record starts as “Draft”.'\]$"),
    ):
        workflow.created(AgreementFactory(status="active"), by=officer)


@pytest.mark.django_db
def test_unknown_data_is_a_programming_error_and_missing_data_a_translated_one(manager):
    from django.core.exceptions import ValidationError

    from tests.factories import AgreementFactory

    agreement = AgreementFactory(status="active")
    with pytest.raises(TypeError, match=r"^terminate takes no \['paid_on'\]$"):
        workflow.move(agreement, "terminate", by=manager, note="x", paid_on="2026-01-01")
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        workflow.move(agreement, "terminate", by=manager)
    assert refused.value.messages == ["دلیل فسخ وارد کنید."]


@pytest.mark.django_db
def test_the_step_page_is_a_404_for_a_record_one_cannot_see_or_a_step_that_does_not_exist(
    client, faculty, officer
):
    from tests.factories import AgreementFactory

    agreement = AgreementFactory()
    url = f"/en/move/agreements.agreement/{agreement.pk}/negotiate/"
    client.force_login(faculty)  # not among its initiators
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200
    assert client.get(url.replace("negotiate", "fly")).status_code == 404
    assert client.get(url.replace("agreements.agreement", "auth.user")).status_code == 404


@pytest.mark.django_db
def test_the_step_page_goes_back_only_to_this_site(client, officer):
    from tests.factories import AgreementFactory

    agreement = AgreementFactory()
    url = f"/en/move/agreements.agreement/{agreement.pk}/negotiate/"
    client.force_login(officer)
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()


# --- The parts of the core a workflow is declared with, and the answers pages draw from it


@pytest.fixture
def own_registry():
    """Declaring a workflow registers it for its model: the test's own declarations are undone."""
    from agreements.models import Agreement

    saved, declared = dict(workflow._REGISTRY), Agreement.workflow
    yield
    workflow._REGISTRY.clear()
    workflow._REGISTRY.update(saved)
    Agreement.workflow = declared


def test_a_declared_workflow_knows_its_states_first_state_and_model(own_registry):
    from agreements.models import Agreement

    step = workflow.Transition(name="negotiate", label="N", source=["draft"], target="negotiation")
    declared = workflow.Workflow(Agreement, field="status", transitions=[step])
    assert declared.model is Agreement
    assert declared.field == "status"
    assert declared.transitions == {"negotiate": step}
    assert declared.states == dict(Agreement.Status.choices)
    assert declared.initial == "draft"  # the field's default
    assert workflow.workflow_of(Agreement) is declared
    assert Agreement.workflow is declared
    assert repr(declared) == "<Workflow agreements.Agreement.status>"
    later = workflow.Workflow(Agreement, field="status", transitions=[], initial="negotiation")
    assert later.initial == "negotiation"


def test_a_step_to_or_from_an_undeclared_state_is_refused_when_declared(own_registry):
    from agreements.models import Agreement

    before = Agreement.workflow
    with pytest.raises(ValueError, match=r"^Agreement: unknown states \['flying', 'gone'\]$"):
        workflow.Workflow(
            Agreement,
            field="status",
            transitions=[
                workflow.Transition(name="fly", label="F", source=["flying"], target="gone"),
                workflow.Transition(name="ok", label="O", source=["draft"], target="active"),
            ],
        )
    assert Agreement.workflow is before


def test_the_form_of_a_step_asks_for_what_it_needs():
    from intlaffairs.jalali import JalaliDateField

    step = workflow.Transition(
        name="pay",
        label="Pay",
        source=["a"],
        target="b",
        needs=[
            workflow.Need("paid_on", "payment date", kind="date"),
            workflow.Need("reference", "reference", kind="line", required=False, help_text="h"),
            workflow.Need("note", "why"),
            workflow.Need("done_on", "done on", kind="date", required=False),
            workflow.Need("amount", "amount", kind="amount"),
        ],
    )
    record = type("Record", (), {"pk": 7, "_meta": type("Meta", (), {"model_name": "claim"})})()
    form = step.form(
        record,
        data={
            "claim-7-pay-note": "  because  ",
            "claim-7-pay-paid_on": "",
            "claim-7-pay-amount": "5",
        },
    )
    assert form.prefix == "claim-7-pay"
    assert list(form.fields) == ["paid_on", "reference", "note", "done_on", "amount"]
    paid_on, reference, note, done_on, amount = form.fields.values()
    # An amount is typed left to right with the decimal keypad; a line is plain text.
    assert isinstance(amount.widget, forms.TextInput)
    assert amount.widget.attrs == {"inputmode": "decimal", "dir": "ltr", "maxlength": "200"}
    assert reference.widget.attrs == {"maxlength": "200"}
    assert isinstance(done_on, JalaliDateField) and not done_on.required
    assert isinstance(paid_on, JalaliDateField)
    assert (paid_on.label, paid_on.required) == ("payment date", True)
    assert (reference.label, reference.required, reference.max_length) == ("reference", False, 200)
    assert reference.help_text == "h"
    assert not isinstance(reference.widget, forms.Textarea)
    assert (note.label, note.required, note.max_length) == ("why", True, workflow.NOTE_MAX_LENGTH)
    assert isinstance(note.widget, forms.Textarea) and note.widget.attrs["rows"] == 2
    assert not form.is_valid()
    assert set(form.errors) == {"paid_on"}
    assert form.cleaned_data["note"] == "because"  # stripped
    assert step.form(None).prefix == "bulk-pay"


def test_an_option_says_whether_it_may_be_taken_and_names_its_step():
    step = workflow.Transition(name="go", label="Go", source=["a"], target="b")
    assert workflow.Option(step).ok
    refused = workflow.Option(step, "not now")
    assert not refused.ok and refused.theirs
    assert (refused.name, refused.label) == ("go", "Go")


@pytest.mark.django_db
def test_state_labels_the_created_row_and_an_unknown_state():
    from agreements.workflows import AGREEMENT

    with translation.override("en"):
        assert AGREEMENT.label("") == "Created"
        assert AGREEMENT.label("draft") == "Draft"
        assert AGREEMENT.label("retired") == "retired"
        with pytest.raises(ValidationError, match=r"^\['This step does not exist.'\]$"):
            AGREEMENT.transition("fly")


@pytest.mark.django_db
def test_the_steps_a_person_can_take_somewhere_are_those_of_their_roles(make_user):
    from django.contrib.auth.models import AnonymousUser

    from agreements.workflows import AGREEMENT
    from intlaffairs.roles import Role

    office = ["negotiate", "back_to_draft", "send_for_signature", "back_to_negotiation"]
    officer = make_user(Role.OFFICER)
    assert [t.name for t in AGREEMENT.takeable_by(officer)] == office
    assert [t.name for t in AGREEMENT.takeable_by(make_user(Role.MANAGER))] == [
        *office,
        "activate",
        "terminate",
    ]
    assert AGREEMENT.takeable_by(make_user(Role.FACULTY)) == []
    assert AGREEMENT.takeable_by(None) == []
    assert AGREEMENT.takeable_by(AnonymousUser()) == []
    officer.is_active = False
    assert AGREEMENT.takeable_by(officer) == []
    assert ("draft", "negotiation") in AGREEMENT.edges()
    assert ("active", "expired") in AGREEMENT.edges()
    assert ("draft", "active") not in AGREEMENT.edges()


@pytest.mark.django_db
def test_what_a_person_is_offered_on_a_record_and_why_not(make_user):
    from intlaffairs.roles import Role
    from tests.factories import AgreementFactory

    officer, manager = make_user(Role.OFFICER), make_user(Role.MANAGER)
    waiting = AgreementFactory(status="awaiting_signature")
    with translation.override("en"):
        offered = {o.name: o for o in workflow.allowed(waiting, officer)}
        # An officer sees activation, the manager's, disabled with the reason; not termination.
        assert set(offered) == {"back_to_negotiation", "activate"}
        assert offered["back_to_negotiation"].ok
        assert not offered["activate"].theirs
        assert offered["activate"].reason == (
            "Only an office manager can activate or terminate an agreement."
        )
        offered = {o.name: o for o in workflow.allowed(waiting, manager)}
        assert set(offered) == {"back_to_negotiation", "activate", "terminate"}
        # The manager's own step, held back by a guard: theirs, with the guard's reason.
        assert offered["activate"].theirs
        assert offered["activate"].reason.startswith("Enter the signing date")
        assert workflow.allowed(waiting, make_user(Role.FACULTY)) == []
        assert workflow.allowed(waiting, None) == []
        assert workflow.may(waiting, manager, "terminate")
        assert not workflow.may(waiting, manager, "activate")
        assert not workflow.may(waiting, officer, "terminate")
        manager.is_active = False
        assert not workflow.may(waiting, manager, "terminate")
        reason, theirs = workflow.workflow_of(waiting).refusal(
            waiting, workflow.workflow_of(waiting).transition("negotiate"), manager
        )
        assert reason == "This cannot go from “Awaiting signature” to “Under negotiation”."
        assert theirs
        active = AgreementFactory(status="active")
        declared = workflow.workflow_of(active)
        assert declared.refusal(active, declared.transition("expire"), officer) == (
            "The portal takes this step by itself.",
            False,
        )
        assert declared.refusal(active, declared.transition("expire"), None) == (None, True)


def test_rules_on_the_person_named_by_the_record():
    from types import SimpleNamespace

    claim = SimpleNamespace(claimant_id=3)
    own, other = SimpleNamespace(pk=3), SimpleNamespace(pk=4)
    only = workflow.person_is("claimant_id", "only the claimant")
    not_own = workflow.person_is_not("claimant_id", "not the claimant")
    assert only(claim, own) is None
    assert only(claim, other) == "only the claimant"
    assert not_own(claim, own) == "not the claimant"
    assert not_own(claim, other) is None


def test_a_history_row_shows_the_data_its_step_took_in_the_pages_calendar():
    from datetime import date
    from types import SimpleNamespace

    step = workflow.Transition(
        name="pay",
        label="Pay",
        source=["a"],
        target="b",
        needs=[
            workflow.Need("paid_on", "payment date", kind="date"),
            workflow.Need("reference", "reference", kind="line"),
            workflow.Need("done_on", "done on", kind="date", required=False),
        ],
    )
    declared = SimpleNamespace(transitions={"pay": step})
    change = SimpleNamespace(
        workflow=declared,
        transition="pay",
        data={"stray": "x", "paid_on": "2026-03-21", "reference": 42, "done_on": ""},
    )
    with translation.override("en"):
        assert workflow.details(change) == [
            ("payment date", workflow_jalali(date(2026, 3, 21))),
            ("reference", "42"),
            ("done on", ""),
        ]
    gone = SimpleNamespace(workflow=declared, transition="removed", data={"paid_on": "2026-03-21"})
    assert workflow.details(gone) == []


def workflow_jalali(day):
    from intlaffairs import jalali

    return jalali.format_date(day)


def test_a_history_row_shows_amounts_grouped_in_the_pages_digits_cents_only_when_there_are_some():
    from types import SimpleNamespace

    step = workflow.Transition(
        name="refund",
        label="Refund",
        source=["a"],
        target="b",
        needs=[
            workflow.Need("amount", "amount", kind="amount"),
            workflow.Need("fee", "fee", kind="amount", required=False),
            workflow.Need("kept", "kept", kind="amount"),
            workflow.Need("paid_on", "paid on", kind="date", required=False),
            workflow.Need("receipt", "receipt", kind="line"),
        ],
    )
    change = SimpleNamespace(
        workflow=SimpleNamespace(transitions={"refund": step}),
        transition="refund",
        data={
            "amount": "1250000.00",
            "fee": "",
            "kept": "12.5",
            "paid_on": "",
            "receipt": "1405001",
        },
    )
    # A number that is not an amount (a receipt's number) is shown as it was typed.
    with translation.override("en"):
        assert workflow.details(change) == [
            ("amount", "1,250,000"),
            ("fee", ""),
            ("kept", "12.50"),
            ("paid on", ""),
            ("receipt", "1405001"),
        ]
    with translation.override("fa"):
        assert workflow.details(change)[:4] == [
            ("amount", "۱٬۲۵۰٬۰۰۰"),
            ("fee", ""),
            ("kept", "۱۲٫۵۰"),
            ("paid on", ""),
        ]


def test_an_amount_is_shown_as_people_read_it_and_what_is_not_one_as_it_was_given():
    with translation.override("en"):
        assert workflow._amount_shown("4000.00") == "4,000"
        assert workflow._amount_shown(4000) == "4,000"
        assert workflow._amount_shown("7.25") == "7.25"
        assert workflow._amount_shown("0.5") == "0.50"
        assert workflow._amount_shown("about 40") == "about 40"
    with translation.override("fa"):
        assert workflow._amount_shown("4000.00") == "۴٬۰۰۰"
        assert workflow._amount_shown("7.25") == "۷٫۲۵"
        assert workflow._amount_shown("۴۰ هزار") == "۴۰ هزار"


def test_history_data_is_kept_as_text_a_spreadsheet_and_json_read_back():
    from datetime import date, datetime
    from decimal import Decimal

    assert workflow._jsonable(date(2026, 3, 21)) == "2026-03-21"
    assert workflow._jsonable(datetime(2026, 3, 21, 9, 30)) == "2026-03-21T09:30:00"
    assert workflow._jsonable(Decimal("12.50")) == "12.50"
    assert workflow._jsonable("x") == "x"


@pytest.mark.django_db
def test_the_history_is_read_from_a_prefetch_when_there_is_one(django_assert_num_queries, officer):
    from django.contrib.contenttypes.models import ContentType

    from agreements.models import Agreement, Institution
    from intlaffairs.models import StateChange
    from tests.factories import AgreementFactory

    agreement = AgreementFactory()
    workflow.created(agreement, by=officer)
    workflow.move(agreement, "negotiate", by=officer)
    other = AgreementFactory()  # another record's history is not this one's
    workflow.created(other, by=officer)
    # nor another kind of record's of the same number
    StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(Institution),
        object_id=agreement.pk,
        to_state="x",
    )
    fetched = Agreement.objects.prefetch_related("moves").get(pk=agreement.pk)
    with django_assert_num_queries(0):
        assert [c.to_state for c in workflow.history(fetched)] == ["draft", "negotiation"]
    with django_assert_num_queries(1):  # with who made each move
        assert [(c.to_state, c.by) for c in workflow.history(agreement)] == [
            ("draft", officer),
            ("negotiation", officer),
        ]


@pytest.mark.django_db
def test_a_model_is_found_by_its_label_and_one_without_a_workflow_is_not():
    from agreements.models import Agreement, Institution
    from agreements.workflows import AGREEMENT

    assert workflow.workflow_for_label("agreements.agreement") is AGREEMENT
    assert workflow.workflow_for_label("agreements.institution") is None
    assert workflow.workflow_of(Agreement) is AGREEMENT
    assert workflow.workflow_of(Agreement(title_en="x")) is AGREEMENT
    with pytest.raises(LookupError, match=r"^Institution declares no workflow$"):
        workflow.workflow_of(Institution)
    assert AGREEMENT in workflow.workflows()
    assert len(workflow.workflows()) == len({w.model for w in workflow.workflows()}) > 5


@pytest.mark.django_db
def test_a_move_records_its_note_and_moment_and_refuses_a_long_note(officer):
    from datetime import UTC, datetime

    from tests.factories import AgreementFactory

    agreement = AgreementFactory()
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match=r"^\['The note is longer than 2000 characters.'\]$"),
    ):
        workflow.move(agreement, "negotiate", by=officer, note="x" * 2001)
    agreement.refresh_from_db()
    assert agreement.status == "draft" and not agreement.moves.exists()
    at = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    moved = workflow.move(agreement, "negotiate", by=officer, note=" " + "x" * 2000 + " ", at=at)
    assert moved.status == "negotiation"
    row = moved.moves.get()
    assert (row.transition, row.from_state, row.to_state, row.by) == (
        "negotiate",
        "draft",
        "negotiation",
        officer,
    )
    assert (row.note, row.at, row.data) == ("x" * 2000, at, {})


@pytest.mark.django_db
def test_a_step_takes_its_data_checked_and_hands_it_to_apply_and_effects(
    own_registry, officer, manager
):
    from datetime import date

    from agreements.models import Agreement
    from tests.factories import AgreementFactory

    seen = []
    workflow.Workflow(
        Agreement,
        field="status",
        transitions=[
            workflow.Transition(
                name="sign",
                label="Sign",
                source=["draft"],
                target="active",
                needs=[
                    workflow.Need("signed_on", "signing date", kind="date"),
                    workflow.Need("reference", "reference", kind="line"),
                    workflow.Need("place", "place", kind="line", required=False),
                    workflow.Need("note", "why"),
                ],
                apply=lambda record, change: seen.append(("apply", record.status, change)),
                effects=[lambda record, change: seen.append(("effect", record.status, change))],
            ),
        ],
    )
    agreement = AgreementFactory()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        workflow.move(agreement, "sign", by=officer, reference="  ", note=" ")
    assert refused.value.messages == ["Enter signing date.", "Enter reference.", "Enter why."]
    assert seen == [] and not agreement.moves.exists()
    moved = workflow.move(
        agreement,
        "sign",
        by=manager,
        note=" because ",
        signed_on=date(2026, 3, 21),
        reference=" R-7 ",
    )
    row = moved.moves.get()
    assert row.data == {"signed_on": "2026-03-21", "reference": "R-7"}
    assert row.note == "because"
    (first, state, change), (second, after, same) = seen
    assert (first, state, second, after) == ("apply", "active", "effect", "active")
    assert change is same and change.record == row
    assert (change.by, change.note, change.from_state) == (manager, "because", "draft")
    assert change.data == {"signed_on": date(2026, 3, 21), "reference": "R-7", "place": ""}
    assert change.transition.name == "sign"
    several = workflow.move_many(
        [AgreementFactory(), AgreementFactory()],
        "sign",
        by=manager,
        note="n",
        signed_on=date(2026, 3, 22),
        reference="R-8",
    )
    assert several.refused == [] and len(several.done) == 2
    assert several.done[1].moves.get().data == {"signed_on": "2026-03-22", "reference": "R-8"}


@pytest.mark.django_db
def test_several_records_move_each_on_its_own_and_the_refused_say_why(officer):
    from tests.factories import AgreementFactory

    draft, active, other = AgreementFactory(), AgreementFactory(status="active"), AgreementFactory()
    with translation.override("en"):
        outcome = workflow.move_many([draft, active, other], "negotiate", by=officer, note="n")
        quiet = workflow.move_many([AgreementFactory()], "negotiate", by=officer)
    assert quiet.done[0].moves.get().note == "" and quiet.refused == []
    assert [record.pk for record in outcome.done] == [draft.pk, other.pk]
    assert all(record.status == "negotiation" for record in outcome.done)
    assert outcome.done[0].moves.get().note == "n"
    assert outcome.refused == [(active, ["This cannot go from “Active” to “Under negotiation”."])]


@pytest.mark.django_db
def test_a_new_records_creation_is_recorded_by_whom_when_and_why(officer):
    from datetime import UTC, datetime

    from tests.factories import AgreementFactory

    agreement = AgreementFactory()
    at = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
    workflow.created(agreement, by=officer, note="carried over", at=at)
    row = agreement.moves.get()
    assert (row.from_state, row.to_state, row.by, row.note, row.at, row.transition) == (
        "",
        "draft",
        officer,
        "carried over",
        at,
        "",
    )
    later = AgreementFactory()
    workflow.created(later, by=None)
    assert (later.moves.get().by, later.moves.get().note) == (None, "")
    assert later.moves.get().at > at


def test_a_rule_on_the_person_makes_a_step_not_theirs_and_a_guard_sees_who_asks(own_registry):
    from types import SimpleNamespace

    from agreements.models import Agreement

    declared = workflow.Workflow(
        Agreement,
        field="status",
        transitions=[
            workflow.Transition(
                name="negotiate",
                label="N",
                source=["draft"],
                target="negotiation",
                who=[workflow.person_is_not("pk", "not on your own record")],
                guards=[lambda record, user: None if user.pk == 2 else "only person 2"],
            )
        ],
    )
    step = declared.transition("negotiate")
    record = Agreement(pk=1, status="draft")

    def person(pk):
        return SimpleNamespace(pk=pk, is_authenticated=True, is_active=True)

    assert declared.refusal(record, step, person(1)) == ("not on your own record", False)
    assert declared.refusal(record, step, person(3)) == ("only person 2", True)
    assert declared.refusal(record, step, person(2)) == (None, True)
