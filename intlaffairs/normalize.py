"""Search normalization: a query typed with Arabic letters or in any digits finds Persian records.

One table, CHARACTER_MAP, runs on both sides of a search: in Python on the query
(normalize_text), and on the stored side either in Python too, into a stored search column
(SearchTextField: the normalized text of a record's searched fields, kept with the record and
indexed, which the big searchable tables have), or in SQL on a plain column (Normalized:
TRANSLATE and LOWER built from the table on PostgreSQL, normalize_text itself on SQLite).

Decisions:
- آ, أ, إ, ٱ fold to ا, only for matching: people type "ازاد" for "آزاد".
- ZWNJ becomes a space, so "می‌خواهم" matches "می خواهم" (both are the terms "می" and
  "خواهم"); other zero-width and bidi marks, tatweel and Arabic diacritics are removed.
- ھ (heh doachashmee, Sorani "h") folds to ه, which ckb text typed on a Persian keyboard uses.
- Case folds with lower(), not casefold(): PostgreSQL has only LOWER, and casefold's
  "ß" -> "ss" would make the two sides disagree.
"""

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import NotSupportedError, connections, migrations
from django.db.models import CharField, Expression, F, Func, Lookup, Model, Q, QuerySet, TextField

MAX_TERMS = 10
# The shortest term a trigram index (pg_trgm's GIN on the search columns) serves as a part of
# a word. A shorter term is looked for at the start of a word (WORD_START): after a space or a
# mark inside a name or a code ("al-sitri", "kums-1405-00061", "o'brien", "(ed.)"), which the
# index serves through the trigram of a word's beginning ("  a"). Only ASCII marks: with any
# other character in the class (’, ،) pg_trgm reads no trigram from the pattern, and every row.
TRIGRAM = 3
WORD_START = "(^|[ '()./,:;_\"-])"
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
# The rows refresh_search_text reads at a time (any size gives the same columns).
REFRESH_BATCH = 5000


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


class SearchTextField(TextField):
    """normalize_text() of its record's `sources` (field names) joined by spaces, stored, so
    that a search compares it as it is (and a trigram index serves it on PostgreSQL) instead
    of normalizing every row in SQL. A term never holds a space, so it is found in the column
    exactly when it is found in one of the sources.

    Filled by pre_save, as auto_now fills a date: on save() and bulk_create; a save with
    update_fields lists it when it lists a source (its model is Searchable). Paths that write
    without either (QuerySet.update, bulk_update, COPY) refill it with refresh_search_text."""

    # The sources decide what is written in the column, not its type: changing them alters
    # no table (SQLite would otherwise copy the whole table to "alter" it).
    non_db_attrs = (*TextField.non_db_attrs, "sources", "codes")

    def __init__(
        self, *args, sources: Sequence[str] = (), codes: dict[str, str] | None = None, **kwargs
    ):
        self.sources = tuple(sources)
        # {source: its prefix}: a code the portal writes in capitals, beginning with a prefix
        # found nowhere else in it nor in the other sources ({"reference": "KUMS-"}). A term
        # that begins with the prefix can only be found at the start of that code, so
        # filter_by_search asks the code's own b-tree index for it (`startswith`): the
        # trigrams of a part of a reference ("kums", "000", "001") are in most references,
        # and the trigram index left 10,000 rows at ×100 to read for a hundred found.
        self.codes = dict(codes or {})
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        if self.codes:
            kwargs["codes"] = self.codes
        # Left out when they are this field's defaults, given when not: also when they are
        # Field's own defaults (editable=True, blank=False), which Field's deconstruct leaves out.
        for key, ours in (("editable", False), ("blank", True), ("default", "")):
            if getattr(self, key) == ours:
                del kwargs[key]
            else:
                kwargs[key] = getattr(self, key)
        return name, path, args, kwargs

    def text_of(self, value_of: Callable[[str], Any]) -> str:
        """The column's value for a record whose source `name` holds value_of(name)."""
        return normalize_text(" ".join(str(value_of(name) or "") for name in self.sources))

    def pre_save(self, model_instance, add):
        value = self.text_of(lambda name: getattr(model_instance, name))
        setattr(model_instance, self.attname, value)
        return value


