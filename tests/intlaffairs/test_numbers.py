"""Numbers typed in any digits reach the database; amounts and percentages read in each language."""

from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation

from agreements.forms import QuotaForm
from agreements.models import Quota
from incentives.models import Certificate
from intlaffairs.numerals import format_amount, format_percent, number_text
from tests.factories import AgreementFactory

from ..students.helpers import PDF_BYTES


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("۱۴۰۵", "1405"),
        ("١٤٠٥", "1405"),
        ("۶٫۵", "6.5"),
        ("٧٫٥", "7.5"),
        ("۱٬۲۵۰٬۰۰۰", "1250000"),
        ("1,250,000.50", "1250000.50"),
        ("\u200f۴۲\u200e ", "42"),
        ("−۳", "-3"),
        ("1,5", "1,5"),  # not a grouping: left for the field to refuse, never read as 15
        ("۱٬۲۵", "1٬25"),
    ],
)
def test_number_text_reads_every_script_and_separator(typed, read):
    assert number_text(typed) == read


class Numbers(forms.Form):
    count = forms.IntegerField(min_value=1, max_value=3650)
    band = forms.DecimalField(max_digits=3, decimal_places=1)
    ratio = forms.FloatField(required=False)


def test_every_number_field_reads_persian_and_arabic_digits():
    form = Numbers({"count": "۳۶۵", "band": "٧٫٥", "ratio": "۰٫۲۵"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"count": 365, "band": Decimal("7.5"), "ratio": 0.25}


def test_a_number_out_of_range_is_refused_on_the_server_in_the_users_language():
    with translation.override("en"):
        form = Numbers({"count": "۴۰۰۰", "band": "6"})
        assert not form.is_valid()
        assert form.errors["count"] == ["Ensure this value is less than or equal to 3650."]
    with translation.override("fa"):
        form = Numbers({"count": "abc", "band": "6"})
        assert not form.is_valid()
        assert form.errors["count"] == ["به طور کامل یک عدد وارد کنید."]


def test_a_number_box_is_a_text_box_that_keeps_any_digits():
    html = str(Numbers()["count"]) + str(Numbers()["band"])
    assert 'type="number"' not in html
    assert 'inputmode="numeric"' in html and 'inputmode="decimal"' in html
    assert "min=" not in html and "max=" not in html and "step=" not in html
    bound = Numbers({"count": "۳۶۵۰۰", "band": "x"})
    bound.is_valid()
    assert 'value="۳۶۵۰۰"' in str(bound["count"])  # shown back as typed, with its error


@pytest.mark.django_db
def test_a_quota_year_typed_in_persian_digits_is_saved(client, officer):
    agreement = AgreementFactory()
    client.force_login(officer)
    response = client.post(
        f"/fa/agreements/{agreement.pk}/quotas/",
        {
            "academic_year": "۱۴۰۵",
            "direction": "students_in",
            "people": "۳",
            "duration": "٦",
            "unit": "months",
        },
    )
    assert response.status_code == 302
    quota = Quota.objects.get()
    assert (quota.academic_year, quota.people, quota.duration) == (1405, 3, 6)


def test_a_quota_year_out_of_range_in_persian_digits_is_explained():
    with translation.override("en"):
        form = QuotaForm(
            {"academic_year": "۱۲۰۰", "direction": "students_in", "people": "1", "duration": "1"},
            agreement=AgreementFactory.build(),
        )
        assert not form.is_valid()
        assert form.errors["academic_year"] == ["Enter a Solar Hijri year such as 1405."]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "band"), [("٧٫٥", "7.5"), ("۶٫۵", "6.5"), ("6.0", "6.0")])
def test_an_ielts_band_in_arabic_indic_digits_or_with_the_persian_decimal_mark_is_saved(
    client, faculty, settings, tmp_path, typed, band
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(faculty)
    response = client.post(
        "/fa/incentives/certificates/new/",
        {
            "test": "ielts_academic",
            "trf_number": "26IR000001KERA001A",
            "overall": typed,
            "taken_on": "۱۴۰۵/۰۲/۱۱",
            "upload": SimpleUploadedFile("scan.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Certificate.objects.get().overall == Decimal(band)


@pytest.mark.parametrize(
    ("language", "amount", "percent"),
    [
        ("fa", "۱٬۲۵۰٬۰۰۰", "۴۲٪"),
        ("ckb", "١٬٢٥٠٬٠٠٠", "٤٢٪"),
        ("ar", "١٬٢٥٠٬٠٠٠", "٤٢٪"),
        ("en", "1,250,000", "42%"),
    ],
)
def test_amounts_are_grouped_and_percentages_written_in_each_language(language, amount, percent):
    template = Template("{{ fee|amount }} {{ share|percent }} {{ none|amount }}")
    with translation.override(language):
        shown = template.render(Context({"fee": Decimal("1250000.4"), "share": 42, "none": None}))
    assert shown == f"{amount} {percent} "
    assert format_amount("7.25", 2, language="en") == "7.25"
    assert format_amount("7.25", 2, language="fa") == "۷٫۲۵"
    assert format_percent("not a number", language="fa") == ""
