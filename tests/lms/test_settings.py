import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection


def _setting(expr, **env):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings as s; print({expr})",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_vietnamese_locale_settings():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_sqlite_default_uses_wal_and_immediate_transactions():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "d = s.DATABASES['default']; o = d['OPTIONS']; "
        "print(d['ENGINE'], o['transaction_mode'], o['timeout'], "
        "'journal_mode=WAL' in o['init_command'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "IMMEDIATE", "20", "True"]


@pytest.mark.django_db
def test_sqlite_connection_is_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_database_url_selects_postgresql():
    engine = _setting(
        "s.DATABASES['default']['ENGINE']", DATABASE_URL="postgres://u@db.example/lms"
    )
    assert engine == "django.db.backends.postgresql"


def test_redis_url_selects_the_redis_cache():
    assert _setting("s.CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/1") == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert "LocMemCache" in _setting("s.CACHES['default']['BACKEND']", REDIS_URL="")


def test_tasks_run_immediately_outside_production():
    assert (
        settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    )
