import os
import subprocess
import sys

from django.conf import settings


def _settings_probe(env: dict, code: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    full_env.update(env)
    full_env["DJANGO_SETTINGS_MODULE"] = "sinergi.settings"
    full_env.pop("SINERGI_TESTING", None)
    return subprocess.run(
        [sys.executable, "-c", code], env=full_env, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_secret_key():
    done = _settings_probe({"DEBUG": "0"}, "import django; django.setup()")
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_production_turns_on_transport_security():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.SECURE_SSL_REDIRECT)"
    )
    done = _settings_probe({"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "sinergi.example"}, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "True"]


def test_sqlite_is_tuned_for_a_web_app():
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
        assert db["OPTIONS"]["timeout"] == 30


def test_tests_run_tasks_immediately():
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
