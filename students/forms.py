import re
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intlaffairs import timezones
from intlaffairs.jalali import JalaliDateField, to_ascii_digits, to_local_digits
from intlaffairs.models import User
from intlaffairs.roles import Role
from intlaffairs.translated import in_every_language, label_language_fields

from .models import (
    LATIN_NAME_PARTS,
    NATIVE_NAME_PARTS,
    SCORE_FIELDS,
    SCORE_MAX,
    SCORE_MIN,
    Agent,
    Application,
    ArrivalItem,
    DocumentType,
    Education,
    FacultyReview,
    FeeSchedule,
    InterviewSlot,
    Invoice,
    MinistryLetter,
    Procedure,
    ProcedureVersion,
    Program,
    RecognitionIssue,
    Review,
    ReviewCriterion,
    ReviewScore,
    registration_code_clean,
)

LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")
PASSPORT = re.compile(r"^[A-Z0-9]{6,12}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
MIN_AGE_YEARS = 16
PASSPORT_VALID_MONTHS = 6


# --- The applicant's steps


class PersonForm(forms.ModelForm):
    """The person, with the name in four parts (first, father's, grandfather's, family) as in
    the passport and in the person's own script; the full native name is composed from its parts."""

    birth_date = JalaliDateField(label=capfirst(_("date of birth")))

    class Meta:
        model = Application
        fields = [*LATIN_NAME_PARTS, *NATIVE_NAME_PARTS, "sex", "birth_date", "nationality"]
        widgets = {
            "given_name": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "given-name"}),
            "father_name": forms.TextInput(attrs={"dir": "ltr"}),
            "grandfather_name": forms.TextInput(attrs={"dir": "ltr"}),
            "family_name": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "family-name"}),
            "native_given_name": forms.TextInput(attrs={"dir": "auto"}),
            "native_father_name": forms.TextInput(attrs={"dir": "auto"}),
            "native_grandfather_name": forms.TextInput(attrs={"dir": "auto"}),
            "native_family_name": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = ("given_name", "family_name", "native_given_name", "native_family_name")
        for name in (*required, "sex", "nationality"):
            self.fields[name].required = True
        self.fields["given_name"].help_text = _("As in your passport.")
        self.fields["grandfather_name"].help_text = _(
            "If your passport or your name has them, as Arab names do: "
            "father's and grandfather's names."
        )
        self.fields["native_given_name"].help_text = _(
            "In Arabic, Persian, Kurdish or your own script, as you write it."
        )

    def _latin(self, name: str) -> str:
        value = " ".join(self.cleaned_data[name].split())
        if value and not LATIN_NAME.match(value):
            raise forms.ValidationError(_("Use Latin letters, as in your passport."))
        return value

    def clean_given_name(self):
        return self._latin("given_name")

    def clean_father_name(self):
        return self._latin("father_name")

    def clean_grandfather_name(self):
        return self._latin("grandfather_name")

    def clean_family_name(self):
        return self._latin("family_name")

    def save(self, commit: bool = True) -> Application:
        self.instance.native_name = self.instance.native_name_from_parts()
        return super().save(commit)

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born >= today - timedelta(days=365 * MIN_AGE_YEARS):
            raise forms.ValidationError(
                _("Applicants must be at least %(age)s years old.") % {"age": MIN_AGE_YEARS}
            )
        if born.year < today.year - 80:
            raise forms.ValidationError(_("Check the year of birth."))
        return born


