"""Optimistic locking for edit forms: two people editing the same record cannot overwrite each
other unknowingly. The form carries the record's `updated_at` as it was when the page opened;
saving checks it under a row lock, and a save that lost the race is refused with the user's
input kept on the page."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """The record was saved by someone else after this form was opened."""


class GuardedModelForm(forms.ModelForm):
    """A ModelForm whose `save_guarded()` refuses to overwrite a newer version of the row."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen"].initial = self.instance.updated_at.isoformat()

    @transaction.atomic
    def save_guarded(self):
        model = type(self.instance)
        if self.instance.pk:
            current = model.objects.select_for_update(of=("self",)).get(pk=self.instance.pk)
            seen = self.cleaned_data.get("seen") or ""
            if current.updated_at.isoformat() != seen:
                # Let the next save be a deliberate one, against the version now stored.
                data = self.data.copy()
                data[self.add_prefix("seen")] = current.updated_at.isoformat()
                self.data = data
                self.add_error(
                    None,
                    _(
                        "Someone else saved this record while you were editing it. Your "
                        "changes are still below: check them against the saved version (open "
                        "it in another tab), then save again."
                    ),
                )
                raise EditConflict
        return self.save()
