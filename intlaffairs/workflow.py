"""The workflow core: the one way a record moves from one state to another.

A model that moves through states declares its workflow once, in its app's `workflows.py`:

    AGREEMENT = Workflow(
        Agreement,
        field="status",
        transitions=[
            Transition("activate", _("Activate"), source=[Status.AWAITING_SIGNATURE],
                       target=Status.ACTIVE, roles=MANAGERS,
                       denied=_("Only an office manager can activate an agreement."),
                       guards=[signed_dates_entered]),
            ...
        ],
    )

The states and their translated labels are the state field's choices, in their order. A
transition says from which states it starts (`source`), where it goes (`target`), who may take
it (`roles`, and/or `who`: rules on the object and the person, e.g. "the applicant of this
application", "not the person who submitted it"), `guards` that must hold for anybody to take
it, the data it needs (`needs`: a reason, a date, a reference), what it writes besides the state
(`apply`) and its `effects` (e-mails through the outbox, tasks), which run in the same
transaction, so a refused or rolled-back move sends nothing.

`move()` is the only code that changes a state: it locks the row, checks, sets the state,
writes one `StateChange` row and runs the effects. `allowed()` answers "what can this person do
here now, and why not the rest"; pages draw their buttons from it (`{% workflow_actions %}`) and
their history from `{% workflow_history %}`. A test reads the code and fails on any other write
to a declared state field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .jalali import JalaliDateField
from .numerals import format_amount

# A rule looks at the record (and the person) and gives the reason it fails, or None.
Rule = Callable[[models.Model, object], "str | Promise | None"]
# A step run inside the move, after the state is set: (record, the history row being written).
Hook = Callable[[models.Model, "Change"], None]

NOTE_MAX_LENGTH = 2000
NOT_YOURS = _("You cannot take this step.")


@dataclass(frozen=True)
class Need:
    """A piece of data a transition asks for, e.g. the payment date or the reason."""

    name: str
    label: str | Promise
    kind: str = "text"  # text (several lines), line (one line), amount (a number), date
    required: bool = True
    help_text: str | Promise = ""

    def form_field(self) -> forms.Field:
        if self.kind == "date":
            return JalaliDateField(label=self.label, required=self.required)
        widget = None  # pragma: no mutate - a field takes "" as None: its default widget
        if self.kind == "text":
            widget = forms.Textarea(attrs={"rows": 2})
        elif self.kind == "amount":
            widget = forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"})
        return forms.CharField(
            label=self.label,
            required=self.required,
            max_length=NOTE_MAX_LENGTH if self.kind == "text" else 200,
            widget=widget,
            help_text=self.help_text,
            strip=True,  # pragma: no mutate - the default, stated for the reader
        )


@dataclass(frozen=True, kw_only=True)
class Transition:
    name: str
    label: str | Promise
    source: Sequence[str]
    target: str
    roles: Sequence[str] = ()
    who: Sequence[Rule] = ()
    denied: str | Promise = NOT_YOURS
    guards: Sequence[Rule] = ()
    needs: Sequence[Need] = ()
    apply: Hook | None = None
    effects: Sequence[Hook] = ()
    # Taken by the portal itself (a scheduled job), never by a person.
    automatic: bool = False
    style: str = "primary"  # the button's Bootstrap colour: primary, secondary, danger, …
    # Also shown to these roles although it is not theirs, disabled with the reason (an officer
    # sees that approval is the manager's).
    explain: Sequence[str] = ()

    def form(self, record, data=None) -> forms.Form:
        """A form for the data this transition needs on `record` (empty when it needs none);
        its prefix keeps its fields apart from another record's on the same page. With no
        record, the form of a step taken on several records at once."""
        prefix = f"{record._meta.model_name}-{record.pk}" if record is not None else "bulk"
        form = forms.Form(data, prefix=f"{prefix}-{self.name}")
        for need in self.needs:
            form.fields[need.name] = need.form_field()
        return form


@dataclass
class Change:
    """What a move is writing: handed to `apply` and the effects."""

    transition: Transition
    by: object
    note: str
    data: dict
    from_state: str
    record: object = None  # the StateChange row, set once written


@dataclass(frozen=True)
class Option:
    """A transition as one person sees it now: theirs to take, or not, and why."""

    transition: Transition
    reason: str | None = None  # None: they may take it
    theirs: bool = True  # False: it is somebody else's to take (`reason` says whose)

    @property
    def ok(self) -> bool:
        return self.reason is None

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self):
        return self.transition.label


_REGISTRY: dict[type[models.Model], Workflow] = {}


class Workflow:
    def __init__(
        self,
        model: type[models.Model],
        *,
        field: str,
        transitions: Iterable[Transition],
        initial: str | None = None,
    ):
        self.model = model
        self.field = field
        self.transitions = {t.name: t for t in transitions}
        model_field = model._meta.get_field(field)
        self.states = dict(model_field.choices)
        self.initial = initial or model_field.get_default()
        unknown = {
            state
            for t in self.transitions.values()
            for state in (*t.source, t.target)
            if state not in self.states
        }
        if unknown:
            raise ValueError(f"{model.__name__}: unknown states {sorted(unknown)}")
        _REGISTRY[model] = self
        model.workflow = self

    def __repr__(self) -> str:
        return f"<Workflow {self.model._meta.label}.{self.field}>"

    def label(self, state: str) -> str:
        return str(self.states.get(state, state)) if state else gettext("Created")

    def state(self, obj) -> str:
        return getattr(obj, self.field)

    def transition(self, name: str) -> Transition:
        try:
            return self.transitions[name]
        except KeyError:
            raise ValidationError(gettext("This step does not exist.")) from None

    def takeable_by(self, user) -> list[Transition]:
        """The transitions a person's roles let them take from some state, in declaration
        order (rules on the person and the guards are for each record to answer). What the
        "waiting for me" queues count and what a list offers to do with selected rows."""
        if user is None or not user.is_authenticated or not user.is_active:
            return []
        return [
            t
            for t in self.transitions.values()
            if not t.automatic and (not t.roles or user.has_role(*t.roles))
        ]

    def edges(self) -> set[tuple[str, str]]:
        return {(s, t.target) for t in self.transitions.values() for s in t.source}

    def refusal(self, obj, transition: Transition, user) -> tuple[str | None, bool]:
        """(the reason `user` may not take `transition` on `obj` now or None, whether it is
        theirs by role and person)."""
        if self.state(obj) not in transition.source:
            return (
                gettext("This cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.label(self.state(obj)), "to": self.label(transition.target)},
                True,
            )
        if transition.automatic:
            if user is not None:
                return gettext("The portal takes this step by itself."), False
        else:
            if user is None or not user.is_authenticated or not user.is_active:
                return str(transition.denied), False
            if transition.roles and not user.has_role(*transition.roles):
                return str(transition.denied), False
            for rule in transition.who:
                reason = rule(obj, user)
                if reason:
                    return str(reason), False
        for guard in transition.guards:
            reason = guard(obj, user)
            if reason:
                return str(reason), True
        return None, True


def details(change) -> list[tuple[str, str]]:
    """The data a history row took, as (label, value) for people: dates in the page's calendar,
    amounts grouped in the page's digits."""
    from . import jalali

    transition = change.workflow.transitions.get(change.transition)
    needs = {need.name: need for need in transition.needs} if transition else {}
    shown = []
    for name, value in change.data.items():
        need = needs.get(name)
        if need is None:
            continue
        if need.kind == "date" and value:
            value = jalali.format_date(date.fromisoformat(value))
        elif need.kind == "amount" and value:
            value = _amount_shown(value)
        shown.append((str(need.label), str(value)))
    return shown


