"""Fifty applicants submit at the same moment through a real gunicorn: every application and
every document is stored, and every reference number is given once.

Needs PostgreSQL (CI has it): gunicorn's workers read and write the test database, so the
test's rows are committed (transactional test) and its assertions read what they committed.
"""

import hashlib
import io
import re
import threading

import pytest
import redis
import requests
from PIL import Image

from intlaffairs.roles import Role
from students.models import Application, Document, DocumentType, Stage

from ..factories import PASSWORD
from ..serving import (
    PROCESSES,
    RedisDatabase,
    free_port,
    redis_url,
    start_gunicorn,
    stop,
)
from ..students.helpers import make_program, plain_pdf
from .test_worker_killed import worker_env

pytestmark = PROCESSES

APPLICANTS = 50


def pdf_bytes(n: int) -> bytes:
    return plain_pdf(title=f"applicant {n}")


def jpeg_bytes(n: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (200 + n % 50, 200, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


class Applicant:
    """One browser: a requests session that signs in and fills the wizard like a person."""

    def __init__(self, base: str, email: str, n: int, program_id: int, types: dict):
        self.base, self.email, self.n = base, email, n
        self.program_id, self.types = program_id, types
        self.http = requests.Session()
        self.statuses: list[tuple[str, int]] = []
        self.uploads: dict[str, bytes] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        if method == "POST":
            kwargs["data"] = {
                **kwargs.get("data", {}),
                "csrfmiddlewaretoken": self.http.cookies["csrftoken"],
            }
        response = self.http.request(
            method, self.base + path, allow_redirects=False, timeout=120, **kwargs
        )
        self.statuses.append((f"{method} {path}", response.status_code))
        return response

    def post(self, path: str, data: dict, expect: str, **kwargs) -> requests.Response:
        response = self.request("POST", path, data=data, **kwargs)
        problems = re.findall(
            r'(?:invalid-feedback|role="alert")[^>]*>(.*?)</div>', response.text, re.S
        )
        # The page's own words, for a failure to say what the portal answered.
        said = " ".join(re.sub(r"<[^>]+>", " ", response.text.split("<main", 1)[-1]).split())
        assert response.status_code == 302, (path, response.status_code, problems, said[:600])
        assert expect in response.headers["Location"], (path, response.headers["Location"])
        return response

    def run(self) -> None:
        self.request("GET", "/en/accounts/login/")
        self.post("/en/accounts/login/", {"login": self.email, "password": PASSWORD}, expect="/")
        started = self.post("/en/students/my/new/", {"program": self.program_id}, "/step/1/")
        pk = int(re.search(r"/my/(\d+)/step/", started.headers["Location"])[1])
        my = f"/en/students/my/{pk}"
        self.request("GET", f"{my}/step/1/")
        self.post(
            f"{my}/step/1/",
            {
                "given_name": "Zahraa",
                "family_name": "Jaber",
                "native_given_name": "زهراء",
                "native_family_name": "جابر",
                "sex": "female",
                "birth_date": "2004-05-01",
                "nationality": "IQ",
            },
            "/step/2/",
        )
        self.post(
            f"{my}/step/2/",
            {
                "passport_number": f"A{1000000 + self.n}",
                "passport_expires_on": "2031-01-01",
                "phone": "+964 770 123 4567",
            },
            "/step/3/",
        )
        self.post(
            f"{my}/step/3/",
            {
                "education-TOTAL_FORMS": "1",
                "education-INITIAL_FORMS": "0",
                "education-MIN_NUM_FORMS": "0",
                "education-MAX_NUM_FORMS": "6",
                "education-0-qualification": "Secondary school diploma",
                "education-0-institution": "Baghdad College",
                "education-0-country": "IQ",
                "education-0-graduated_in": "2023",
            },
            "/step/4/",
        )
        self.post(
            f"{my}/step/4/", {"program": self.program_id, "channel": "website"}, "/documents/"
        )
        for code, type_id in self.types.items():
            content, name = (
                (jpeg_bytes(self.n), "photo.jpg")
                if code == "photo"
                else (pdf_bytes(self.n), f"{code}.pdf")
            )
            self.uploads[code] = content
            self.post(
                f"{my}/documents/",
                {"type": type_id},
                "/documents/",
                files={"file": (name, content)},
            )
        page = self.request("GET", f"{my}/documents/")
        assert page.status_code == 200
        self.post(f"/en/move/students.application/{pk}/submit/", {"next": f"{my}/"}, f"/my/{pk}/")
        self.request("GET", f"{my}/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_applicants_submitting_at_once_all_get_stored_with_unique_references(
    needs_postgresql, needs_redis, make_user, tmp_path
):
    documents = ("passport", "photo", "transcript")
    program = make_program(documents=documents)
    types = dict(DocumentType.objects.filter(code__in=documents).values_list("code", "pk"))
    assert sorted(types) == sorted(documents)
    people = [make_user(Role.APPLICANT, preferred_language="en") for _ in range(APPLICANTS)]

    env = worker_env(tmp_path)
    # its rate-limit counters and sessions in a database of their own, emptied first
    env["REDIS_URL"] = redis_url(RedisDatabase.SERVER_CACHE)
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    env["DJANGO_SETTINGS_MODULE"] = "tests.reliability.gunicorn_settings"
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn(
        port=port, env=env, log=log, workers=3, options=("--threads", "4", "--timeout", "120")
    )
    base = f"http://127.0.0.1:{port}"
    try:
        applicants = [
            Applicant(base, person.email, n, program.pk, types) for n, person in enumerate(people)
        ]
        errors: list[str] = []
        start = threading.Barrier(APPLICANTS)

        def run(applicant: Applicant) -> None:
            start.wait()  # everybody starts at the same moment
            try:
                applicant.run()
            except Exception as error:  # reported below, with the others
                errors.append(f"{applicant.email}: {type(error).__name__}: {error}"[:3000])

        threads = [threading.Thread(target=run, args=(a,)) for a in applicants]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        stop(server)

    server_errors = [
        (a.email, call, status) for a in applicants for call, status in a.statuses if status >= 500
    ]
    assert not server_errors, log.read_text()[-5000:]
    assert not errors, errors[:5]

    submitted = Application.objects.filter(program=program, stage=Stage.SUBMITTED)
    assert submitted.count() == APPLICANTS
    references = list(submitted.values_list("reference", flat=True))
    assert len(set(references)) == APPLICANTS
    assert all(re.fullmatch(r"KUMS-\d{4}-\d{5}", ref) for ref in references), references
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in references)
    assert numbers == list(range(numbers[0], numbers[0] + APPLICANTS))  # no gaps either

    media = tmp_path / "media"
    by_email = {a.email: a for a in applicants}
    stored = Document.objects.filter(application__in=submitted).select_related(
        "type", "application__applicant"
    )
    assert stored.count() == APPLICANTS * len(documents)
    for document in stored:
        sent = by_email[document.application.applicant.email].uploads[document.type.code]
        path = media / document.file.name
        assert path.stat().st_size == document.size == len(sent)
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(sent).digest()
