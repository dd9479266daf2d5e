"""Search normalization: Arabic and Persian forms, digits of any script, ZWNJ, in Python and SQL."""

import sqlite3
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import NotSupportedError
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intlaffairs.normalize import (
    CHARACTER_MAP,
    MAX_TERMS,
    TRANSLATE_FROM,
    TRANSLATE_TO,
    Normalized,
    filter_by_search,
    normalize_text,
    register_sqlite_function,
    search_terms,
)

# Text as people type it here: the mapped characters, Persian and Kurdish letters, ASCII, spaces.
typed_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(sorted(CHARACTER_MAP)),
        st.sampled_from("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءۆێڵڕە"),
        st.sampled_from("AaBbZz09 -.%_"),
    ),
    max_size=40,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("علي", "علی"),  # Arabic yeh
        ("موسى", "موسی"),  # alef maksura
        ("كرمانشاه", "کرمانشاه"),  # Arabic kaf
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("خانۀ", "خانه"),  # heh with yeh
        ("ھەولێر", "هەولێر"),  # heh doachashmee
        ("ازاد", "آزاد"),  # alef with madda
        ("اسلام", "إسلام"),  # alef with hamza below
        ("مسؤول", "مسوول"),
        ("۱۴۰۵", "1405"),  # Persian digits
        ("١٤٠٥", "1405"),  # Arabic-Indic digits
        ("۱4٠5", "1405"),  # mixed
        ("می‌خواهم", "می خواهم"),  # ZWNJ
        ("مـــدرسه", "مدرسه"),  # tatweel
        ("مُحَمَّد", "محمد"),  # diacritics
        ("\u200fتهران\u200e", "تهران"),  # bidi marks
        ("\u2067تهران\u2069\ufeff", "تهران"),  # isolates, BOM
        ("KERMANSHAH", "Kermanshah"),
        ("دانشگاه  علوم\t", " دانشگاه علوم"),  # whitespace
    ],
)
def test_both_forms_normalize_alike(typed, stored):
    assert normalize_text(typed) == normalize_text(stored)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("میخواهم", "می خواهم"),  # no separator is not a space
        ("کرمان", "کرمانشاه"),
        ("ه", "ە"),  # Kurdish ae is a vowel, not heh
        ("ی", "ئ"),  # yeh with hamza is its own letter in ckb
        ("1405", "1406"),
    ],
)
def test_distinct_words_stay_distinct(one, other):
    assert normalize_text(one) != normalize_text(other)


def test_normalized_text_uses_persian_letters_and_ascii_digits():
    assert normalize_text(" كتابي  ۱۲\u200cاب ") == "کتابی 12 اب"


@given(typed_text)
def test_normalization_is_idempotent(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)


@given(st.text())
def test_normalization_is_idempotent_on_any_text(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)


def test_no_replacement_is_itself_replaced():
    # what makes normalize_text idempotent and TRANSLATE's single pass enough
    produced = set("".join(CHARACTER_MAP.values()))
    assert not produced & set(CHARACTER_MAP)


def test_search_terms_are_normalized_and_bounded():
    assert search_terms("  ") == []
    assert search_terms(None) == []
    assert search_terms("علي  ۱۴۰۵") == ["علی", "1405"]
    assert search_terms(" ".join(f"w{i}" for i in range(50))) == [f"w{i}" for i in range(MAX_TERMS)]


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=typed_text)
def test_sql_normalizes_stored_text_as_python_does(text):
    probe = Group.objects.create(name=text)
    try:
        normalized = Group.objects.annotate(n=Normalized("name")).values_list("n", flat=True)
        in_sql = normalized.get(pk=probe.pk)
    finally:
        probe.delete()
    # SQL may leave whitespace runs alone; search terms hold no whitespace
    assert " ".join(in_sql.split()) == normalize_text(text)