def _amount_shown(value) -> str:
    """An amount as people read it: "4000.00" is "۴٬۰۰۰" in Persian, "4,000" in English;
    cents only when there are some."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_amount(number, 0 if number == number.to_integral_value() else 2)


def history(record):
    """The record's moves, oldest first, with who made them. A model that declares
    `moves = GenericRelation(StateChange)` can prefetch them; the rows are read from there
    when it has been."""
    from .models import StateChange

    cache = getattr(record, "_prefetched_objects_cache", {})
    if "moves" in cache:
        return list(cache["moves"])
    return list(
        StateChange.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        ).select_related("by")
    )


def workflow_for_label(label: str) -> Workflow | None:
    """The workflow of the model "app_label.model_name", or None."""
    for model, workflow in _REGISTRY.items():
        if model._meta.label_lower == label:
            return workflow
    return None


def workflow_of(obj_or_model) -> Workflow:
    # An instance's _meta is its model's too: taking the type is for clarity, no mutant differs.
    is_model = isinstance(obj_or_model, type)  # pragma: no mutate
    model = obj_or_model if is_model else type(obj_or_model)  # pragma: no mutate
    model = model._meta.concrete_model
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"{model.__name__} declares no workflow") from None


def workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


def allowed(obj, user) -> list[Option]:
    """The transitions that start from `obj`'s state now, each with whether `user` may take
    it and, if not, why; in declaration order. Automatic ones are left out, and so are the
    ones that are somebody else's unless the transition explains itself to the user's role."""
    workflow = workflow_of(obj)
    options = []
    for transition in workflow.transitions.values():
        if transition.automatic or workflow.state(obj) not in transition.source:
            continue
        reason, theirs = workflow.refusal(obj, transition, user)
        if theirs or (
            user is not None and user.is_authenticated and user.has_role(*transition.explain)
        ):
            options.append(Option(transition, reason, theirs))
    return options


def may(obj, user, name: str) -> bool:
    """Whether `user` may take the transition `name` on `obj` now."""
    workflow = workflow_of(obj)
    return workflow.refusal(obj, workflow.transition(name), user)[0] is None


def _clean_data(transition: Transition, note: str, data: dict) -> dict:
    """The data checked against what the transition needs ("note", when it needs one, is the
    note); missing required pieces are one translated error each."""
    names = {need.name for need in transition.needs}
    unknown = set(data) - names
    if unknown:
        raise TypeError(f"{transition.name} takes no {sorted(unknown)}")
    given = {**data, "note": note}
    cleaned, missing = {}, []
    for need in transition.needs:
        value = given.get(need.name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if need.required:
                missing.append(need)
            value = ""
        cleaned[need.name] = value
    if missing:
        raise ValidationError(
            [gettext("Enter %(what)s.") % {"what": str(need.label)} for need in missing]
        )
    cleaned.pop("note", None)
    return cleaned


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def move(obj, name: str, *, by, note: str = "", at: datetime | None = None, **data):
    """Take the transition `name` on `obj` for `by` (None for the portal's own jobs): lock the
    row, check who and the guards, set the state, write one history row, run the effects.
    Returns the record as saved (a fresh instance); raises ValidationError with the reason.
    `at` dates a step taken before it was recorded (demo data, a file carried over)."""
    from .models import StateChange

    workflow = workflow_of(obj)
    transition = workflow.transition(name)
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            gettext("The note is longer than %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
        )
    with transaction.atomic():
        manager = workflow.model._base_manager
        locked = manager.select_for_update(of=("self",)).get(pk=obj.pk)
        reason, _theirs = workflow.refusal(locked, transition, by)
        if reason:
            raise ValidationError(reason)
        cleaned = _clean_data(transition, note, data)
        change = Change(
            transition=transition,
            by=by,
            note=note,
            data=cleaned,
            from_state=workflow.state(locked),
        )
        setattr(locked, workflow.field, transition.target)
        if transition.apply:
            transition.apply(locked, change)
        locked.save()
        change.record = StateChange.objects.create(
            subject=locked,
            transition=transition.name,
            from_state=change.from_state,
            to_state=transition.target,
            by=by,
            note=note,
            data={key: _jsonable(value) for key, value in cleaned.items() if value != ""},
            **({"at": at} if at else {}),
        )
        for effect in transition.effects:
            effect(locked, change)
    return locked


@dataclass
class Outcome:
    """What `move_many` did: the records moved, and those refused with the reasons."""

    done: list
    refused: list[tuple[models.Model, list[str]]]


def move_many(records: Iterable, name: str, *, by, note: str = "", **data) -> Outcome:
    """Take the transition `name` on each of `records` for `by`, each in its own `move()`
    (its own lock, checks, history row and effects): one refused record leaves the others
    moved, and says why. The caller limits `records` to those `by` may see."""
    outcome = Outcome(done=[], refused=[])
    for record in records:
        try:
            outcome.done.append(move(record, name, by=by, note=note, **data))
        except ValidationError as error:
            outcome.refused.append((record, [str(message) for message in error.messages]))
    return outcome


def created(obj, *, by, note: str = "", at: datetime | None = None) -> None:
    """Record that `obj` came into being in its workflow's first state (a new record, or one
    an import made). Anything else is refused: a new record starts where its workflow starts."""
    from .models import StateChange

    workflow = workflow_of(obj)
    state = workflow.state(obj)
    if state != workflow.initial:
        raise ValidationError(
            gettext("A new record starts as “%(state)s”.")
            % {"state": workflow.label(workflow.initial)}
        )
    StateChange.objects.create(
        subject=obj,
        from_state="",  # pragma: no mutate - the field's own default: stated for the reader
        to_state=state,
        by=by,
        note=note,
        **({"at": at} if at else {}),
    )


# --- Rules used by several workflows


def person_is(attribute: str, reason: str | Promise) -> Rule:
    """Only the person the record names in `attribute` (e.g. "applicant_id")."""

    def rule(obj, user):
        return None if getattr(obj, attribute) == user.pk else reason

    return rule


def person_is_not(attribute: str, reason: str | Promise) -> Rule:
    """Anybody but the person the record names in `attribute` (four eyes)."""

    def rule(obj, user):
        return reason if getattr(obj, attribute) == user.pk else None

    return rule
