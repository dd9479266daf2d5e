"""Entrance boards: laid out to the page with the emblem and the university's three names, for
every unit, and a unit can be added by the office."""

import re
import subprocess

import pytest

from intlaffairs import reports
from intlaffairs.models import Unit

pytestmark = pytest.mark.django_db
WORD = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
)
PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">')


def board_pdf(unit, by, tmp_path, language="fa"):
    request = reports.report_request(
        kind="board", language=language, by=by, params={"unit": unit.pk}
    )
    request = reports.report_render(request_id=request.pk)
    path = tmp_path / "board.pdf"
    path.write_bytes(request.file.read())
    return request, path


@pytest.fixture
def unit():
    return Unit.objects.create(
        name_fa="دانشکده پزشکی", name_en="School of Medicine", name_ckb="کۆلێژی پزیشکی"
    )


def test_the_board_names_the_university_in_three_languages_and_carries_the_emblem(
    unit, officer, tmp_path
):
    request, path = board_pdf(unit, officer, tmp_path, language="en")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Kermanshah University of Medical Sciences" in text
    assert "دانشگاه علوم پزشکی کرمانشاه" in text
    assert "زانکۆی زانستە پزیشکییەکانی کرماشان" in text
    assert request.pages == 1


def test_the_board_fills_the_page(unit, officer, tmp_path):
    _request, path = board_pdf(unit, officer, tmp_path)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    height = float(PAGE.search(boxes).group(1))
    bottoms = [float(bottom) for _top, bottom, _text in WORD.findall(boxes)]
    # The last line (the Kurdish name) sits in the lower part of the page, not the top third.
    assert max(bottoms) > 0.7 * height


def test_the_board_draws_the_emblem(unit, officer, tmp_path):
    _request, path = board_pdf(unit, officer, tmp_path)
    png = tmp_path / "board"
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "1", str(path), str(png)])
    from PIL import Image

    image = Image.open(next(tmp_path.glob("board*.png"))).convert("RGB")
    width, height = image.size
    # The emblem's cross, in the portal's blue, at the centre of the board's upper part.
    top = image.crop((width // 3, height // 10, 2 * width // 3, height // 4))
    pixels = top.tobytes()
    blue = sum(
        1
        for i in range(0, len(pixels), 3)
        if pixels[i + 2] > 90 and pixels[i] < 60 and pixels[i + 1] < 120
    )
    assert blue > 20


def test_an_officer_adds_a_unit_and_its_board_is_offered(client, officer):
    client.force_login(officer)
    response = client.post(
        "/en/strategy/boards/new/",
        {
            "name_fa": "دانشکده داروسازی",
            "name_en": "School of Pharmacy",
            "name_ckb": "کۆلێژی دەرمانسازی",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name_en="School of Pharmacy")
    page = client.get("/en/strategy/boards/").content.decode()
    assert f"/strategy/boards/{unit.pk}/pdf/" in page
    assert "/strategy/boards/new/" in page


def test_a_unit_needs_its_three_names(client, officer):
    client.force_login(officer)
    response = client.post("/en/strategy/boards/new/", {"name_fa": "دانشکده", "name_en": "School"})
    assert response.status_code == 200
    assert not Unit.objects.filter(name_en="School").exists()
