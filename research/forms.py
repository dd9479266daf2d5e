from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Institution
from intlaffairs.jalali import JalaliDateField
from intlaffairs.models import User
from intlaffairs.roles import Role
from intlaffairs.translated import in_every_language, label_language_fields

from .models import Alumnus, Engagement, Grant, Output, Project, Scientist


class ProjectForm(forms.ModelForm):
    starts_on = JalaliDateField(label=_("starts on"), required=False)
    ends_on = JalaliDateField(label=_("ends on"), required=False)

    class Meta:
        model = Project
        fields = [
            *in_every_language("title"),
            "kind",
            "partners",
            "agreement",
            "investigators",
            "starts_on",
            "ends_on",
            "funding_source",
            "amount",
            "currency",
        ]
        widgets = {
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "investigators": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)
        self.fields["partners"].queryset = Institution.objects.order_by("name")
        self.fields["agreement"].queryset = Agreement.objects.order_by("title")
        self.fields["investigators"].queryset = User.objects.filter(
            groups__name=Role.FACULTY, is_active=True
        ).distinct()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        return cleaned


class OutputForm(forms.ModelForm):
    class Meta:
        model = Output
        fields = ["kind", "title", "year", "doi"]


class GrantForm(forms.ModelForm):
    applied_on = JalaliDateField(label=_("applied on"))
    decided_on = JalaliDateField(label=_("decided on"), required=False)

    class Meta:
        model = Grant
        fields = [
            "funder",
            "title",
            "project",
            "applied_on",
            "amount_requested",
            "currency",
            "outcome",
            "amount_awarded",
            "decided_on",
        ]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome") == Grant.Outcome.AWARDED
            and cleaned.get("amount_awarded") is None
        ):
            self.add_error("amount_awarded", _("An awarded grant needs the amount awarded."))
        return cleaned


class ScientistForm(forms.ModelForm):
    consent_given_on = JalaliDateField(label=_("consent given on"), required=False)

    class Meta:
        model = Scientist
        fields = [
            "name_latin",
            "name_native",
            "nonresident_iranian",
            "country",
            "institution",
            "field",
            "email",
            "phone",
            "link",
            "consent_to_contact",
            "consent_given_on",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_to_contact") and not cleaned.get("consent_given_on"):
            self.add_error("consent_given_on", _("Enter the date the consent was given."))
        return cleaned


class EngagementForm(forms.ModelForm):
    date = JalaliDateField(label=_("date"))

    class Meta:
        model = Engagement
        fields = ["kind", "date", "description"]


class AlumnusForm(forms.ModelForm):
    class Meta:
        model = Alumnus
        fields = [
            "name_latin",
            "name_native",
            "country",
            "program",
            "graduated_in",
            "current_position",
            "email",
            "stays_in_touch",
        ]


class RemovalForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    file = forms.FileField(
        label=_("document (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
