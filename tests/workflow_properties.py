"""The property every workflow must have, checked with hypothesis on random walks.

    check_workflow(AGREEMENT, make_record=lambda: AgreementFactory(), people=[officer, manager])

draws sequences of (transition, person) — the people given, and None for the portal itself —
and takes each with `move()` on a record `make_record()` made, inside a transaction rolled back
after each example. Whatever the sequence:

- a move that succeeds follows a declared edge from the state the record was in, by a person the
  transition is given to (role and `who` rules), and writes exactly one history row;
- a move that is refused changes neither the state nor the history, and `allowed()` had not
  offered it to that person as possible;
- `allowed()` offers as possible exactly the moves that then succeed.

Data a transition needs is filled with sample values (a date, a line of text).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intlaffairs import workflow
from intlaffairs.models import StateChange


def sample_data(transition: workflow.Transition) -> dict:
    return {
        need.name: date(2026, 12, 1) if need.kind == "date" else f"sample {need.name}"
        for need in transition.needs
        if need.name != "note"
    }


def _history_count(record) -> int:
    return StateChange.objects.filter(
        content_type__app_label=record._meta.app_label,
        content_type__model=record._meta.model_name,
        object_id=record.pk,
    ).count()


def _given_to(transition: workflow.Transition, record, person) -> bool:
    if transition.automatic:
        return person is None
    if person is None or (transition.roles and not person.has_role(*transition.roles)):
        return False
    return all(rule(record, person) is None for rule in transition.who)


def check_workflow(declared: workflow.Workflow, *, make_record, people, max_examples=40, steps=10):
    names = list(declared.transitions)
    actors = [None, *people]
    edges = declared.edges()

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.lists(st.tuples(st.sampled_from(names), st.integers(0, len(actors) - 1)), max_size=steps)
    )
    def walk(sequence):
        with transaction.atomic():
            record = make_record()
            for name, index in sequence:
                person = actors[index]
                transition = declared.transitions[name]
                before = declared.state(record)
                count = _history_count(record)
                offered = {
                    option.name
                    for option in (workflow.allowed(record, person) if person else [])
                    if option.ok
                }
                given_to = _given_to(transition, record, person)
                try:
                    record = workflow.move(
                        record, name, by=person, note="sample note", **sample_data(transition)
                    )
                except ValidationError:
                    record.refresh_from_db()
                    assert declared.state(record) == before
                    assert _history_count(record) == count
                    assert name not in offered, f"{name} was offered to {person} but refused"
                else:
                    after = declared.state(record)
                    assert (before, after) in edges and before in transition.source
                    assert after == transition.target
                    assert given_to, f"{person} took {name}, which is not theirs"
                    assert _history_count(record) == count + 1
                    assert person is None or name in offered, f"{name} not offered to {person}"
            transaction.set_rollback(True)

    walk()
