"""`get_FOO_display()` from a table made once per field.

Django's own version rebuilds a dict of the field's choices on every call, and hashing a lazily
translated label translates it: a list page of 25 rows with two such columns translated some 500
labels (make bench: a tenth of the applications list). `use_choice_tables()`, called once the
models are loaded, gives every field whose choices are a fixed list a table of value to label
made once; the label stays lazy, so it is still translated into the language of the request.
Fields with choices from a callable (the countries, whose names and order follow the language)
keep Django's version, and so does a `get_FOO_display` a model defines itself.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _display(instance: Model, *, field, labels: dict) -> str:
    value = getattr(instance, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def use_choice_tables() -> int:
    """Installs the tables; returns how many fields got one."""
    installed = 0
    for model in apps.get_models():
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if (
                isinstance(field.choices, list)
                and isinstance(current, partialmethod)
                and current.func is Model._get_FIELD_display
            ):
                labels = {make_hashable(value): label for value, label in field.flatchoices}
                setattr(model, name, partialmethod(_display, field=field, labels=labels))
                installed += 1
    return installed
