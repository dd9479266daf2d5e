"""The filter bar above a list: a GET form whose fields are drawn by portal/filter_field.html.

That template is Jinja2 (the form renderer's engine): a label, the widget with Bootstrap's class,
and the field's errors. Drawing the agreements list's seven filters through crispy-forms' field
template took a quarter of the page's time (make bench).
"""

from django import forms


def filter_bar(form: forms.BaseForm) -> forms.BaseForm:
    """Gives each field of `form` the filter bar's template and Bootstrap's class; returns it."""
    for field in form.fields.values():
        if field.widget.is_hidden:
            continue
        field.template_name = "portal/filter_field.html"
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input d-block"
        else:
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)
    return form
