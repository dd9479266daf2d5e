from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.models import Institution
from intlaffairs.filterbar import filter_bar
from intlaffairs.filtering import JalaliYearField
from intlaffairs.jalali import JalaliDateField, academic_year_label
from intlaffairs.models import TargetCountry, Unit, User
from intlaffairs.roles import STAFF_ROLES, Role
from intlaffairs.translated import in_every_language, label_language_fields
from intlaffairs.uploads import StoredFileInput, validate_pdf

from . import indicators
from .models import Action, Center, Indicator, Material, Plan, Practice, Review, WebCheck
from .reports import BOARD_LANGUAGES
from .services import current_year

YEAR_HELP = _("A Solar Hijri year such as 1405.")
BASELINE_YEARS = 3  # years before the plan offered for baselines and past figures
PLAN_YEARS_AHEAD = 10


def academic_years(plan: Plan | None = None) -> list[int]:
    """The academic years a plan's forms offer: its own, the current one, and a few before for
    baselines."""
    now = current_year()
    first = min(plan.first_year, now) if plan else now
    last = max(plan.last_year, now) if plan else now
    return list(range(first - BASELINE_YEARS, last + 1))


def year_choices(years, *, blank: bool = False) -> list[tuple[str, str]]:
    """Options for a year select: the value in Latin digits, the label ("۱۴۰۵–۱۴۰۶") in the
    page's; call it while the page's language is active."""
    options = [(str(year), academic_year_label(year)) for year in years]
    return [("", "—"), *options] if blank else options


class AcademicYearField(JalaliYearField):
    """An academic year chosen from a list shown in the page's digits. The value is still read
    like a typed year (any digits), so a bookmarked link keeps working."""

    widget = forms.Select

    def __init__(self, *, years=(), filter_bar: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.in_filter_bar = filter_bar
        self.offer(years)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            if self.in_filter_bar:
                raise  # the bar says the year was left out, and shows the default
            raise forms.ValidationError(_("Enter a Solar Hijri year such as 1405.")) from None

    def offer(self, years) -> None:
        self.widget.choices = year_choices(years, blank=not self.required)


def _year(value: int) -> int:
    if not 1390 <= value <= 1500:
        raise forms.ValidationError(_("Enter a Solar Hijri year such as 1405."))
    return value


class DashboardYearForm(forms.Form):
    """The year the dashboard shows, drawn by the filter bar. A form rather than a FilterSet:
    the year chooses which figures are computed, it filters no list. Without a year (or with a
    wrong one, explained in the bar) the dashboard shows `default`."""

    year = AcademicYearField(label=_("Academic year"), required=False, filter_bar=True)

    def __init__(self, data, *, default: int, plan: Plan | None = None):
        data = data.copy()
        data.setdefault("year", str(default))
        super().__init__(data)
        self.default = default
        self.fields["year"].offer(academic_years(plan))
        filter_bar(self)

    @property
    def chosen_year(self) -> int:
        self.is_valid()
        return self.cleaned_data.get("year") or self.default


class IndicatorForm(forms.ModelForm):
    source = forms.ChoiceField(label=capfirst(_("computed from")), required=False)

    class Meta:
        model = Indicator
        fields = [
            *in_every_language("name"),
            "source",
            "baseline",
            "baseline_year",
            "higher_is_better",
        ]

    baseline_year = AcademicYearField(label=capfirst(_("baseline year")), required=False)

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)
        self.fields["source"].choices = [("", _("Entered by hand")), *indicators.choices()]
        self.fields["baseline_year"].offer(academic_years(plan))


