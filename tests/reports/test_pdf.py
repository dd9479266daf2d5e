"""The PDF renderer: language, digits, fonts, and a URL fetcher that reads only our files."""

import re
import subprocess
from datetime import date

import pytest
from django.utils import timezone
from weasyprint import HTML

from intlaffairs import pdf

from ..factories import AgreementFactory, InstitutionFactory

MARKS = re.compile("[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return MARKS.sub("", text)


def render(body: str, language: str = "fa") -> bytes:
    html = pdf.render_html(
        "pdf/base.html",
        {"report_title": "T", "generated_at": timezone.now()},
        language=language,
    ).replace("</body>", body + "</body>")
    return pdf.html_to_pdf(html)[0]


def test_the_fetcher_refuses_local_files_outside_static_and_remote_urls(tmp_path):
    body = (
        '<a rel="attachment" href="file:///etc/passwd">x</a>'
        '<img src="http://example.com/tracker.png" alt="">'
        '<img src="file:///etc/hostname" alt="">'
    )
    assert b"EmbeddedFile" not in render(body)
    # The same page through WeasyPrint's own fetcher does embed /etc/passwd: the check bites.
    html = pdf.render_html(
        "pdf/base.html", {"report_title": "T", "generated_at": timezone.now()}, language="fa"
    ).replace("</body>", body + "</body>")
    assert b"EmbeddedFile" in HTML(string=html, base_url=str(tmp_path)).write_pdf()


def test_the_fetcher_reads_our_static_files():
    fetcher = pdf.StaticOnlyFetcher()
    font = pdf.asset_url("vendor/vazirmatn-ttf/Vazirmatn-Regular.ttf")
    response = fetcher.fetch(font)
    response.close()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/logo.png")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fa", ["دانشگاه علوم پزشکی کرمانشاه", "تفاهم‌نامه‌های فعال", "۷ آذر ۱۴۰۵"]),
        # pdftotext splits the lam-alef ligature (لا), so the Kurdish phrases avoid it.
        ("ckb", ["زانکۆی زانستە پزیشکییەکانی کرماشان", "ڕاپۆرتی ڕێککەوتنەکان", "٧ سەرماوەز ١٤٠٥"]),
        (
            "en",
            [
                "Kermanshah University of Medical Sciences",
                "All active agreements",
                "28 November 2026",
            ],
        ),
    ],
)
def test_the_agreements_report_speaks_the_language_asked_for(language, expected, tmp_path, manager):
    from intlaffairs import reports

    partner = InstitutionFactory(name_en="University of Kufa", name_fa="دانشگاه کوفه")
    AgreementFactory(
        status="active", partners=[partner], signed_on=date(2026, 1, 1), ends_on=date(2026, 11, 28)
    )
    request = reports.report_request(
        kind="agreements",
        language=language,
        by=manager,
        period=(date(2026, 1, 1), date(2026, 12, 31)),
    )
    request = reports.report_render(request_id=request.pk)
    text = pdf_text(request.file.read(), tmp_path)
    for phrase in expected:
        assert MARKS.sub("", phrase).replace(" ", "") in text.replace(" ", ""), phrase
    assert request.pages >= 2


@pytest.mark.django_db
def test_latin_notes_keep_their_punctuation_in_a_persian_sheet(tmp_path, manager, officer):
    from intlaffairs import reports, workflow

    agreement = AgreementFactory(signatories="President, University of Bologna.")
    workflow.move(agreement, "negotiate", by=officer, note="Draft sent to Bologna.")
    request = reports.report_request(
        kind="agreement_sheet", language="fa", by=manager, params={"agreement": agreement.pk}
    )
    text = pdf_text(reports.report_render(request_id=request.pk).file.read(), tmp_path)
    assert "Draft sent to Bologna." in text
    assert "President, University of Bologna." in text
    assert ".Draft" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Signed in Rome.", "ltr"),
        ("۱۲ امضا شد.", "rtl"),
        ("«پیش‌نویس» sent", "rtl"),
        ("123", "auto"),
    ],
)
def test_direction_follows_the_first_strong_character(text, expected):
    from intlaffairs.templatetags.bidi import direction

    assert direction(text) == expected
