from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from intlaffairs.jalali import JalaliDateField
from intlaffairs.models import User
from intlaffairs.roles import Role

from .models import Certificate, Claim, Policy


class CertificateForm(forms.ModelForm):
    taken_on = JalaliDateField(label=_("test date"))
    upload = forms.FileField(
        label=_("scan of the certificate (PDF, JPEG or PNG, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = Certificate
        fields = [
            "person",
            "test",
            "overall",
            "listening",
            "reading",
            "writing",
            "speaking",
            "taken_on",
            "trf_number",
        ]
        widgets = {"trf_number": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_office_staff:
            self.fields["person"].queryset = (
                User.objects.filter(groups__name__in=[Role.FACULTY, Role.MENTOR], is_active=True)
                .distinct()
                .order_by("email")
            )
        else:
            del self.fields["person"]
            self.instance.person = user


class ClaimForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("receipts (PDF, JPEG or PNG, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = Claim
        fields = ["certificate", "course_fee", "exam_fee"]

    def __init__(self, *args, user, held=None, **kwargs):
        """`held`: the receipt kept from an earlier, refused sending of this form."""
        super().__init__(*args, **kwargs)
        self.held = held
        if held is not None:
            self.fields["upload"].required = False
        # Only a verified certificate counts for an exam fee (check_claim_rules): offering
        # another would only lead to a refusal.
        self.fields["certificate"].queryset = Certificate.objects.filter(
            person=user, status=Certificate.Status.VERIFIED
        )
        self.fields["certificate"].help_text = _("Needed for an exam fee.")

    def clean_upload(self):
        return self.cleaned_data.get("upload") or self.held


class PolicyForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = ["course_fee_cap"]


class AdjustmentForm(forms.Form):
    points = forms.DecimalField(
        label=_("points (negative to subtract)"), max_digits=6, decimal_places=2
    )
    reason = forms.CharField(label=_("reason"), max_length=300)


class WeightsForm(forms.Form):
    """One field per agreement type: the points for initiating one such agreement."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Agreement.Type.choices:
            self.fields[kind] = forms.DecimalField(
                label=label, min_value=0, max_value=100, max_digits=5, decimal_places=2
            )
