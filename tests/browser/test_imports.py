"""Import in the browser (intlaffairs.imports): a list exported and imported back changes
nothing; a file with two bad rows lets the eight good ones in and gives the two back as a file
with the reasons. The preview and the result pass axe in every language."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from intlaffairs.jalali import to_ascii_digits
from intlaffairs.roles import Role
from research.models import Alumnus, Scientist

from ..intlaffairs.test_imports import scientists, snapshot
from .pages import LANGUAGES
from .test_lists_people_work_in import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def counts(page) -> dict[str, str]:
    return {
        item.get_attribute("data-count"): item.inner_text()
        for item in page.locator("[data-import-counts] li").all()
    }


def digits(text: str) -> str:
    return "".join(c for c in to_ascii_digits(text) if c.isdigit())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_list_exported_and_imported_back_changes_nothing(
    language, new_context, make_user, axe_source, screenshot, tmp_path
):
    officer = make_user(Role.OFFICER)
    scientists()
    before = snapshot(Scientist)
    page = new_context(officer).new_page()
    page.goto(f"/{language}/research/scientists/")
    with page.expect_download() as download:
        page.locator("a[href$='format=xlsx']").click()
    exported = tmp_path / "scientists.xlsx"
    download.value.save_as(exported)

    page.locator("a[href$='/research/scientists/import/']").click()
    page.locator("input[type=file]").set_input_files(str(exported))
    page.locator("form[enctype] button[type=submit]").click()
    page.locator("[data-import-counts]").wait_for()
    screenshot(page, f"import-unchanged-{language}")
    found = {name: digits(text) for name, text in counts(page).items()}
    assert found == {"new": "0", "updated": "0", "unchanged": "2", "bad": "0"}
    assert page.locator("button[name=confirm]").count() == 0
    assert axe_violations(page, axe_source) == []
    assert snapshot(Scientist) == before


def alumni_file(path: Path) -> Path:
    rows = [["Name (Latin script)", "Country", "Program", "Year of graduation", "E-mail"]]
    rows += [[f"Alumnus {n}", "Iraq", "MD", f"{1395 + n}", f"a{n}@example.org"] for n in range(8)]
    rows.insert(2, ["Wrong year", "Iraq", "MD", "next year", "w@example.org"])
    rows.insert(5, ["Wrong country", "Atlantis", "MD", "1400", "c@example.org"])
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    return path


@pytest.mark.parametrize("language", LANGUAGES)
def test_eight_good_rows_go_in_and_the_two_bad_ones_come_back_as_a_file(
    language, new_context, make_user, axe_source, screenshot, tmp_path
):
    officer = make_user(Role.OFFICER)
    page = new_context(officer).new_page()
    page.goto(f"/{language}/research/alumni/import/")
    page.locator("input[type=file]").set_input_files(str(alumni_file(tmp_path / "alumni.csv")))
    page.locator("form[enctype] button[type=submit]").click()
    page.locator("[data-import-counts]").wait_for()
    found = {name: digits(text) for name, text in counts(page).items()}
    assert found == {"new": "8", "updated": "0", "unchanged": "0", "bad": "2"}
    failures = axe_violations(page, axe_source)
    assert not Alumnus.objects.exists()

    page.locator("button[name=confirm]").click()
    page.locator("[data-import-counts]").wait_for()
    screenshot(page, f"import-result-{language}")
    failures += axe_violations(page, axe_source)
    assert Alumnus.objects.count() == 8
    lines = [
        digits(cell.inner_text())
        for cell in page.locator("main table tbody tr td:first-child").all()
    ]
    assert lines == ["3", "6"]

    with page.expect_download() as download:
        page.locator("a[href*='errors=']").click()
    returned = tmp_path / "errors.csv"
    download.value.save_as(returned)
    rows = list(csv.reader(io.StringIO(returned.read_text("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Wrong year", "Wrong country"]
    assert all(row[-1] for row in rows[1:])
    assert failures == []


def test_the_template_downloads_as_xlsx_with_the_lists_headers(new_context, make_user, tmp_path):
    page = new_context(make_user(Role.OFFICER)).new_page()
    page.goto("/en/agreements/institutions/import/")
    with page.expect_download() as download:
        page.locator("a[href='?template=xlsx']").click()
    target = tmp_path / "template.xlsx"
    download.value.save_as(target)
    headers = next(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert headers[:2] == ("Name", "Country")
