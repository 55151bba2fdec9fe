"""Safe defaults: the site starts in production only when it is configured for production.

Each case starts a fresh Python with the given environment, as a server would, so the settings module is
read anew; the variables the tests themselves run with are removed first.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "x" * 50 + "-a-long-random-production-key",
    "ALLOWED_HOSTS": "lakip.example.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://lakip.example.go.id",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
}
# What the test run itself sets: the settings variables, and the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE
# (Playwright drives the live server from the test's thread), which a production server never has.
TEST_RUN_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    *PRODUCTION,
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args, **environment):
    env = {k: v for k, v in os.environ.items() if k not in TEST_RUN_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "lakip_site.settings"
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_debug_is_off_unless_asked_for_so_the_development_key_is_refused():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_on_starts_with_the_development_key():
    assert manage("check", DEBUG="1").returncode == 0


@pytest.mark.parametrize("value", ["Flase", "maybe", "2"])
def test_a_mistyped_boolean_stops_the_site(value):
    result = manage("check", DEBUG=value)
    assert result.returncode != 0
    assert f"DEBUG={value!r} is not a yes/no value" in result.stderr


def test_deploy_check_is_silent_with_the_production_variables_of_the_readme():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_deploy_check_warns_without_https_settings():
    environment = {k: v for k, v in PRODUCTION.items() if not k.startswith("SECURE_")}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
