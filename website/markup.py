"""The office's Markdown, rendered to HTML that is safe to show on a public page.

markdown-it-py with raw HTML switched off: whatever HTML the office types is shown as text,
never run, and its link check refuses javascript:, vbscript:, file: and data: addresses. What
is left are the tags Markdown itself writes (headings, paragraphs, lists, emphasis, links,
images, tables, code).
"""

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_MARKDOWN.enable("table")


def markdown_html(text: str) -> SafeString:
    """`text` (Markdown) as HTML in which no script can run. Headings start at level 2: the
    page's own title is its only h1."""
    tokens = _MARKDOWN.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
    return mark_safe(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
