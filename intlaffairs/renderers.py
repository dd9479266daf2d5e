"""The form renderer: Jinja2 for Django's own widget templates, Django's engine for the rest.

A select is a loop over its options, and the country filters have some 250 of them; with
Django's template engine rendering the selects was most of the agreements list's time (make
bench: 58 ms, 43 ms with Jinja2). The admin's widgets exist only as Django templates, so a
template Jinja2 does not have is looked up in Django's engine. Our own Jinja2 widget templates
(intlaffairs/jinja2: the select, with its options inline) come before Django's.
"""

from functools import cached_property
from pathlib import Path

import django.forms
from django.forms import BoundField
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.text import capfirst


class CapitalizedLabelBoundField(BoundField):
    """A field whose label starts with a capital letter, as Django gives a model field's.
    Labels written in forms often reuse a model's lower-case name ("signed on"); capitalizing
    them here fixes every form at once (Persian and Kurdish have no capitals: no change)."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        self.label = capfirst(self.label)


class WidgetRenderer(Jinja2):
    bound_field_class = CapitalizedLabelBoundField

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": False,
                "DIRS": [
                    Path(__file__).parent / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )

    @cached_property
    def fallback(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
