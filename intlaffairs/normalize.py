"""Search normalization: a query typed with Arabic letters or any digits finds Persian records.

The same mapping runs in Python (on the query) and in SQL (on the stored text, through
TRANSLATE in PostgreSQL, the Python function itself in SQLite), so nothing is stored twice.
"""

from collections.abc import Sequence

from django.db.models import CharField, F, Func, Q, QuerySet

MAX_TERMS = 10

# One table for both sides: character -> replacement.
CHARACTER_MAP: dict[str, str] = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی Persian yeh
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک Persian kaf
    "\u0629": "\u0647",  # ة teh marbuta -> ه
    "\u06c0": "\u0647",  # ۀ heh with yeh -> ه
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا (so "آزاد" and "ازاد" match)
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0624": "\u0648",  # ؤ -> و
    "\u200c": " ",  # ZWNJ: "می‌خواهم" matches "می خواهم"
    "\u0640": "",  # tatweel
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **dict.fromkeys(
        # Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef)
        [chr(code) for code in range(0x064B, 0x0660)] + ["\u0670"],
        "",
    ),
    **dict.fromkeys(
        # zero-width and bidi marks
        ["\u200b", "\u200d", "\u200e", "\u200f", "\ufeff", "\u061c"]
        + [chr(code) for code in range(0x202A, 0x202F)]
        + [chr(code) for code in range(0x2066, 0x206A)],
        "",
    ),
}
_TABLE = str.maketrans(CHARACTER_MAP)


def normalize_text(text: str) -> str:
    """The searchable form of `text`; idempotent."""
    return " ".join(str(text).translate(_TABLE).lower().split())


def search_terms(query: str) -> list[str]:
    """The normalized words of a query, at most MAX_TERMS."""
    return normalize_text(query or "").split()[:MAX_TERMS]


# PostgreSQL's TRANSLATE maps each character of FROM to the one at the same place in TO and
# drops those past TO's end: the replacements first, then the characters to remove.
_REPLACED = {char: to for char, to in CHARACTER_MAP.items() if to}
_REMOVED = [char for char, to in CHARACTER_MAP.items() if not to]
TRANSLATE_FROM = "".join(_REPLACED) + "".join(_REMOVED)
TRANSLATE_TO = "".join(_REPLACED.values())
assert all(len(to) == 1 for to in _REPLACED.values())


class Normalized(Func):
    """normalize_text() in SQL, for searching stored text that was never normalized.

    PostgreSQL: LOWER(TRANSLATE(...)). SQLite has no TRANSLATE, so there the same Python
    function is registered on each connection (see register_sqlite_function). Search terms
    hold no spaces, so runs of whitespace need not be collapsed here.
    """

    output_field = CharField()

    def __init__(self, field: str):
        super().__init__(F(field))

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", [*params, TRANSLATE_FROM, TRANSLATE_TO]

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"portal_normalize({sql})", params


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created receiver: give SQLite the normalize function Normalized calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "portal_normalize",
            1,
            lambda text: None if text is None else normalize_text(text),
            deterministic=True,
        )


def filter_by_search(queryset: QuerySet, query: str, fields: Sequence[str]) -> QuerySet:
    """Rows where every term of `query` is in at least one of `fields`, both sides normalized."""
    terms = search_terms(query)
    if not terms:
        return queryset
    annotations = {f"_search_{i}": Normalized(field) for i, field in enumerate(fields)}
    queryset = queryset.alias(**annotations)
    for term in terms:
        matches = Q()
        for alias in annotations:
            matches |= Q(**{f"{alias}__contains": term})
        queryset = queryset.filter(matches)
    return queryset.distinct() if any("__" in field for field in fields) else queryset
