"""What the workers of a parallel test run (pytest-xdist) keep apart: each empties its cache and
writes uploads while the others run."""

import os
from pathlib import Path

import redis
from django.conf import settings
from django.core.cache import cache

from .serving import WORKER, RedisDatabase, redis_url


def test_no_two_workers_share_a_redis_database(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379")
    kinds = (RedisDatabase.CACHE, RedisDatabase.BROKER, RedisDatabase.SERVER_CACHE)
    urls = [redis_url(kind, worker=worker) for worker in range(5) for kind in kinds]
    assert len(set(urls)) == len(urls) == 15
    assert {url.rsplit("/", 1)[1] for url in urls} == {str(n) for n in range(1, 16)}


def test_this_workers_cache_is_its_own_redis_database(needs_redis):
    assert settings.CACHES["default"]["LOCATION"] == redis_url(RedisDatabase.CACHE)
    cache.set("parallel-probe", WORKER)
    keys = redis.Redis.from_url(redis_url(RedisDatabase.CACHE)).keys("*parallel-probe*")
    assert len(keys) == 1


def test_uploads_go_to_a_folder_of_this_worker():
    media = Path(settings.MEDIA_ROOT)
    assert media.is_dir()
    assert media != Path(settings.BASE_DIR) / "media"
    assert not str(media).startswith(os.fspath(settings.BASE_DIR))
