"""Bar charts for PDFs as SVG, drawn on the server from the same numbers the web page charts.

Labels stay in HTML (where the text engine shapes Persian and Kurdish and handles direction);
each row's bar is a small inline SVG, so nothing depends on SVG text layout.
"""

from dataclasses import dataclass

from django.utils.html import format_html

BAR_WIDTH = 300
BAR_HEIGHT = 12
COLOUR = "#0b5d7a"


@dataclass(frozen=True)
class BarRow:
    label: str
    value: int
    bar: str  # an <svg> element, safe to include


def bar_rows(labels: list[str], values: list[int], *, rtl: bool) -> list[BarRow]:
    """One row per label, each bar scaled to the largest value; bars grow from the start side."""
    largest = max(values, default=0) or 1
    rows = []
    for label, value in zip(labels, values, strict=True):
        width = round(BAR_WIDTH * value / largest)
        x = BAR_WIDTH - width if rtl else 0
        bar = format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">'
            '<rect x="{}" y="0" width="{}" height="{}" fill="{}"/></svg>',
            BAR_WIDTH,
            BAR_HEIGHT,
            BAR_WIDTH,
            BAR_HEIGHT,
            x,
            width,
            BAR_HEIGHT,
            COLOUR,
        )
        rows.append(BarRow(label=label, value=value, bar=bar))
    return rows


def choice_rows(counts: dict, choices, *, rtl: bool) -> list[BarRow]:
    """Bars for counts keyed by a choice's value, in the order the choices are declared (a
    pipeline's or workflow's own order), labelled in the current language; zero rows left out."""
    pairs = [(str(label), counts[value]) for value, label in choices if counts.get(value)]
    return bar_rows([label for label, _n in pairs], [n for _l, n in pairs], rtl=rtl)