KERMANSHAH = "دانشگاه علوم پزشکی کرمانشاه 1405"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("كرمانشاه", True),  # Arabic kaf typed, Persian stored
        ("دانشگاه علوم پزشكي", True),  # every term must match
        ("پزشکی دانشگاه", True),  # in any order
        ("۱۴۰۵", True),
        ("١٤٠٥", True),
        ("دانشگاه تهران", False),  # one term missing
        ("1406", False),
        ("%", False),  # LIKE wildcards are searched for, not obeyed
        ("", True),
    ],
)
def test_database_search_normalizes_the_stored_text(query, found):
    Group.objects.create(name=KERMANSHAH)
    Group.objects.create(name="unrelated")
    names = list(
        filter_by_search(Group.objects.all(), query, ["name"]).values_list("name", flat=True)
    )
    assert (KERMANSHAH in names) is found
    assert ("unrelated" in names) is (query == "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("علي كريمي", "علی کریمی"),  # Arabic letters stored, Persian typed
        ("می\u200cخواهم", "می خواهم"),  # ZWNJ stored, space typed
        ("مـــدرسۀ مُحَمَّد", "مدرسه محمد"),  # tatweel, heh with yeh and diacritics stored
        ("آزاد", "ازاد"),
        ("Kermanshah University", "KERMANSHAH university"),
        ("اتاق ۱۲", "12"),
        ("\u200fتهران\u200e", "تهران"),
    ],
)
def test_stored_variants_are_found(stored, query):
    Group.objects.create(name=stored)
    Group.objects.create(name="unrelated")
    assert list(
        filter_by_search(Group.objects.all(), query, ["name"]).values_list("name", flat=True)
    ) == [stored]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("a", {"Ali Karimi", "Sara Abbasi", "Kawther Al-Sitri"}),  # a word's first letter
        ("ab", {"Sara Abbasi"}),
        ("AB", {"Sara Abbasi"}),
        ("ag", set()),  # inside "Baghdad" only
        ("agh", {"Baghdad University"}),  # three letters: anywhere in a word
        ("ک", {"علی کریمی"}),  # not "شکوفه", where it is inside the word
        ("ك", {"علی کریمی"}),  # Arabic kaf typed
        ("شک", {"شکوفه"}),
        (".", set()),  # a regular expression's characters are searched for, not obeyed
        ("si", {"Kawther Al-Sitri"}),  # after a hyphen, not inside "Hasina"
        ("14", {"KUMS-1405-00061"}),  # a part of a code
        ("br", {"Sean O'Brien"}),
    ],
)
def test_a_term_of_one_or_two_characters_is_found_at_the_start_of_a_word(query, found):
    made = [
        Group.objects.create(name=name).pk
        for name in (
            "Ali Karimi",
            "Sara Abbasi",
            "Baghdad University",
            "علی کریمی",
            "شکوفه",
            "Kawther Al-Sitri",
            "Hasina Rahimi",
            "KUMS-1405-00061",
            "Sean O'Brien",
        )
    ]
    groups = Group.objects.filter(pk__in=made)  # not the roles' groups ("applicant")
    names = filter_by_search(groups, query, ["name"]).values_list("name", flat=True)
    assert set(names) == found


@pytest.mark.django_db
def test_each_term_may_match_a_different_field_across_a_relation():
    content_type = ContentType.objects.get_for_model(Group)
    visas = Permission.objects.create(
        name="صدور ويزا", codename="issue_visa", content_type=content_type
    )
    reports = Permission.objects.create(
        name="گزارش ویزا", codename="report_visa", content_type=content_type
    )
    office = Group.objects.create(name="دفتر بین‌الملل")
    office.permissions.add(visas, reports)  # two matching rows must not list the group twice
    Group.objects.create(name="دفتر آموزش")
    fields = ["name", "permissions__name"]

    def found(query: str) -> list[str]:
        return list(
            filter_by_search(Group.objects.all(), query, fields).values_list("name", flat=True)
        )

    assert found("دفتر ويزا") == ["دفتر بین‌الملل"]
    assert found("صدور") == ["دفتر بین‌الملل"]
    assert sorted(found("دفتر")) == ["دفتر آموزش", "دفتر بین‌الملل"]
    assert found("آموزش ویزا") == []


def test_a_column_name_and_an_expression_are_both_normalized_as_given():
    assert Normalized("name").source_expressions == [F("name")]
    assert Normalized(F("name")).source_expressions == [F("name")]


def compile_column(expression):
    """A compiler's compile() for a column: its quoted name and one parameter."""
    return f'"{expression.name}"', ["p"]


def test_the_sql_of_each_database():
    normalized = Normalized("name")
    compiler = SimpleNamespace(compile=compile_column)
    assert normalized.as_sqlite(compiler, connection=None) == ('portal_normalize("name")', ["p"])
    assert normalized.as_postgresql(compiler, connection=None) == (
        'LOWER(TRANSLATE("name", %s, %s))',
        ["p", TRANSLATE_FROM, TRANSLATE_TO],
    )
    with pytest.raises(NotSupportedError, match=r"^Normalized is not implemented on oracle\.$"):
        normalized.as_sql(compiler, SimpleNamespace(vendor="oracle"))


def sqlite_connection() -> SimpleNamespace:
    """A connection as connection_created gives it, on an SQLite database of its own (so that
    this runs on PostgreSQL too)."""
    return SimpleNamespace(vendor="sqlite", connection=sqlite3.connect(":memory:"))


def test_each_sqlite_connection_gets_the_normalizing_function():
    connection = sqlite_connection()
    register_sqlite_function(sender=None, connection=connection)
    database = connection.connection
    assert database.execute("SELECT portal_normalize(?)", ["كتاب  ي"]).fetchone() == ("کتاب ی",)
    assert database.execute("SELECT portal_normalize(NULL)").fetchone() == (None,)
    # Deterministic, so that SQLite may use it where only such functions are allowed.
    database.execute("CREATE TABLE person (name TEXT)")
    database.execute("CREATE INDEX person_name ON person (portal_normalize(name))")


def test_other_databases_get_no_function():
    connection = SimpleNamespace(vendor="postgresql", connection=None)
    register_sqlite_function(sender=None, connection=connection)  # touches no connection


@pytest.mark.django_db
def test_only_a_search_across_a_relation_is_made_distinct():
    assert not filter_by_search(Group.objects.all(), "دفتر", ["name"]).query.distinct
    across = filter_by_search(Group.objects.all(), "دفتر", ["name", "permissions__name"])
    assert across.query.distinct
