"""Forms of the documents of record: the public check of a code, revoking, the letterhead."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .codes import clean_code
from .models import Letterhead
from .translated import in_every_language
from .uploads import validate_image


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=capfirst(_("verification code")),
        max_length=40,
        help_text=_("As printed under the QR code, e.g. ABCDE-FGH23; letters in any case."),
        widget=forms.TextInput(
            attrs={"dir": "ltr", "autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        code = clean_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Type the code printed on the document."))
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=capfirst(_("reason for revoking")),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for revoking the document.")},
    )


class LetterheadForm(forms.ModelForm):
    """The letterhead; each picture PNG or JPEG of at most 2 MB, checked by its content."""

    class Meta:
        model = Letterhead
        fields = [
            "logo",
            *in_every_language("signatory_name", "signatory_title"),
            "signature",
            "stamp",
        ]
        widgets = {
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
            "signature": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
            "stamp": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        }

    def _image(self, name: str):
        upload = self.cleaned_data.get(name)
        if isinstance(upload, UploadedFile):  # a new picture, not the one kept
            validate_image(upload)
        return upload

    def clean_logo(self):
        return self._image("logo")

    def clean_signature(self):
        return self._image("signature")

    def clean_stamp(self):
        return self._image("stamp")
