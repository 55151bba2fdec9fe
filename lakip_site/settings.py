"""Settings of the LAKIP site, configured from environment variables.

The defaults are safe: ``DEBUG`` is off unless ``DEBUG=1`` (``make run`` sets it for the demo), and with
``DEBUG`` off the site refuses to start until ``SECRET_KEY`` is set. Production sets ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``DATABASE_URL`` and, behind HTTPS, the security variables listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 (refused unless DEBUG=1)


def env_bool(name, default):
    """A yes/no variable; a value that is neither (``DEBUG=Flase``) stops the site rather than meaning no."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value: use 1 or 0.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: with DEBUG off the site does not start with the development key. "
        "Set SECRET_KEY to a long random value (or DEBUG=1 on a development machine)."
    )
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "agencies",
    "indicators",
    "budgets",
    "review",
    "interchange",
    "reports",
    "web",
    "publication",
    "backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "lakip_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "lakip_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Indonesian number style everywhere: 1.234.567,89
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["lakip_site.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Uploaded and generated files (the stored LAKIP PDFs) go through Django's storage API, the file system under
# MEDIA_ROOT by default. They are never served from MEDIA_URL: the PDF views check access and stream them.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# An entry grid posts a dozen fields per row: 150 indicators are about 1,800 fields, above Django's 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest evidence file a planner may upload (web:evidence), in bytes.
LAKIP_EVIDENCE_MAX_BYTES = env_int("LAKIP_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# The largest PDF the public verification page hashes, in bytes.
LAKIP_VERIFY_MAX_BYTES = env_int("LAKIP_VERIFY_MAX_BYTES", 100 * 1024 * 1024)
# The site's public address: an approved PDF's QR code points at its verification page under it.
LAKIP_PUBLIC_URL = os.environ.get("LAKIP_PUBLIC_URL", "http://localhost:8000").rstrip("/")

# Mail to planners and reviewers (a report returned, approved, submitted): printed on the console unless an
# SMTP server is configured (see the README's settings table).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LAKIP <lakip@localhost>")

# The LAKIP PDF is rendered by workers (reports/tasks.py). Without REDIS_URL the queue is the database
# (django-tasks-db, nothing else to run); with it, RQ on Redis. See the README, "The PDF queue and its workers".
PDF_RENDER_TIME_LIMIT = env_int("PDF_RENDER_TIME_LIMIT", 300)
PDF_RENDER_ATTEMPTS = env_int("PDF_RENDER_ATTEMPTS", 3)
PDF_RENDER_DELAY = env_int("PDF_RENDER_DELAY", 10)
PDF_RENDER_MAX_WAIT = env_int("PDF_RENDER_MAX_WAIT", 60)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # RQ's own job timeout only backs up the render's time limit, which the task enforces itself.
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": PDF_RENDER_TIME_LIMIT + 120}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: cookies are Secure whenever DEBUG is off; the redirect, HSTS and the proxy header are set by the
# environment of a site served over HTTPS (see the README), since a first run on a laptop has no certificate.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    # Behind a proxy that terminates HTTPS and sets X-Forwarded-Proto (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
