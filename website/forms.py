from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intlaffairs.jalali import JalaliDateField
from intlaffairs.translated import in_every_language

from .models import Inquiry, Page, Post


def _text_areas(names: tuple[str, ...], rows: int) -> dict:
    return {field: forms.Textarea(attrs={"rows": rows}) for field in in_every_language(*names)}


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [*in_every_language("title", "body"), "slug", "order", "is_published"]
        widgets = _text_areas(("body",), 12)


class PostForm(forms.ModelForm):
    published_on = JalaliDateField(label=capfirst(_("publication date")))
    starts_on = JalaliDateField(label=capfirst(_("starts on")), required=False)
    ends_on = JalaliDateField(label=capfirst(_("ends on")), required=False)

    class Meta:
        model = Post
        fields = [
            "kind",
            *in_every_language("title", "summary", "body", "place"),
            "slug",
            "published_on",
            "starts_on",
            "ends_on",
            "is_published",
        ]
        widgets = {**_text_areas(("body",), 10), **_text_areas(("summary",), 2)}


class ContactForm(forms.ModelForm):
    message = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )

    class Meta:
        model = Inquiry
        fields = ["name", "email", "subject"]
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