class FigureForm(forms.Form):
    """A target, and for a hand-entered indicator the actual value, for one year."""

    indicator = forms.ModelChoiceField(queryset=Indicator.objects.all(), widget=forms.HiddenInput)
    year = AcademicYearField(label=capfirst(_("academic year")))
    target = forms.DecimalField(label=capfirst(_("target")), required=False, max_digits=12)
    actual = forms.DecimalField(label=capfirst(_("actual value")), required=False, max_digits=12)

    def clean_year(self):
        return _year(self.cleaned_data["year"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") is None and cleaned.get("actual") is None:
            raise forms.ValidationError(_("Enter a target, an actual value, or both."))
        indicator = cleaned.get("indicator")
        if indicator and indicator.is_computed and cleaned.get("actual") is not None:
            self.add_error("actual", _("This indicator is computed from the portal's data."))
        return cleaned


def staff_people():
    return User.objects.filter(
        groups__name__in=[*STAFF_ROLES, Role.FACULTY], is_active=True
    ).distinct()


class ActionForm(forms.ModelForm):
    due_on = JalaliDateField(label=capfirst(_("due on")))

    class Meta:
        model = Action
        fields = ["title", "owner", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()


class ReviewForm(forms.ModelForm):
    year = AcademicYearField(label=capfirst(_("academic year")))
    date = JalaliDateField(label=capfirst(_("date")))

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].offer(academic_years(plan))

    class Meta:
        model = Review
        fields = ["year", "phase", "date", "findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 2})}

    def clean_year(self):
        return _year(self.cleaned_data["year"])


class PlanForm(forms.ModelForm):
    first_year = AcademicYearField(label=capfirst(_("from (Solar Hijri year)")))
    last_year = AcademicYearField(label=capfirst(_("to (Solar Hijri year)")))
    approved_on = JalaliDateField(label=capfirst(_("approved on")), required=False)

    class Meta:
        model = Plan
        fields = [
            *in_every_language("title"),
            "version",
            "first_year",
            "last_year",
            "approved_on",
            "file",
            "is_current",
        ]
        widgets = {"file": StoredFileInput(attrs={"accept": ".pdf"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)
        self.fields["file"].widget.download_url = self.instance.file_url
        now = current_year()
        years = range(now - PLAN_YEARS_AHEAD, now + PLAN_YEARS_AHEAD + 1)
        self.fields["first_year"].offer(years)
        self.fields["last_year"].offer(years)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_pdf(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        for name in ("first_year", "last_year"):
            if cleaned.get(name) is not None and not 1390 <= cleaned[name] <= 1500:
                self.add_error(name, _("Enter a Solar Hijri year such as 1405."))
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year must not be before the first."))
        return cleaned


class TargetCountryForm(forms.ModelForm):
    class Meta:
        model = TargetCountry
        fields = ["country", "priority", "note"]
        labels = {"note": capfirst(_("rationale"))}


class CenterForm(forms.ModelForm):
    """A center's details. Its status moves by the steps on the register (workflows.py), which
    set the approval and inauguration dates; once a step is taken, its date can be corrected."""

    proposed_on = JalaliDateField(label=capfirst(_("proposed on")))
    approved_on = JalaliDateField(label=capfirst(_("approved on")))
    inaugurated_on = JalaliDateField(label=capfirst(_("inaugurated on")))

    class Meta:
        model = Center
        fields = [
            "name",
            "country",
            "city",
            "partner",
            "proposed_on",
            "approved_on",
            "inaugurated_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Institution.objects.order_by("name")
        reached = {
            Center.Status.PROPOSED: [],
            Center.Status.APPROVED: ["approved_on"],
            Center.Status.INAUGURATED: ["approved_on", "inaugurated_on"],
        }[self.instance.status]
        for name in ("approved_on", "inaugurated_on"):
            if name not in reached:
                del self.fields[name]


class MaterialForm(forms.ModelForm):
    link = forms.URLField(label=capfirst(_("file or link")), required=False, assume_scheme="https")

    class Meta:
        model = Material
        fields = ["title", "kind", "languages", "link"]


class WebCheckForm(forms.ModelForm):
    class Meta:
        model = WebCheck
        fields = ["item", "progress", "note"]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["source", "lesson", "goal"]
        widgets = {"lesson": forms.Textarea(attrs={"rows": 3})}


class UnitNamesForm(forms.ModelForm):
    """A unit's name in every language; the board's three (BOARD_LANGUAGES) are required, the
    other languages' names are for the pages."""

    class Meta:
        model = Unit
        fields = in_every_language("name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_language_fields(self)
        for code in BOARD_LANGUAGES:
            self.fields[f"name_{code}"].required = True
