"""For data migrations that carry an app's old history table into the core's StateChange rows.

Kept apart from the models (a migration uses the historical models `apps` gives it) and stable:
migrations written against it must keep working.
"""

from collections.abc import Callable, Iterable


def copy_history(
    apps,
    *,
    model: str,
    rows: Callable[[object], Iterable[dict]],
) -> None:
    """Write StateChange rows for the records of `model` ("app_label.Model"): `rows(history)`
    gets the historical StateChange model's manager-less class and yields dicts with
    object_id, transition, from_state, to_state, by_id, at, note (and optionally data)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    StateChange = apps.get_model("intlaffairs", "StateChange")
    app_label, model_name = model.split(".")
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    batch = [
        StateChange(content_type_id=content_type.pk, **{"data": {}, **row})
        for row in rows(StateChange)
    ]
    StateChange.objects.bulk_create(batch, batch_size=1000)


def remove_history(apps, *, model: str) -> None:
    """The reverse of copy_history: drop the rows of `model`."""
    StateChange = apps.get_model("intlaffairs", "StateChange")
    app_label, model_name = model.split(".")
    StateChange.objects.filter(
        content_type__app_label=app_label, content_type__model=model_name.lower()
    ).delete()