class Searchable(Model):
    """A model with SearchTextFields: a save() of some fields (update_fields, as allauth saves
    a changed e-mail address) saves the search columns that read them too."""

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            update_fields = search_update_fields(type(self), update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)


def search_text_fields(model: type[Model]) -> list[SearchTextField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, SearchTextField)]


def search_update_fields(model: type[Model], update_fields: Sequence[str]) -> list[str]:
    """`update_fields` with the search columns that read any of them added."""
    added = [
        field.name
        for field in search_text_fields(model)
        if set(field.sources) & set(update_fields) and field.name not in update_fields
    ]
    return [*update_fields, *added]


def refresh_search_text(queryset: QuerySet, *, batch_size: int = REFRESH_BATCH) -> int:
    """Recompute the search columns of `queryset`'s rows (after a bulk write, and in the data
    migrations that add a column); works on migrations' historical models too. Reads plain
    values (no model instances) in batches, in primary-key order, and writes the rows whose
    text changed. Returns how many rows changed."""
    model = queryset.model
    fields = search_text_fields(model)
    if not fields:
        return 0
    columns = [field.attname for field in fields]
    names = [*columns, *sorted({name for field in fields for name in field.sources})]
    changed, last = 0, None
    while True:
        batch = queryset.order_by("pk")
        if last is not None:
            batch = batch.filter(pk__gt=last)
        rows = list(batch.values_list("pk", *names)[:batch_size])
        if not rows:
            return changed
        last = rows[-1][0]
        stale = []
        for pk, *values in rows:
            # Equivalent without strict: values_list gives each row a value for every name.
            record = dict(zip(names, values, strict=True))  # pragma: no mutate
            fresh = [field.text_of(record.get) for field in fields]
            if fresh != [record[column] for column in columns]:
                stale.append((pk, *fresh))
        if stale:
            _write_search_text(model, columns, stale, using=queryset.db)
            changed += len(stale)


