"""HTML templates to PDF with WeasyPrint, in the report's language, reading only our own files.

Every PDF template extends pdf/base.html: <meta charset="utf-8">, `lang` and `dir` from the
language, Vazirmatn embedded, page numbers in the language's digits, a cover page (short
documents extend pdf/short.html instead: a heading on the first page).
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .timezones import office_zone

# CSS counter styles WeasyPrint knows, for page numbers in each language's digits.
PAGE_NUMBER_STYLES = {"fa": "persian", "ckb": "arabic-indic", "ar": "arabic-indic", "en": "decimal"}


def asset_roots() -> list[Path]:
    """The only folders a PDF may read from: the static sources and the collected static files."""
    roots = [Path(settings.STATIC_ROOT)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, tuple) else entry))
    return [root.resolve() for root in roots]


class StaticOnlyFetcher(URLFetcher):
    """Refuses every URL but data: URIs and files inside asset_roots().

    WeasyPrint's default fetcher would read any file:// URL (a template that shows user input
    could pull /etc/passwd into the PDF) or any remote URL; this one logs and skips them.
    """

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in asset_roots()) and path.is_file():
                return super().fetch(url, headers)
        raise ValueError(f"PDF resources are limited to the portal's static files: {url}")


def asset_url(static_path: str) -> str:
    """A file:// URL for a static file (e.g. "vendor/vazirmatn-ttf/Vazirmatn-Regular.ttf")."""
    found = finders.find(static_path)
    if not found:
        raise FileNotFoundError(static_path)
    return Path(found).resolve().as_uri()


def render_html(template_name: str, context: dict, *, language: str) -> str:
    """In the office's time zone, whoever's request renders it: a document's dates are the
    university's (an applicant's own zone is for their pages, ReaderTimeZoneMiddleware)."""
    with translation.override(language), timezone.override(office_zone()):
        return render_to_string(
            template_name,
            {
                **context,
                "page_number_style": PAGE_NUMBER_STYLES.get(language, "decimal"),
                "font_regular": asset_url("vendor/vazirmatn-ttf/Vazirmatn-Regular.ttf"),
                "font_bold": asset_url("vendor/vazirmatn-ttf/Vazirmatn-Bold.ttf"),
            },
        )


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """The PDF bytes and the number of pages."""
    base_url = Path(settings.STATIC_ROOT).resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher()).render()
    return document.write_pdf(), len(document.pages)


def render_pdf(template_name: str, context: dict, *, language: str) -> tuple[bytes, int]:
    """Render `template_name` in `language` to PDF; returns (bytes, page count)."""
    return html_to_pdf(render_html(template_name, context, language=language))
