"""Search normalization: a query typed with Arabic letters or in any digits finds Persian records.

Stored text is never normalized. One table, CHARACTER_MAP, runs on both sides of a search: in
Python on the query (normalize_text) and in SQL on the stored column (Normalized: TRANSLATE and
LOWER built from the table on PostgreSQL, normalize_text itself as a function on SQLite).

Decisions:
- آ, أ, إ, ٱ fold to ا, only for matching: people type "ازاد" for "آزاد".
- ZWNJ becomes a space, so "می‌خواهم" matches "می خواهم" (both are the terms "می" and
  "خواهم"); other zero-width and bidi marks, tatweel and Arabic diacritics are removed.
- ھ (heh doachashmee, Sorani "h") folds to ه, which ckb text typed on a Persian keyboard uses.
- Case folds with lower(), not casefold(): PostgreSQL has only LOWER, and casefold's
  "ß" -> "ss" would make the two sides disagree.
"""

from collections.abc import Sequence

from django.db import NotSupportedError
from django.db.models import CharField, Expression, F, Func, Q, QuerySet

MAX_TERMS = 10
# Longer queries are cut here: SQLite refuses a LIKE pattern past 50,000 characters, and no
# name or title the portal searches is anywhere near this long.
MAX_QUERY_LENGTH = 200

# The one table for both sides: character -> one character, or "" to remove it. No replacement
# is itself in the table, so normalizing twice changes nothing (tests/intlaffairs checks).
CHARACTER_MAP: dict[str, str] = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی Persian yeh
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک Persian kaf
    "\u0629": "\u0647",  # ة teh marbuta -> ه
    "\u06c0": "\u0647",  # ۀ heh with yeh -> ه
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0624": "\u0648",  # ؤ -> و
    "\u200c": " ",  # ZWNJ -> space
    "\u0640": "",  # tatweel
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **dict.fromkeys(
        # Arabic diacritics: harakat, tanwin, shadda, sukun, hamza above/below, superscript alef
        [*map(chr, range(0x064B, 0x0660)), "\u0670"],
        "",
    ),
    **dict.fromkeys(
        # zero-width and bidi marks
        [
            "\u200b",
            "\u200d",
            "\u200e",
            "\u200f",
            "\u061c",
            "\ufeff",
            *map(chr, range(0x202A, 0x202F)),
            *map(chr, range(0x2066, 0x206A)),
        ],
        "",
    ),
}
_TABLE = str.maketrans(CHARACTER_MAP)


def normalize_text(text: str) -> str:
    """The searchable form of `text`: CHARACTER_MAP applied, lower-cased, runs of whitespace
    made one space, no leading or trailing space. Idempotent."""
    return " ".join(str(text).translate(_TABLE).lower().split())


def search_terms(query: str) -> list[str]:
    """The normalized words of the first MAX_QUERY_LENGTH characters of `query` (None or blank
    gives none), at most MAX_TERMS. Every search of the portal goes through here."""
    return normalize_text((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_TERMS]


# PostgreSQL's TRANSLATE maps each character of FROM to the one at the same place in TO and
# drops those past TO's end: the replacements first, then the characters to remove.
_REPLACED = {char: to for char, to in CHARACTER_MAP.items() if to}
_REMOVED = [char for char, to in CHARACTER_MAP.items() if not to]
TRANSLATE_FROM = "".join(_REPLACED) + "".join(_REMOVED)
TRANSLATE_TO = "".join(_REPLACED.values())
assert all(len(to) == 1 for to in _REPLACED.values()), "TRANSLATE maps one character to one"

SQLITE_FUNCTION = "portal_normalize"


class Normalized(Func):
    """normalize_text() in SQL on a column (or expression), for matching stored text that was
    never normalized.

    PostgreSQL: LOWER(TRANSLATE(text, TRANSLATE_FROM, TRANSLATE_TO)); runs of whitespace are
    not collapsed, which search terms (never holding whitespace) do not need. SQLite: the
    Python normalize_text itself, registered on each connection by register_sqlite_function,
    because SQLite has no TRANSLATE and its parser refuses the ~70 nested REPLACE calls the
    table would need (it stops near 30). Other databases are not supported.
    """

    output_field = CharField()

    def __init__(self, expression: str | Expression):
        # Mutants of the condition are equivalent: Func itself reads a string as F(string).
        super().__init__(
            F(expression) if isinstance(expression, str) else expression  # pragma: no mutate
        )

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"Normalized is not implemented on {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", [*params, TRANSLATE_FROM, TRANSLATE_TO]

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{SQLITE_FUNCTION}({sql})", params


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created receiver (IntlAffairsConfig.ready): gives each SQLite connection
    the function Normalized calls there."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION,
            1,
            lambda text: None if text is None else normalize_text(text),
            deterministic=True,
        )


def filter_by_search(queryset: QuerySet, query: str, fields: Sequence[str]) -> QuerySet:
    """Rows where every term of `query` is contained in at least one of `fields` (an AND of
    ORs), both sides normalized. A query without terms returns `queryset` unchanged. Fields
    may follow relations ("partners__name_fa"); the result is then distinct."""
    terms = search_terms(query)
    if not terms:
        return queryset
    aliases = {f"_search_{i}": Normalized(field) for i, field in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    for term in terms:
        matches = Q()
        for alias in aliases:
            matches |= Q(**{f"{alias}__contains": term})
        queryset = queryset.filter(matches)
    return queryset.distinct() if any("__" in field for field in fields) else queryset
