"""The portal runs on several machines (README, "Running on several machines"): web and worker
nodes keep nothing of their own, so a file one node stores another node serves.

Two gunicorn "nodes" and one Celery worker, each with its own empty MEDIA_ROOT, share the test
database, Redis and an S3-compatible bucket (moto's server standing in for MinIO or a cloud's
store). Also: the settings switches for connection reuse and PgBouncer.
"""

import json
import time

import pytest
from django.db import connection

from agreements.models import SignedFile
from intlaffairs.models import ReportRequest
from intlaffairs.roles import Role

from ..factories import PASSWORD, AgreementFactory, totp_code
from ..serving import (
    PROCESSES,
    free_port,
    production_env,
    require_or_skip,
    start_celery_worker,
    start_gunicorn,
    stop,
)
from ..students.helpers import plain_pdf
from ..test_settings import PRODUCTION_ENV, manage

pytestmark = PROCESSES

NODE_A, NODE_B, S3_PORT = free_port(), free_port(), free_port()  # this test worker's own
BUCKET = "portal-files"
S3_KEYS = {"S3_ACCESS_KEY_ID": "test-key", "S3_SECRET_ACCESS_KEY": "test-secret"}
# A PDF as far as the upload check goes, with every byte value a text-mode bug would mangle.
SIGNED_COPY = plain_pdf(title="نسخهٔ امضاشدهٔ تفاهم‌نامه")  # a real PDF, with bytes beyond ASCII


def s3_client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{S3_PORT}",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
        region_name="us-east-1",
    )


@pytest.fixture
def bucket():
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        require_or_skip("moto[server] is not installed")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=S3_PORT, verbose=False)
    server.start()
    s3_client().create_bucket(Bucket=BUCKET)
    yield s3_client()
    server.stop()


