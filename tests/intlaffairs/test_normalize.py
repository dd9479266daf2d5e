"""Search normalization: Arabic and Persian forms, digits of any script, ZWNJ, in Python and SQL."""

import pytest
from django.contrib.auth.models import Group
from hypothesis import given
from hypothesis import strategies as st

from intlaffairs.normalize import filter_by_search, normalize_text, search_terms


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("علي", "علی"),
        ("كرمانشاه", "کرمانشاه"),
        ("۱۴۰۵", "1405"),
        ("١٤٠٥", "1405"),
        ("می‌خواهم", "می خواهم"),
        ("مـــدرسه", "مدرسه"),
        ("مُحَمَّد", "محمد"),
        ("KERMANSHAH", "Kermanshah"),
        ("دانشگاه  علوم", "دانشگاه علوم"),
    ],
)
def test_both_forms_normalize_alike(typed, stored):
    assert normalize_text(typed) == normalize_text(stored)


@given(st.text())
def test_normalization_is_idempotent(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)


def test_search_terms_are_bounded():
    assert search_terms("  ") == []
    assert len(search_terms(" ".join(["word"] * 50))) == 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("كرمانشاه", True),  # Arabic kaf typed, Persian stored
        ("دانشگاه علوم پزشكي", True),  # every term must match
        ("۱۴۰۵", True),
        ("دانشگاه تهران", False),
        ("", True),
    ],
)
def test_database_search_normalizes_the_stored_text(query, found):
    Group.objects.create(name="دانشگاه علوم پزشکی کرمانشاه 1405")
    Group.objects.create(name="unrelated")
    names = list(
        filter_by_search(Group.objects.all(), query, ["name"]).values_list("name", flat=True)
    )
    assert ("دانشگاه علوم پزشکی کرمانشاه 1405" in names) is found
    if query:
        assert "unrelated" not in names


@pytest.mark.django_db
def test_stored_arabic_letters_are_found_by_persian_query():
    Group.objects.create(name="علي كريمي")
    assert filter_by_search(Group.objects.all(), "علی کریمی", ["name"]).count() == 1