def _write_search_text(model: type[Model], columns: list[str], rows: list[tuple], *, using):
    """Write (pk, *column values) rows. PostgreSQL takes them as one UPDATE … FROM (VALUES …),
    which a data migration over half a million rows needs (bulk_update's CASE per row is
    quadratic in the batch); elsewhere bulk_update."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        records = [model(pk=pk, **dict(zip(columns, values, strict=True))) for pk, *values in rows]
        # Equivalent: using(None) is the one database tests have; batch_size only splits queries.
        manager = model._base_manager.using(using)  # pragma: no mutate
        manager.bulk_update(records, columns, batch_size=500)  # pragma: no mutate
        return
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    row = "(" + ", ".join(["%s"] * (1 + len(columns))) + ")"
    aliases = ", ".join(quote(column) for column in columns)
    assignments = ", ".join(f"{quote(column)} = v.{quote(column)}" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} "  # noqa: S608 - names from _meta, values as params
            f"FROM (VALUES {', '.join([row] * len(rows))}) AS v(pk, {aliases}) "
            f"WHERE {table}.{key} = v.pk",
            [value for values in rows for value in values],
        )


def _search_field(model: type[Model], path: str) -> SearchTextField | None:
    """The SearchTextField `path` ("search_text", "partners__search_text") ends at, if any."""
    *relations, name = path.split("__")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        field = model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return None
    return field if isinstance(field, SearchTextField) else None


def _code_match(model: type[Model], stored: Sequence[str], term: str) -> Q | None:
    """The condition for `term` when it begins with a code's prefix (SearchTextField.codes)
    of the one stored column searched, else None."""
    if len(stored) != 1:
        return None
    *relations, _name = stored[0].split("__")
    for code, prefix in _search_field(model, stored[0]).codes.items():
        if term.upper().startswith(prefix):
            return Q(**{"__".join([*relations, code, "startswith"]): term.upper()})
    return None


class AmongKeys(Lookup):
    """`lhs = ANY(ARRAY(subquery))` on PostgreSQL, `lhs IN (subquery)` elsewhere: the keys a
    subquery gives, as a condition an index serves. PostgreSQL runs the subquery once, and
    only when a row needs it, and can OR the keys' index with another column's (a BitmapOr):
    as `IN (subquery)` OR-ed with the model's own column, every row was read (all 50,000
    agreements at ×100 for a word nothing holds), and as one UNION of both every match was
    gathered (35 ms for a word every agreement's title holds)."""

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        among = f"= ANY(ARRAY{rhs})" if connection.vendor == "postgresql" else f"IN {rhs}"
        return f"{lhs} {among}", [*lhs_params, *rhs_params]


def filter_by_search(queryset: QuerySet, query: str, fields: Sequence[str]) -> QuerySet:
    """Rows where every term of `query` is contained in at least one of `fields` (an AND of
    ORs), both sides normalized. A query without terms returns `queryset` unchanged. A term of
    one or two characters is looked for at the start of a word ("a" finds "Ali" and "Abbas",
    not "Baghdad"): anywhere, it is in nearly every row, which is no help to the person who
    typed it, and a rare one was looked for in every row (12 ms for 20,000 institutions); at a
    word's start the trigram index serves it, and the planner still reads a common one in the
    list's order.

    A field that is a stored search column (SearchTextField), on the model or across a relation
    ("partners__search_text"), is compared as it is, which an index can serve. Across a relation
    it gives the keys of the rows it finds (AmongKeys), so that the rows need no join nor
    DISTINCT, and PostgreSQL serves a rare term through both indexes and reads a common one in
    the list's order, stopping at the first page. A term that begins with the prefix of a
    code of the stored column (SearchTextField.codes: "kums-1405-000") is asked of that code
    alone, from its start. Other fields are normalized in SQL (Normalized); if any of them
    follows a relation ("partners__name_fa") the result is distinct."""
    terms = search_terms(query)
    if not terms:
        return queryset
    model = queryset.model
    stored = [field for field in fields if _search_field(model, field)]
    computed = [field for field in fields if field not in stored]
    # The aliases' names are only read back from this dict: another name is equivalent.
    aliases = {f"_search_{i}": Normalized(f) for i, f in enumerate(computed)}  # pragma: no mutate
    queryset = queryset.alias(**aliases)
    for term in terms:
        matches = Q()
        code = None if computed else _code_match(model, stored, term)
        if code is not None:
            queryset = queryset.filter(code)
            continue
        short = len(term) < TRIGRAM
        lookup, value = ("regex", WORD_START + re.escape(term)) if short else ("contains", term)
        for field in stored:
            if "__" in field:
                keys = model._base_manager.filter(**{f"{field}__{lookup}": value})
                matches |= Q(AmongKeys(F("pk"), keys.order_by().values("pk").query))
            else:
                matches |= Q(**{f"{field}__{lookup}": value})
        for alias in aliases:
            matches |= Q(**{f"{alias}__{lookup}": value})
        queryset = queryset.filter(matches)
    return queryset.distinct() if any("__" in field for field in computed) else queryset


def search_column_operations(app_label: str, model_name: str) -> list:
    """What a migration adding a SearchTextField named search_text runs after the AddField: the
    existing rows filled, and on PostgreSQL a GIN trigram index on the column, which serves
    `LIKE '%term%'` for a term of three characters or more (the pg_trgm extension comes from
    intlaffairs' migration 0015, which such a migration depends on). The index is not in the
    model's state (SQLite has no GIN), so makemigrations does not see it."""

    def index_name(apps) -> tuple[str, str]:
        table = apps.get_model(app_label, model_name)._meta.db_table
        return table, f"{table}_search_trgm"[:63]

    def add_index(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            table, name = index_name(apps)
            quote = schema_editor.quote_name
            schema_editor.execute(
                f"CREATE INDEX {quote(name)} ON {quote(table)} "
                f"USING gin ({quote('search_text')} gin_trgm_ops)"
            )

    def drop_index(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(apps)[1])}"
            )

    return [
        search_column_refill(app_label, model_name),
        migrations.RunPython(add_index, drop_index),
    ]


def search_column_refill(app_label: str, model_name: str) -> migrations.RunPython:
    """What a migration runs after it adds a SearchTextField or changes its sources (a language
    added to the site): the existing rows' columns recomputed from the sources the migration
    leaves. Undoing it leaves the columns as they are: a search column reading more than its
    sources finds a little more, and the next save of each row trims it."""

    def fill(apps, schema_editor) -> None:
        refresh_search_text(apps.get_model(app_label, model_name)._base_manager.all())

    return migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)