def files_under(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def sign_in(session, base: str, user) -> None:
    """Through the real forms: the password, then the code of the user's authenticator app."""
    session.get(f"{base}/en/accounts/login/")
    response = session.post(
        f"{base}/en/accounts/login/",
        data={
            "login": user.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    assert response.headers["Location"].endswith("/accounts/2fa/authenticate/")
    response = session.post(
        f"{base}{response.headers['Location']}",
        data={
            "code": totp_code(user.totp_secret),
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    assert "2fa" not in response.headers["Location"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_file_stored_through_one_node_is_served_by_another(
    needs_postgresql, needs_redis, make_user, bucket, tmp_path
):
    import requests

    manager = make_user(Role.MANAGER, email="manager@test.example", preferred_language="en")
    agreement = AgreementFactory(status="active")
    node_env = {
        "PLAIN_HTTP": "1",  # the load balancer's TLS is test_observatory's subject
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
        "S3_REGION": "us-east-1",
        **S3_KEYS,
    }
    log = tmp_path / "nodes.log"
    media = {name: tmp_path / f"media-{name}" for name in ("a", "b", "worker")}
    nodes, worker = [], None
    try:
        for name, port in (("a", NODE_A), ("b", NODE_B)):
            env = production_env(MEDIA_ROOT=str(media[name]), **node_env)
            nodes.append(start_gunicorn(port=port, env=env, log=log, workers=1))
        worker = start_celery_worker(
            production_env(MEDIA_ROOT=str(media["worker"]), **node_env), log
        )
        a, b = f"http://127.0.0.1:{NODE_A}", f"http://127.0.0.1:{NODE_B}"
        browser = requests.Session()  # one cookie jar: the same session on both nodes
        sign_in(browser, a, manager)

        # An upload to node A ...
        response = browser.post(
            f"{a}/en/agreements/{agreement.pk}/files/",
            data={"title": "Signed copy", "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
            files={"file": ("signed.pdf", SIGNED_COPY, "application/pdf")},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:2000]
        signed = SignedFile.objects.get(agreement=agreement)
        # ... is downloaded from node B, byte for byte.
        response = browser.get(f"{b}/en/agreements/files/{signed.pk}/")
        assert response.status_code == 200, response.text[:2000]
        assert response.content == SIGNED_COPY
        assert response.headers["Content-Disposition"].startswith("attachment")

        # A report asked for on node A, rendered by the worker, downloaded from node B.
        response = browser.post(
            f"{a}/en/agreements/{agreement.pk}/sheet/",
            data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:2000]
        report = ReportRequest.objects.get(requested_by=manager)
        deadline = time.monotonic() + 120
        while report.status not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.5)
            report.refresh_from_db()
        assert report.status == "done", f"{report.status} {report.error}\n{log.read_text()}"
        response = browser.get(f"{b}/en/reports/{report.pk}/download/")
        assert response.status_code == 200, response.text[:2000]
        stored = bucket.get_object(Bucket=BUCKET, Key=report.file.name)["Body"].read()
        assert response.content == stored
        assert stored.startswith(b"%PDF-")
    finally:
        for process in [*nodes, worker]:
            if process is not None:
                stop(process)

    # Nothing was written to any machine's own disk: both files live only in the bucket.
    assert not any(files_under(folder) for folder in media.values())
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {signed.file.name, report.file.name}
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=signed.file.name)
    assert all(grant["Grantee"].get("Type") != "Group" for grant in acl["Grants"])  # not public


def test_s3_storage_is_switched_on_by_the_environment_with_private_objects():
    show = (
        "from django.conf import settings as s; o = s.STORAGES['default'].get('OPTIONS', {});"
        "print(s.STORAGES['default']['BACKEND'], o.get('default_acl'), o.get('querystring_auth'))"
    )
    result = manage("shell", "--verbosity=0", "-c", show, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["django.core.files.storage.FileSystemStorage", "None", "None"]
    env = {**PRODUCTION_ENV, "S3_BUCKET": BUCKET, **S3_KEYS}
    result = manage("shell", "--verbosity=0", "-c", show, env=env)
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "private", "False"], (
        result.stderr
    )


def test_connection_reuse_and_pgbouncer_mode_are_environment_switches():
    show = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['DISABLE_SERVER_SIDE_CURSORS'])"
    )
    result = manage("shell", "--verbosity=0", "-c", show, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["0", "True", "False"], result.stderr
    env = {
        **PRODUCTION_ENV,
        "CONN_MAX_AGE": "60",
        "CONN_HEALTH_CHECKS": "0",
        "DISABLE_SERVER_SIDE_CURSORS": "1",
    }
    result = manage("shell", "--verbosity=0", "-c", show, env=env)
    assert result.stdout.split() == ["60", "False", "True"], result.stderr


def test_a_backup_leaves_files_in_an_object_store_to_the_store(settings, tmp_path):
    from intlaffairs.backup import local_media

    settings.MEDIA_ROOT = tmp_path
    assert local_media() == tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "access_key": "k", "secret_key": "s"},
        },
    }
    assert local_media() is None


def test_a_backup_with_files_is_refused_before_anything_is_loaded_into_s3_storage(
    settings, tmp_path
):
    """The restore stops before the database is touched: here there is not even a dump to
    load, so reaching pg_restore would fail otherwise."""
    from intlaffairs.backup import MANIFEST, RestoreError, restore

    (tmp_path / MANIFEST).write_text(
        json.dumps({"vendor": connection.vendor, "files": {"agreements/a.pdf": "0" * 64}})
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "access_key": "k", "secret_key": "s"},
        },
    }
    with pytest.raises(RestoreError, match="S3_BUCKET"):
        restore(tmp_path)


def test_postgresql_connections_are_kept_and_redis_holds_a_copy_of_the_sessions():
    show = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['CONN_MAX_AGE'], s.SESSION_ENGINE.rsplit('.', 1)[1])"
    )
    result = manage("shell", "--verbosity=0", "-c", show, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["0", "db"], result.stderr  # SQLite, no Redis
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
    }
    result = manage("shell", "--verbosity=0", "-c", show, env=env)
    assert result.stdout.split() == ["60", "cached_db"], result.stderr
