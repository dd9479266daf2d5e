"""The workflow core itself: nothing but move() writes a state, and every workflow is
property-tested (tests/workflow_properties.py)."""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
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


def test_no_form_or_import_offers_a_state_field():
    """A ModelForm or an import resource of a workflow model leaves its state out."""
    from django import forms
    from import_export.resources import ModelResource

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for config in apps.get_app_configs():
        for module in ("forms", "spreadsheets", "resources", "admin"):
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
    for resource in subclasses(ModelResource):
        model = resource._meta.model
        if (
            model in {w.model for w in workflow.workflows()}
            and not issubclass(resource, workflow.FirstStateOnly)
            and workflow.workflow_of(model).field in resource().get_import_fields()
        ):
            offered.append(resource.__qualname__)
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
        pytest.raises(ValidationError, match="A new record starts as “Draft”"),
    ):
        workflow.created(AgreementFactory(status="active"), by=officer)


@pytest.mark.django_db
def test_unknown_data_is_a_programming_error_and_missing_data_a_translated_one(manager):
    from django.core.exceptions import ValidationError

    from tests.factories import AgreementFactory

    agreement = AgreementFactory(status="active")
    with pytest.raises(TypeError):
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
