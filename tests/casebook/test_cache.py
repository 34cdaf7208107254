"""The Redis cache of production: one client per connection pool, shared by threads, against a real Redis."""

import threading

import pytest

from casebook.cache import RedisCache
from tools import stack


@pytest.fixture(scope="module")
def redis_url():
    try:
        with stack.redis() as url:
            yield url
    except stack.Unavailable as error:
        pytest.fail(f"Redis could not be started: {error}")


def test_production_settings_use_the_cache_that_keeps_its_client(tmp_path):
    from tests.casebook.test_authcache import PRODUCTION, manage

    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage(
        "shell", "-c", code, env={**PRODUCTION, "CASEBOOK_CACHE_URL": "redis://127.0.0.1:6379/1"}, data_dir=tmp_path
    )
    assert result.stdout.splitlines()[-1] == "casebook.cache.RedisCache"


def test_values_are_kept_and_read_back_through_one_client(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "cache-test"})
    cache.set("greeting", {"ar": "مرحبا", "en": "hello"}, 30)
    assert cache.get("greeting") == {"ar": "مرحبا", "en": "hello"}
    assert cache.get_many(["greeting", "absent"]) == {"greeting": {"ar": "مرحبا", "en": "hello"}}
    cache.delete("greeting")
    assert cache.get("greeting", "gone") == "gone"
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client is cache._cache.get_client("another key")


def test_threads_share_the_client_and_each_reads_its_own_values(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "cache-threads"})
    clients, errors = set(), []

    def work(number):
        try:
            for round_number in range(50):
                cache.set(f"thread-{number}", round_number, 30)
                if cache.get(f"thread-{number}") != round_number:
                    errors.append((number, round_number))
            clients.add(id(cache._cache.get_client()))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(clients) == 1
