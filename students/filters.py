"""The filter bar of the office's applications list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intlaffairs.filterbar import filter_bar
from intlaffairs.jalali import to_local_digits
from intlaffairs.normalize import MAX_QUERY_LENGTH, filter_by_search

from .models import Application, Program, Stage

SEARCHED_FIELDS = ["reference", "given_name", "family_name", "native_name", "passport_number"]
ANY = [("", "—")]


class ApplicationFilterForm(forms.Form):
    """Bound to the query string. A value that is not one of the choices is left out of the
    filtering, the other filters still apply, and the field shows the error (the stage, a
    hidden field set by the tabs, has no place to show one: a wrong stage shows all)."""

    stage = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=ANY + [(value, label) for value, label in Stage.choices if value != Stage.DRAFT],
    )
    q = forms.CharField(
        label=_("Name, passport or reference"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    program = forms.TypedChoiceField(label=_("Program"), required=False, coerce=int)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    intake = forms.TypedChoiceField(label=_("Intake"), required=False, coerce=int)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=ANY + Application.Channel.choices
    )

    def __init__(self, data, *, nationalities: list[tuple[str, str]]):
        super().__init__(data)
        programs = Program.objects.order_by("-intake", "name").values_list("pk", "name", "intake")
        self.fields["program"].choices = ANY + [
            (pk, f"{name} ({to_local_digits(intake)})") for pk, name, intake in programs
        ]
        self.fields["nationality"].choices = ANY + nationalities
        intakes = {intake for _pk, _name, intake in programs}
        self.fields["intake"].choices = ANY + [
            (intake, to_local_digits(intake)) for intake in sorted(intakes, reverse=True)
        ]
        filter_bar(self)

    def filter(self, applications):
        """`applications` narrowed by every valid filter."""
        self.is_valid()
        values = self.cleaned_data
        applications = filter_by_search(applications, values.get("q", ""), SEARCHED_FIELDS)
        lookups = {
            "stage": "stage",
            "program": "program_id",
            "nationality": "nationality",
            "intake": "program__intake",
            "channel": "channel",
        }
        return applications.filter(
            **{lookup: values[name] for name, lookup in lookups.items() if values.get(name)}
        )

    @property
    def narrows(self) -> bool:
        """Whether any filter is set (the empty list then says that nothing matches)."""
        return any(self.cleaned_data.get(name) for name in self.fields)
