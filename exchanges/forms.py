from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Institution
from intlaffairs.jalali import JalaliDateField
from intlaffairs.models import User
from intlaffairs.roles import STAFF_ROLES, Role
from intlaffairs.translated import in_every_language, label_language_fields

from .models import CourseApplication, Delegation, FollowUp, Member, Mobility, ShortCourse

# The university's own people: office staff, faculty members, student mentors.
UNIVERSITY_ROLES = [*STAFF_ROLES, Role.FACULTY, Role.MENTOR]


def university_people():
    return User.objects.filter(groups__name__in=UNIVERSITY_ROLES, is_active=True).distinct()


class DatesMixin:
    """starts_on / ends_on in the page's calendar, the end not before the start."""

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        return cleaned


class MobilityForm(DatesMixin, forms.ModelForm):
    starts_on = JalaliDateField(label=capfirst(_("starts on")))
    ends_on = JalaliDateField(label=capfirst(_("ends on")))

    class Meta:
        model = Mobility
        fields = [
            "person_name",
            "person",
            "person_kind",
            "direction",
            "kind",
            "institution",
            "agreement",
            "starts_on",
            "ends_on",
            "funding_source",
            "amount",
            "currency",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.order_by("name")
        self.fields["agreement"].queryset = Agreement.objects.order_by("title")
        self.fields["person"].queryset = university_people()

    def clean(self):
        cleaned = super().clean()
        agreement, institution = cleaned.get("agreement"), cleaned.get("institution")
        if agreement and institution and not agreement.partners.filter(pk=institution.pk).exists():
            self.add_error("agreement", _("This agreement is not with the chosen institution."))
        amount = cleaned.get("amount")
        if amount is not None and amount < 0:
            self.add_error("amount", _("The amount cannot be negative."))
        return cleaned


class ReportUploadForm(forms.Form):
    file = forms.FileField(
        label=capfirst(_("final report (PDF)")),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )


class CourseForm(DatesMixin, forms.ModelForm):
    starts_on = JalaliDateField(label=capfirst(_("starts on")))
    ends_on = JalaliDateField(label=capfirst(_("ends on")))
    deadline = JalaliDateField(label=capfirst(_("application deadline")))

    class Meta:
        model = ShortCourse
        fields = [
            *in_every_language("title", "description", "eligibility"),
            "kind",
            "unit",
            "starts_on",
            "ends_on",
            "deadline",
            "capacity",
            "hours",
            "fee",
            "currency",
            "language",
            "is_published",
        ]
        widgets = {
            f"{field}_{code}": forms.Textarea(attrs={"rows": 3})
            for field in ("description", "eligibility")
            for code, _name in settings.LANGUAGES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)

    def clean(self):
        cleaned = super().clean()
        deadline, starts_on = cleaned.get("deadline"), cleaned.get("starts_on")
        if deadline and starts_on and deadline > starts_on:
            self.add_error("deadline", _("The deadline must not be after the course starts."))
        if cleaned.get("capacity") == 0:
            self.add_error("capacity", _("A course needs at least one place."))
        return cleaned


class CourseApplicationForm(forms.ModelForm):
    cv = forms.FileField(
        label=capfirst(_("CV (PDF)")),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    letter = forms.FileField(
        label=capfirst(_("letter from your university or hospital (optional)")),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    class Meta:
        model = CourseApplication
        fields = ["name_latin", "home_institution", "country", "field", "motivation"]
        widgets = {
            "name_latin": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "name"}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
        }


class CodeForm(forms.Form):
    code = forms.CharField(
        label=capfirst(_("verification code")),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_code(self):
        from intlaffairs.jalali import to_ascii_digits

        return "".join(
            ch for ch in to_ascii_digits(self.cleaned_data["code"]).upper() if ch.isalnum()
        )


class DelegationForm(DatesMixin, forms.ModelForm):
    starts_on = JalaliDateField(label=capfirst(_("starts on")))
    ends_on = JalaliDateField(label=capfirst(_("ends on")))

    class Meta:
        model = Delegation
        fields = [
            "title",
            "direction",
            "country",
            "institutions",
            "purpose",
            "starts_on",
            "ends_on",
            "agenda",
            "outcomes",
            "agreements",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "institutions": forms.SelectMultiple(attrs={"size": 5}),
            "agreements": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = Institution.objects.order_by("name")
        self.fields["agreements"].queryset = Agreement.objects.order_by("title")


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["person", "name", "organization", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = university_people()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not cleaned.get("name", "").strip():
            raise forms.ValidationError(_("Choose a person of the university or type a name."))
        return cleaned


class FollowUpForm(forms.ModelForm):
    due_on = JalaliDateField(label=capfirst(_("due on")))

    class Meta:
        model = FollowUp
        fields = ["action", "owner", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = university_people()


class AttendanceForm(forms.Form):
    """An accepted participant's attendance, on the course's applications page."""

    attendance = forms.ChoiceField(
        label=_("attendance"), choices=CourseApplication.Attendance.choices
    )
    hours = forms.IntegerField(
        label=_("hours attended"),
        required=False,
        min_value=1,
        max_value=2000,
        help_text=_("Needed when the participant attended part of the course."),
    )