class ContactForm(forms.ModelForm):
    passport_expires_on = JalaliDateField(label=capfirst(_("passport expiry date")))

    class Meta:
        model = Application
        fields = ["passport_number", "passport_expires_on", "phone", "address"]
        widgets = {
            "passport_number": forms.TextInput(attrs={"dir": "ltr"}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "tel", "type": "tel"}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("passport_number", "phone"):
            self.fields[name].required = True
        self.fields["phone"].help_text = _("With the country code, e.g. +964 770 123 4567.")

    def clean_passport_number(self):
        value = self.cleaned_data["passport_number"].replace(" ", "").upper()
        if not PASSPORT.match(value):
            raise forms.ValidationError(
                _("A passport number has 6 to 12 Latin letters and digits.")
            )
        return value

    def clean_passport_expires_on(self):
        expires = self.cleaned_data["passport_expires_on"]
        if expires < timezone.localdate() + timedelta(days=30 * PASSPORT_VALID_MONTHS):
            raise forms.ValidationError(
                _("The passport must be valid for at least six more months.")
            )
        return expires

    def clean_phone(self):
        value = " ".join(self.cleaned_data["phone"].split())
        digits = sum(char.isdigit() for char in value)
        if not PHONE.match(value) or not 8 <= digits <= 15:
            raise forms.ValidationError(
                _("Enter a phone number with digits only, e.g. +964 770 123 4567.")
            )
        return value


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["qualification", "field", "institution", "country", "graduated_in", "grade"]

    def clean_graduated_in(self):
        year = self.cleaned_data["graduated_in"]
        this_year = timezone.localdate().year
        if not this_year - 60 <= year <= this_year + 1:
            raise forms.ValidationError(
                _("Enter the Gregorian year, between %(first)s and %(last)s.")
                % {"first": this_year - 60, "last": this_year + 1}
            )
        return year


EducationFormSet = forms.inlineformset_factory(
    Application,
    Education,
    form=EducationForm,
    extra=1,
    max_num=6,
    validate_max=True,
    can_delete=True,
)


class ProgramChoiceForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["program", "channel", "agent", "referrer_name", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.published().filter(deadline__gte=timezone.localdate())
        self.fields["program"].queryset = programs.select_related("unit")
        self.fields["program"].required = True
        self.fields["channel"].required = True
        self.fields["agent"].queryset = Agent.objects.filter(is_active=True)
        self.fields["statement"].help_text = _("Why this program, in a few lines (optional).")

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        if channel == Application.Channel.WEBSITE:
            cleaned["agent"] = None
            cleaned["referrer_name"] = ""
        elif channel and not (cleaned.get("agent") or cleaned.get("referrer_name", "").strip()):
            self.add_error(
                "agent", _("Choose who referred you, or write their name in the box below.")
            )
        agent = cleaned.get("agent")
        if agent and channel and agent.kind != channel:
            self.add_error(
                "agent",
                _("%(name)s is registered as: %(kind)s. Choose the matching answer above.")
                % {"name": agent.name, "kind": agent.get_kind_display()},
            )
        return cleaned


class UploadForm(forms.Form):
    type = forms.ModelChoiceField(queryset=DocumentType.objects.all(), widget=forms.HiddenInput)
    file = forms.FileField(
        label=capfirst(_("file")),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


# --- The office


class NoteForm(forms.Form):
    text = forms.CharField(
        label=capfirst(_("note")), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class ArrivalItemForm(forms.ModelForm):
    """One row of the after-admission checklist; its prefix is the item's kind."""

    date = JalaliDateField(label=capfirst(_("date")), required=False)

    class Meta:
        model = ArrivalItem
        fields = ["state", "date", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if name == "state" else "form-control form-control-sm"
            )


class ArrivalValuesForm(forms.ModelForm):
    """The values some items of the checklist record."""

    residence_expires_on = JalaliDateField(
        label=capfirst(_("residence permit expires on")), required=False
    )

    class Meta:
        model = Application
        fields = ["registration_code", "residence_permit_number", "residence_expires_on"]
        widgets = {
            "registration_code": forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
            "residence_permit_number": forms.TextInput(attrs={"dir": "ltr"}),
        }
        help_texts = {"registration_code": _("The ministry's 8-digit code for foreign students.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"

    def clean_registration_code(self) -> str:
        code = self.cleaned_data["registration_code"]
        return registration_code_clean(code) if code else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("residence_expires_on") and not cleaned.get("residence_permit_number"):
            self.add_error("residence_permit_number", _("Enter the residence permit's number."))
        return cleaned


class ProgramForm(forms.ModelForm):
    deadline = JalaliDateField(label=capfirst(_("application deadline")))

    class Meta:
        model = Program
        fields = [
            *in_every_language("name", "description"),
            "unit",
            "degree",
            "language",
            "duration_years",
            "tuition",
            "currency",
            "intake",
            "capacity",
            "deadline",
            "requires_interview",
            "required_documents",
            "is_published",
        ]
        widgets = {
            **{
                f"description_{code}": forms.Textarea(attrs={"rows": 3})
                for code, _name in settings.LANGUAGES
            },
            "required_documents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)

    def clean_intake(self):
        intake = self.cleaned_data["intake"]
        if not 1390 <= intake <= 1500:
            raise forms.ValidationError(_("Enter a Solar Hijri year such as 1405."))
        return intake

    def clean_duration_years(self):
        years = self.cleaned_data["duration_years"]
        if years <= 0:
            raise forms.ValidationError(_("The duration must be more than zero."))
        return years


class AgentForm(forms.ModelForm):
    contract_ends_on = JalaliDateField(label=capfirst(_("contract ends on")), required=False)

    class Meta:
        model = Agent
        fields = [
            "name",
            "kind",
            "organization",
            "country",
            "email",
            "phone",
            "contract_ends_on",
            "is_active",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ProcedureForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = [*in_every_language("title"), "kind", "owner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)
        self.fields["owner"].queryset = User.objects.filter(
            groups__name__in=[Role.OFFICER, Role.MANAGER], is_active=True
        ).distinct()


class VersionForm(forms.ModelForm):
    effective_from = JalaliDateField(label=capfirst(_("in force from")))
    upload = forms.FileField(
        label=capfirst(_("PDF file")), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )

    class Meta:
        model = ProcedureVersion
        fields = ["effective_from", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


class ReviewForm(forms.ModelForm):
    date = JalaliDateField(label=capfirst(_("date")))

    class Meta:
        model = Review
        fields = ["phase", "date", "findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 2})}

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A review cannot be dated in the future."))
        return value


class IssueForm(forms.ModelForm):
    since = JalaliDateField(label=capfirst(_("since")))

    class Meta:
        model = RecognitionIssue
        fields = ["country", "issue", "since", "status", "actions"]
        widgets = {
            "issue": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }


class LetterForm(forms.ModelForm):
    date = JalaliDateField(label=capfirst(_("date")))
    upload = forms.FileField(
        label=capfirst(_("PDF file")), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )

    class Meta:
        model = MinistryLetter
        fields = ["direction", "date", "number", "title"]
        labels = {"title": capfirst(_("subject"))}


class LetterLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=capfirst(_("language of the letter")), choices=[("en", "English"), ("fa", "فارسی")]
    )
    # Issue again: the valid letter is revoked as replaced and a new one numbered.
    reissue = forms.BooleanField(required=False)


# --- Interviews (the office's forms; the times are the university's)


class ClockField(forms.TimeField):
    """A time of day, typed in any digits ("۱۰:۳۰" reads as 10:30)."""

    widget = forms.TimeInput(attrs={"type": "time", "dir": "ltr"}, format="%H:%M")

    def to_python(self, value):
        return super().to_python(to_ascii_digits(value) if isinstance(value, str) else value)


class InterviewSlotForm(forms.ModelForm):
    """A time offered for an interview, or the new arrangement of a booked one. The date and the
    time are read in the university's time zone."""

    day = JalaliDateField(label=_("Day"))
    clock = ClockField(label=_("Time (Tehran)"))
    link = forms.URLField(
        label=capfirst(_("meeting link")),
        required=False,
        assume_scheme="https",
        help_text=_("For an online interview: the video call."),
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )

    class Meta:
        model = InterviewSlot
        fields = ["duration_minutes", "mode", "link", "place", "panel"]
        widgets = {"mode": forms.RadioSelect}

    field_order = ["day", "clock", "duration_minutes", "mode", "link", "place", "panel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        # As radio buttons the model's blank choice would be a third button, "---------".
        self.fields["mode"].choices = InterviewSlot.Mode.choices
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at, timezones.office_zone())
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("clock", local.time())

    def clean(self):
        cleaned = super().clean()
        day, clock = cleaned.get("day"), cleaned.get("clock")
        if day and clock:
            starts_at = datetime.combine(day, clock, tzinfo=timezones.office_zone())
            if starts_at <= timezone.now():
                self.add_error("day", _("The interview must start in the future."))
            cleaned["starts_at"] = starts_at
        mode = cleaned.get("mode")
        if mode == InterviewSlot.Mode.ONLINE and not cleaned.get("link"):
            self.add_error("link", _("An online interview needs the meeting link."))
        if mode == InterviewSlot.Mode.IN_PERSON and not cleaned.get("place"):
            self.add_error("place", _("An interview in person needs the place."))
        return cleaned

    def _post_clean(self):
        # The slot is written by the service (students/interviews.py), not by this form.
        pass

    def arrangement(self) -> dict:
        """The fields the services take (interviews.ARRANGEMENT)."""
        data = self.cleaned_data
        online = data["mode"] == InterviewSlot.Mode.ONLINE
        return {
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "mode": data["mode"],
            "link": data["link"] if online else "",
            "place": "" if online else data["place"],
            "panel": data["panel"],
        }


class InterviewChangeForm(InterviewSlotForm):
    """A booked interview's new arrangement, with a word to the applicant about it."""

    note = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InterviewReportForm(forms.ModelForm):
    """The panel's report: every score (0 to 10), the recommendation, notes."""

    class Meta:
        model = InterviewSlot
        fields = [*SCORE_FIELDS, "recommendation", "report_notes"]
        widgets = {"report_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (*SCORE_FIELDS, "recommendation"):
            self.fields[name].required = True
        # Django's own "less than or equal to 10" writes the limit in Latin digits on every page.
        out_of_range = _("Give a score from %(low)s to %(high)s.") % {
            "low": to_local_digits(0),
            "high": to_local_digits(10),
        }
        for name in SCORE_FIELDS:
            self.fields[name].widget.attrs.update({"min": 0, "max": 10})
            self.fields[name].error_messages.update(
                {"min_value": out_of_range, "max_value": out_of_range}
            )

    def report(self) -> dict:
        data = self.cleaned_data
        return {
            "recommendation": data["recommendation"],
            "notes": data["report_notes"],
            **{name: data[name] for name in SCORE_FIELDS},
        }


# --- Faculty review


class FacultyReviewForm(forms.Form):
    """A reviewer's opinion: a recommendation, a score for each of the program's criteria (one
    field `score-<criterion id>` each) and comments."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=FacultyReview.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For the office and the manager; the applicant does not read them."),
    )
    no_conflict = forms.BooleanField(
        label=_(
            "I declare that I have no conflict of interest with this applicant: no family, "
            "financial or professional tie that could bias my opinion."
        ),
        error_messages={
            "required": _(
                "Declare that you have no conflict of interest, or declare the conflict below."
            )
        },
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(value, to_local_digits(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]
        for criterion in self.criteria:
            self.fields[f"score-{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Score this criterion.")},
            )

    @classmethod
    def initial_for(cls, review) -> dict:
        return {
            "recommendation": review.recommendation,
            "comments": review.comments,
            "no_conflict": review.no_conflict_declared,
            **{f"score-{score.criterion_id}": score.score for score in review.scores.all()},
        }

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data[f"score-{criterion.pk}"] for criterion in self.criteria
        }

    def score_fields(self):
        return [self[f"score-{criterion.pk}"] for criterion in self.criteria]


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("The conflict of interest"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Say what ties you to the applicant; the office reads it and your review is "
            "withdrawn without scores."
        ),
    )


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ReviewCriterion
        fields = [*in_every_language("name"), "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)


class BaseCriterionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            criterion = form.instance
            if criterion.pk and ReviewScore.objects.filter(criterion=criterion).exists():
                raise forms.ValidationError(
                    _("“%(name)s” has been scored in reviews; it cannot be deleted.")
                    % {"name": criterion.name}
                )


CriterionFormSet = forms.inlineformset_factory(
    Program,
    ReviewCriterion,
    form=CriterionForm,
    formset=BaseCriterionFormSet,
    extra=2,
    can_delete=True,
    max_num=12,
    validate_max=True,
)
# --- Fees (students/fees.py)


class FeeScheduleForm(forms.ModelForm):
    class Meta:
        model = FeeSchedule
        fields = [
            "program",
            "intake",
            "currency",
            "application_fee",
            "deposit",
            "tuition",
            "tuition_period",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.order_by("-intake", "name")
        if not self.instance.pk:
            self.fields["intake"].initial = None


class InvoiceIssueForm(forms.Form):
    kind = forms.ChoiceField(label=capfirst(_("fee")), choices=Invoice.Kind.choices)
    due_on = JalaliDateField(
        label=capfirst(_("due on")),
        required=False,
        help_text=_("Leave empty for 30 days from today."),
    )


class TransferForm(forms.Form):
    file = forms.FileField(
        label=_("The bank's receipt of your transfer"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("A PDF, JPEG or PNG file."),
    )
    note = forms.CharField(
        label=capfirst(_("note to the office")),
        required=False,
        max_length=300,
        help_text=_("E.g. the amount you sent and the date of the transfer."),
    )


class PaymentConfirmForm(forms.Form):
    amount = forms.CharField(
        label=capfirst(_("amount received")),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
        help_text=_("What reached the university's account, in the invoice's currency."),
    )


class AllowanceForm(forms.Form):
    amount = forms.CharField(
        label=capfirst(_("amount granted")),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
        help_text=_("The whole balance waives the invoice."),
    )
    reason = forms.CharField(
        label=capfirst(_("reason")), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        # Beside the payment form on the invoice's page: ids of its own for its "amount".
        kwargs.setdefault("auto_id", "id_grant_%s")
        super().__init__(*args, **kwargs)
