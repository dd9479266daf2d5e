"""Forms of the agreements app. Dates are typed in the active calendar (Jalali in fa and ckb)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intlaffairs.concurrency import GuardedModelForm
from intlaffairs.jalali import JalaliDateField
from intlaffairs.models import User
from intlaffairs.roles import Role
from intlaffairs.translated import in_every_language, label_language_fields

from .models import Agreement, Contact, Institution, Quota, Scope


def _people(*roles: str):
    return User.objects.filter(is_active=True, groups__name__in=roles).distinct().order_by("email")


class InstitutionForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [*in_every_language("name"), "country", "city", "kind", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)


class InstitutionQuickForm(InstitutionForm):
    """A missing partner added from the agreement form's picker, without leaving it: the
    names, where it is and its kind; the rest on its own page later."""

    website = None

    class Meta(InstitutionForm.Meta):
        fields = [*in_every_language("name"), "country", "city", "kind"]


def partner_choices():
    """The institutions an agreement's partners are chosen from (the form's list and the
    picker's search)."""
    return Institution.objects.order_by("name", "pk")


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone"]


class AgreementForm(GuardedModelForm):
    signed_on = JalaliDateField(label=_("signed on"), required=False)
    starts_on = JalaliDateField(label=_("starts on"), required=False)
    ends_on = JalaliDateField(label=_("ends on"), required=False)
    scopes = forms.ModelMultipleChoiceField(
        label=_("scope"),
        queryset=Scope.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Agreement
        fields = [
            *in_every_language("title"),
            "partners",
            "type",
            "scopes",
            "signed_on",
            "starts_on",
            "ends_on",
            "auto_renewal",
            "owner",
            "initiators",
            "signatories",
            *in_every_language("description"),
        ]
        widgets = {
            "partners": forms.SelectMultiple(attrs={"size": 8}),
            "initiators": forms.SelectMultiple(attrs={"size": 5}),
            "signatories": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.Textarea(attrs={"rows": 3}) for name in in_every_language("description")
            },
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)
        self.fields["owner"].queryset = _people(Role.OFFICER, Role.MANAGER)
        self.fields["initiators"].queryset = _people(Role.FACULTY)
        partners = self.fields["partners"]
        partners.queryset = partner_choices()
        # The searchable picker (static/js/partner-picker.js); without JavaScript, the list.
        partners.widget.attrs["data-picker-search"] = reverse("agreements:institution_search")
        partners.widget.attrs["data-picker-none"] = _("No institution matches.")
        if user is not None and user.is_office_staff:
            partners.widget.attrs["data-picker-add"] = "institution-dialog"
        if user is not None and not user.is_office_staff:
            # A faculty member proposes a draft: the office fills in owner and initiators.
            for name in ("owner", "initiators"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        signed_on = cleaned.get("signed_on")
        if signed_on and ends_on and ends_on < signed_on:
            self.add_error("ends_on", _("The end date must not be before the signing date."))
        return cleaned


class SignedAgreementForm(AgreementForm):
    """An agreement the university has already signed, recorded in one step: its signing
    and end dates and the signed copy are required (activation needs the dates)."""

    file_title = forms.CharField(label=_("title of the signed copy"), max_length=200)
    file = forms.FileField(
        label=_("signed copy (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("signed_on", "ends_on", "partners"):
            self.fields[name].required = True


class SignedFileForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    file = forms.FileField(
        label=_("signed copy (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class QuotaForm(forms.ModelForm):
    class Meta:
        model = Quota
        fields = ["academic_year", "direction", "people", "duration", "unit"]

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement

    def clean_academic_year(self):
        year = self.cleaned_data["academic_year"]
        if not 1300 <= year <= 1500:
            raise ValidationError(_("Enter a Solar Hijri year such as 1405."))
        return year
