"""The benchmark's own code (bench/), run small so that it cannot rot unnoticed: the generator
fills the database, and every key page runs as many queries at a larger size as at a smaller."""

import pytest

from agreements.models import Agreement
from bench import data, pages
from bench.size import session_cookie
from intlaffairs.models import IssuedDocument, Message, StateChange
from students.models import Application, FacultyReview, InterviewSlot, Invoice, Payment, Transfer


@pytest.mark.django_db
def test_key_pages_run_the_same_queries_whatever_the_amount_of_data():
    made = data.generate(0.02)
    assert Agreement.objects.count() == made["agreements"] == 10
    assert Application.objects.count() == made["applications"] == 100
    moves = StateChange.objects.filter(content_type__model="application")
    assert moves.count() == made["steps"] > 0
    assert Message.objects.count() == made["messages"] > 0
    cookies = {role: session_cookie(user) for role, user in data.staff_users().items()}
    small = pages.query_counts([*pages.BASELINES, *pages.key_pages()], cookies)

    large_made = data.generate(0.08, seed=7)  # five times the data in all
    large = pages.query_counts([*pages.BASELINES, *pages.key_pages()], cookies)

    assert small["trivial view (/ping/), anonymous"] == 0
    assert small["trivial view (/ping/), office manager"] > 0
    assert "application page" in small and "application thread" in small
    assert "document check (/verify/<code>/)" in small and "documents register" in small
    assert (
        IssuedDocument.objects.count() == made["issued documents"] + large_made["issued documents"]
    )
    assert "waiting for me, manager" in small
    assert "to review (faculty reviewer)" in small
    assert (
        FacultyReview.objects.count() == made["faculty reviews"] + large_made["faculty reviews"] > 0
    )
    assert "finance list: overdue" in small
    assert Invoice.objects.count() == made["invoices"] + large_made["invoices"] > 0
    assert "applications CSV export: part of a reference" in small
    assert "applications XLSX export: part of a reference" in small
    assert "search (top bar), a word nothing holds" in small
    assert "interview times of an application" in small
    assert "trivial view (/ping/), faculty reviewer" in small
    assert (
        InterviewSlot.objects.count() == made["interview slots"] + large_made["interview slots"] > 0
    )
    assert Payment.objects.count() == made["payments"] + large_made["payments"] > 0
    assert (
        Transfer.objects.count()
        == made["transfers"] + large_made["transfers"]
        > Payment.objects.count()
    )
    assert large == small
