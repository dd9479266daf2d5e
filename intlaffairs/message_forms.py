"""The forms of the threads: a message, and a saved reply of the managers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .messaging import MESSAGE_MAX_LENGTH
from .models import SavedReply
from .threads import PLACEHOLDERS


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the message first.")},
    )
    # Checked by content in messaging.message_post (intlaffairs.uploads.validate_document).
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("Optional: a PDF, JPEG or PNG file of at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, prefix: str = "message", **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)


class SavedReplyForm(forms.ModelForm):
    class Meta:
        model = SavedReply
        fields = ["title", "language", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "These words in braces are filled from the application: %(list)s."
        ) % {
            "list": "; ".join(
                f"{{{name}}} ({description})" for name, description in PLACEHOLDERS.items()
            )
        }
