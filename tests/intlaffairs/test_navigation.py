"""The menu every page carries, the public home's cards and the site's icon."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from intlaffairs import navigation
from intlaffairs.models import Unit
from intlaffairs.roles import Role
from students.models import UnitReviewer


def url(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def menu_html(html: str) -> str:
    return html.split('id="portal-menu"')[1].split("</nav>")[0]


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"#]+)"', html)


def dropdown(html: str, key: str) -> str:
    return html.split(f'data-testid="menu-{key}"')[1].split("</ul>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "en", "ckb", "ar"])
def test_a_signed_out_visitor_has_a_menu_of_the_public_pages(client, language):
    html = client.get(f"/{language}/").content.decode()
    menu = links(menu_html(html))
    for name in ["students:program_list", "exchanges:course_list", "exchanges:certificate_verify"]:
        with translation.override(language):
            assert reverse(name) in menu, name
    assert f"/{language}/accounts/signup/" in menu
    assert f'href="/{language}/accounts/login/"' in html


def test_a_signed_out_visitors_menu_leads_to_pages_that_answer(client, db):
    html = client.get("/en/").content.decode()
    for url in links(menu_html(html)):
        assert client.get(url).status_code == 200, url


def test_an_applicant_has_the_public_pages_beside_their_own(client_as):
    menu = links(menu_html(client_as(Role.APPLICANT).get("/en/dashboard/").content.decode()))
    assert url("students:my_applications") in menu
    assert url("students:program_list") in menu
    assert url("exchanges:course_list") in menu
    # checking a certificate is for the third parties who are shown one
    assert url("exchanges:certificate_verify") not in menu


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMINISTRATOR])
def test_reports_and_the_email_log_are_in_the_menu_of_those_who_may_open_them(client_as, role):
    html = client_as(role).get("/en/dashboard/").content.decode()
    office = dropdown(html, "office")
    assert url("report_list") in office
    assert url("outbox_list") in office


def test_an_officer_is_not_shown_reports_or_the_email_log(client_as):
    menu = menu_html(client_as(Role.OFFICER).get("/en/dashboard/").content.decode())
    assert url("report_list") not in menu
    assert url("outbox_list") not in menu


def test_the_staff_menu_groups_each_area_in_one_dropdown(client_as):
    html = client_as(Role.ADMINISTRATOR).get("/en/agreements/").content.decode()
    menu = menu_html(html)
    top_level = re.findall(r'<li class="nav-item( dropdown)?">', menu)
    assert len(top_level) <= 7, "the menu should fit a 1280-pixel screen in every language"
    partnerships = dropdown(html, "partnerships")
    assert url("agreements:agreement_list") in partnerships
    assert url("agreements:institution_list") in partnerships
    for name in ["incentives:certificate_list", "incentives:claim_list", "incentives:points_list"]:
        assert url(name) in dropdown(html, "incentives")
    # the area of the page is marked, and the page itself inside it
    toggle = r'class="nav-link dropdown-toggle text-nowrap active"[^>]*menu-partnerships'
    assert re.search(toggle, menu)
    current = f'href="{url("agreements:agreement_list")}" aria-current="page"'
    assert current in partnerships


def test_a_group_with_one_entry_for_a_user_is_a_plain_link(client_as):
    html = client_as(Role.MENTOR).get("/en/dashboard/").content.decode()
    menu = menu_html(html)
    assert 'data-testid="menu-students"' not in menu
    assert f'href="{url("mentoring:my_mentees")}"' in menu


def test_to_review_is_in_a_faculty_members_menu_only_while_they_review_for_a_unit(client, faculty):
    client.force_login(faculty)
    to_review = f'href="{url("students:review_list")}"'
    assert to_review not in menu_html(client.get("/en/dashboard/").content.decode())
    unit = Unit.objects.create(name_fa="پزشکی", name_en="School of Medicine")
    reviewer = UnitReviewer.objects.create(unit=unit, user=faculty)
    assert to_review in menu_html(client.get("/en/dashboard/").content.decode())
    reviewer.delete()
    assert to_review not in menu_html(client.get("/en/dashboard/").content.decode())


def test_every_registered_entry_names_a_known_group():
    for item in navigation._registry:
        assert item.group in {"", *navigation.GROUPS}, item


@pytest.mark.django_db
def test_every_card_on_the_public_home_leads_to_a_page(client):
    html = client.get("/en/").content.decode()
    cards = html.split('<article class="card')[1:]
    assert len(cards) == 4
    for card in cards:
        link = re.search(r'class="card-link" href="([^"]+)"', card)
        assert link, card
        target = link.group(1)
        if target.startswith("#"):
            assert f'id="{target[1:]}"' in html
        else:
            assert client.get(target).status_code == 200, target


def test_the_mentoring_card_leads_an_applicant_to_their_mentor(client_as):
    html = client_as(Role.APPLICANT).get("/en/").content.decode()
    assert f'class="card-link" href="{url("mentoring:my_mentor")}"' in html


@pytest.mark.django_db
def test_the_site_icon_is_served_from_static(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content.startswith(b"\x00\x00\x01\x00")  # an ICO file's signature
    html = client.get("/en/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/favicon[^"]*\.ico"', html)


def test_a_menu_address_is_kept_per_language():
    """navigation.url_of keeps what reverse() answers, for each language's prefix: the menu
    links of a page in Kurdish are Kurdish addresses after an English page, and back."""
    for language in ("en", "ckb", "en", "fa", "ar"):
        with translation.override(language):
            assert navigation.url_of("desk") == reverse("desk") == f"/{language}/desk/"
