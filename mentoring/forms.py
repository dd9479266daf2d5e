from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intlaffairs.jalali import JalaliDateField

from .models import Issue, Language, Meeting, Mentee, Mentor, MentorLanguage, Need, Survey


class MentorApplicationForm(forms.ModelForm):
    class Meta:
        model = Mentor
        fields = [
            "unit",
            "program",
            "year_of_study",
            "gender",
            "capacity",
            "availability",
            "phone",
            "bio",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "type": "tel"}),
        }

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= 5:
            raise forms.ValidationError(_("Take between 1 and 5 mentees."))
        return capacity

    def clean_year_of_study(self):
        year = self.cleaned_data["year_of_study"]
        if not 1 <= year <= 8:
            raise forms.ValidationError(_("Enter your year of study, from 1 to 8."))
        return year


LanguageFormSet = forms.inlineformset_factory(
    Mentor,
    MentorLanguage,
    fields=["language", "level"],
    extra=3,
    max_num=6,
    can_delete=False,
    min_num=1,
    validate_min=True,
)


class MenteeForm(forms.ModelForm):
    arrival_date = JalaliDateField(label=capfirst(_("arrival date")), required=False)
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages")),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.MultipleChoiceField(
        label=capfirst(_("needs")),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Mentee
        fields = [
            "name",
            "email",
            "phone",
            "share_email",
            "share_phone",
            "unit",
            "program",
            "gender",
            "gender_preference",
            "languages",
            "arrival_date",
            "needs",
        ]


class ContactConsentForm(forms.ModelForm):
    """What a mentee lets their mentor see of how to reach them."""

    class Meta:
        model = Mentee
        fields = ["phone", "share_email", "share_phone"]
        widgets = {"phone": forms.TextInput(attrs={"dir": "ltr", "type": "tel"})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("share_phone") and not cleaned.get("phone", "").strip():
            self.add_error("phone", _("Enter the phone number your mentor may see."))
        return cleaned


class ProposalMentorForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=capfirst(_("mentor")), queryset=Mentor.objects.filter(status="approved")
    )


class MeetingForm(forms.ModelForm):
    date = JalaliDateField(label=capfirst(_("date")))

    class Meta:
        model = Meeting
        fields = ["date", "minutes", "topics", "follow_up"]
        widgets = {
            "topics": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A meeting cannot be in the future."))
        return value

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if not 5 <= minutes <= 600:
            raise forms.ValidationError(_("Enter the duration in minutes, from 5 to 600."))
        return minutes


class IssueForm(forms.Form):
    """An issue raised at a meeting (optional)."""

    category = forms.ChoiceField(
        label=capfirst(_("issue raised")),
        choices=[("", "—"), *Issue.Category.choices],
        required=False,
    )
    description = forms.CharField(
        label=capfirst(_("what about")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    escalate = forms.BooleanField(label=capfirst(_("ask the office for help")), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") and not cleaned.get("description", "").strip():
            self.add_error("description", _("Describe the issue in a few words."))
        if cleaned.get("description", "").strip() and not cleaned.get("category"):
            self.add_error("category", _("Choose what the issue is about."))
        return cleaned


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=capfirst(_("rating")),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=capfirst(_("comment")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class SurveyForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=capfirst(_("how useful was it")),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Survey
        fields = ["rating", "helped_with", "suggestion"]
        widgets = {
            "helped_with": forms.Textarea(attrs={"rows": 2}),
            "suggestion": forms.Textarea(attrs={"rows": 2}),
        }


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=capfirst(_("what the office did")), max_length=2000)


class TrainingForm(forms.Form):
    trained_on = JalaliDateField(label=capfirst(_("training completed on")))
