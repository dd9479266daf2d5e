"""Concurrent edits of one agreement: no save overwrites another unknowingly."""

import threading

import pytest
from django.db import connection

from agreements.forms import AgreementForm
from agreements.models import Agreement
from intlaffairs.concurrency import EditConflict

from ..factories import AgreementFactory


def form_data(agreement, **changes) -> dict:
    form = AgreementForm(instance=agreement, user=None)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "all"):
            value = [item.pk for item in value.all()]
        elif isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = "" if value is None else value
    data["seen"] = agreement.updated_at.isoformat()
    return {**data, **changes}


@pytest.mark.django_db
def test_the_second_of_two_editors_is_told_and_keeps_their_input(client, officer):
    agreement = AgreementFactory(owner=officer)
    client.force_login(officer)
    page = client.get(f"/en/agreements/{agreement.pk}/edit/").content.decode()
    assert 'name="seen"' in page
    first = form_data(agreement, title_en="First editor's title")
    second = form_data(agreement, title_en="Second editor's title")
    assert client.post(f"/en/agreements/{agreement.pk}/edit/", first).status_code == 302
    response = client.post(f"/en/agreements/{agreement.pk}/edit/", second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this record" in page
    assert "Second editor&#x27;s title" in page  # nothing typed is lost
    agreement.refresh_from_db()
    assert agreement.title_en == "First editor's title"
    # Saving again, knowingly, goes through.
    again = dict(second, seen=agreement.updated_at.isoformat())
    assert client.post(f"/en/agreements/{agreement.pk}/edit/", again).status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_saves_let_one_win_and_refuse_the_rest(needs_postgresql, officer):
    agreement = AgreementFactory(owner=officer)
    results: list[str] = []
    start = threading.Barrier(20)

    def edit(n: int) -> None:
        try:
            stale = Agreement.objects.get(pk=agreement.pk)
            form = AgreementForm(
                data=form_data(stale, title_en=f"Title {n}"), instance=stale, user=officer
            )
            assert form.is_valid(), form.errors
            start.wait()
            try:
                form.save_guarded()
                results.append(f"saved {n}")
            except EditConflict:
                results.append("conflict")
        finally:
            connection.close()  # a thread's own connection, kept open by CONN_MAX_AGE

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [r for r in results if r.startswith("saved")]
    assert len(results) == 20
    assert len(saved) == 1 and results.count("conflict") == 19
    agreement.refresh_from_db()
    assert agreement.title_en == f"Title {saved[0].split()[1]}"
