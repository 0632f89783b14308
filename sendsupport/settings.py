"""One settings module for every deployment; each knob comes from the environment.

SENDSUPPORT_MODE chooses the defaults:
- ``production`` (the default): HTTPS-only cookies, HSTS, a secret key must be given.
- ``development``: what ``make demo`` uses on http://127.0.0.1:8000.
- ``test``: what the test suite uses (fast password hashing, email kept in memory).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sendsupport.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
MODE = env_str("SENDSUPPORT_MODE", "production")
if MODE not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"SENDSUPPORT_MODE must be production, development or test, not {MODE!r}")
PRODUCTION = MODE == "production"

DATA_DIR = Path(env_str("SENDSUPPORT_DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY (a long random string) to run in production mode.")
    SECRET_KEY = "insecure-key-for-" + MODE + "-only-never-use-in-production-0123456789abcdef"

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves Swagger UI's files for the API docs as ordinary static files
    "sendsupport.core",
    "sendsupport.accounts",
    "sendsupport.schools",
    "sendsupport.pupils",
    "sendsupport.audit",
    "sendsupport.support",
    "sendsupport.support.profiles",
    "sendsupport.support.specialists",
    "sendsupport.support.voice",
    "sendsupport.meetings",
    "sendsupport.linkbook",
    "sendsupport.portal",
    "sendsupport.statutory",
    "sendsupport.statutory.publishing",
    "sendsupport.statutory.inclusion",
    "sendsupport.provision",
    "sendsupport.compliance",
    "sendsupport.twofactor",
    "sendsupport.interop",
    "sendsupport.api",
    "sendsupport.home",
    "sendsupport.subject_access",
    "sendsupport.demo",
]

MIDDLEWARE = [
    "sendsupport.core.request_id.RequestIdMiddleware",  # groups the audit events of one request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sendsupport.accounts.middleware.IdleTimeoutMiddleware",  # the idle time-out, one write a minute at most
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sendsupport.accounts.middleware.RequestMemoMiddleware",  # roles read once per request
    "sendsupport.support.voice.middleware.PupilAccountMiddleware",  # a pupil's sign-in reaches only their page
    "sendsupport.twofactor.middleware.SecondFactorMiddleware",  # the code from the app, before any page
    "sendsupport.core.middleware.NoStoreForSignedInMiddleware",  # nothing a signed-in person sees is cached
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "sendsupport.pupils.middleware.PupilReadAuditMiddleware",  # every successful read of a pupil is logged
    "sendsupport.audit.remembered_pages.RememberPagesMiddleware",  # keeps main pages as their views made them
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendsupport.urls"
WSGI_APPLICATION = "sendsupport.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sendsupport" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sendsupport.home.context_processors.navigation",
            ],
            "builtins": ["sendsupport.core.templatetags.sendsupport_tags"],
        },
    },
]
FORM_RENDERER = "sendsupport.core.forms.GovUKFormRenderer"

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sendsupport.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no data folder yet; SQLite can create the file but not the folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and the worker read while the other writes. The write that fills the
    # log to ``wal_autocheckpoint`` pages copies them into the database (with an fsync) before its
    # request can answer: at SQLite's default of 1,000 pages (4 MB) that was every few dozen pages
    # read, since each writes an audit entry per pupil shown, each on its own page of the pupil
    # index, and it cost those requests 5-25 ms. Most of those pages are written again and again
    # between checkpoints (the same pupils' entries), and a checkpoint copies each page once, so
    # checkpointing at 10,000 pages (at most 40 MB of log) does about a tenth of the work per page read.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # The connection is kept between requests as on PostgreSQL (DB_CONN_MAX_AGE): opening one reads
    # and parses the whole schema of about 200 tables, which cost 8 ms of every request's 12 ms on
    # /health/. runserver (the demo) still closes each request thread's connection itself.
# The reads every request makes go as prepared statements on PostgreSQL (``core.prepared``): planning
# them cost more than running them. 0 for a connection pooler that does not keep prepared statements.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django turns psycopg's prepared statements off unless asked; only ``core.prepared``'s cursors
    # prepare (Django's own cursors bind values in the client and never do), so the count is unused.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5 if DB_PREPARED_STATEMENTS else None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "sendsupport.accounts.backends.ModelBackend",  # Django's, reading the signed-in user with SQL written once
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# Translations (a language's .po file): see "Translating the parent portal" in README.md.
LOCALE_PATHS = [BASE_DIR / "sendsupport" / "locale"]
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "sendsupport" / "static",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"

# Sessions end after inactivity: SEND records are special category data.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# The idle time-out is kept by accounts.middleware.IdleTimeoutMiddleware: one session write a minute
# at most, not one on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ENGINE = "sendsupport.accounts.sessions"  # Django's database sessions, read with SQL written once
# How often activity moves the session's end forward. In tests an hour, so that how long a test takes
# never changes how many queries a page makes; tests of the idle time-out set it themselves.
SESSION_ACTIVITY_REFRESH_SECONDS = 3600 if MODE == "test" else 60
# How long a web process may keep a school's to-do list without being told of a change (it is worked
# out again at once when any record of the school changes; this only bounds changes made outside
# the application, such as by hand in the database). 0 works it out on every request.
REMEMBER_LISTS_SECONDS = env_int("REMEMBER_LISTS_SECONDS", 600)
# The main pages are remembered whole, per person, until a record they show changes, within the same
# time limit (audit.remembered_pages): at most this many bytes of pages in each web process.
# 0 turns remembering pages off.
REMEMBER_PAGES_BYTES = env_int("REMEMBER_PAGES_BYTES", 32 * 1024 * 1024)
# On PostgreSQL the audit log's "viewed" and "exported" entries are committed without waiting for the
# disk, as safe as every write on SQLite (audit.services._without_waiting_for_the_disk); 1 makes them wait.
AUDIT_READS_WAIT_FOR_DISK = env_bool("AUDIT_READS_WAIT_FOR_DISK", False)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

HTTPS = env_bool("SENDSUPPORT_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content security policy: nothing but our own origin; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Lock an account and address out after repeated failed sign-ins.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Two-factor sign-in (sendsupport.twofactor): when on, SENCOs, heads, LA officers and administrators, and all
# staff at a school that asks for it, must set up an authenticator app. On in production; off in development
# and tests so the demo and force_login keep working (a test turns it on with the ``settings`` fixture).
TWO_FACTOR_REQUIRED = env_bool("SENDSUPPORT_TWO_FACTOR", PRODUCTION)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "sendsupport")

# Counts below this are withheld from every figure governors, LA officers and the API see
# (sendsupport.core.suppression), with any other figure that would let one be worked out.
SMALL_NUMBER_THRESHOLD = env_int("SENDSUPPORT_SMALL_NUMBER_THRESHOLD", 5)

# The sections of the report for governors, in order: functions f(school, *, today) -> dict
# (the contract is in sendsupport/staff/governors.py).
GOVERNOR_REPORT_SECTIONS = [
    "sendsupport.staff.governors.register_section",
    "sendsupport.staff.governors.spending_section",
    "sendsupport.staff.governors.timeliness_section",
    "sendsupport.statutory.governors.ehc_requests_section",
    "sendsupport.statutory.inclusion.governors.inclusion_decisions_section",
]

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    {
        "production": "django.core.mail.backends.smtp.EmailBackend",
        "development": "django.core.mail.backends.console.EmailBackend",
        "test": "django.core.mail.backends.locmem.EmailBackend",
    }[MODE],
)
# Where the file-based email backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend) writes.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DATA_DIR / "emails"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sendsupport <no-reply@sendsupport.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if MODE == "test" else "django_tasks_db.DatabaseBackend",
        )
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Installation-wide figures the code reads (see docs/domain.md); a school's own policy figures are rows.
SENDSUPPORT = {
    # The broad area Down syndrome (DS) is shown under; the DfE places it in none, so "other" by default.
    "DS_BROAD_AREA": env_str("DS_BROAD_AREA", "other"),
    # SEND Regulations 2014 reg. 49 (as amended 2024): a new SENCO holds the NPQ for SENCOs within 3 years.
    "SENCO_NPQ_YEARS": env_int("SENCO_NPQ_YEARS", 3),
    # The to-do list gives notice this many months before the NPQ falls due.
    "SENCO_NPQ_NOTICE_MONTHS": env_int("SENCO_NPQ_NOTICE_MONTHS", 6),
    # Days after an EHC plan's annual review meeting to send the school's report to the LA (DOMAIN: verify).
    "ANNUAL_REVIEW_REPORT_DAYS": env_int("ANNUAL_REVIEW_REPORT_DAYS", 14),
    # SEND Regulations 2014 reg. 51: the SEN information report is updated at least every year; notice a month before.
    "SEN_REPORT_REVIEW_MONTHS": env_int("SEN_REPORT_REVIEW_MONTHS", 12),
    "SEN_REPORT_NOTICE_MONTHS": env_int("SEN_REPORT_NOTICE_MONTHS", 1),
    "IMPORT_MAX_BYTES": env_int("IMPORT_MAX_BYTES", 200 * 1024 * 1024),
    "SPECIALIST_DOCUMENT_MAX_BYTES": env_int("SPECIALIST_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024),
}
CSRF_FAILURE_VIEW = "sendsupport.core.views.csrf_failure"

# API tokens: the longest lifetime a person may choose (days), and the request rates the API allows.
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 90)
if API_TOKEN_MAX_DAYS < 1:
    raise ImproperlyConfigured("API_TOKEN_MAX_DAYS must be at least 1.")
# "number/period", period s, m, h or d: per token, and failed sign-ins (bad tokens) per address.
# The test suite's permission tables send hundreds of calls a minute from one address and token;
# the throttling tests set their own low rates.
API_RATE_PER_TOKEN = env_str("API_RATE_PER_TOKEN", "100000/m" if MODE == "test" else "600/m")
API_RATE_FAILED_SIGN_INS = env_str("API_RATE_FAILED_SIGN_INS", "100000/m" if MODE == "test" else "30/m")

# The API's throttles count requests in this cache. Without REDIS_URL each web process keeps its own
# count in memory (fine for one server process); with it, every process shares one count.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sendsupport"}
    )
}

# Sections other apps add to a child's page in the parent portal: template names, each included with
# ``pupil`` and ``user`` in its context (for example "meetings/_portal_section.html").
PORTAL_SECTIONS: list[str] = [
    "meetings/_portal_section.html",  # the meetings coming up, with replies and "add to calendar"
    "voice/_portal_section.html",  # sending views before the next review
    "statutory/_plan_portal_section.html",  # the EHC plan's needs, outcomes and provision, if there is a plan
    "linkbook/_portal_section.html",  # the home-school link book's latest message
    "statutory/_portal_section.html",  # an EHC needs assessment request: what happened, what comes next
    "inclusion/_portal_section.html",  # decisions that the child cannot take part in an activity (s.35)
    "portal/_preparing_section.html",
]

# The statutory clocks of an EHC needs assessment (SEND Regulations 2014), counted from the day the local
# authority received the request, except the school's advice (from the day it was asked) and the
# representations on a draft (at least this many days, counting the day the draft was served).
# ``exceptions`` says which clocks each permitted exception (statutory.models.ClockException) may excuse.
EHC_CLOCKS: dict = {
    "decision_weeks": env_int("EHC_DECISION_WEEKS", 6),  # reg. 5(1): whether to assess
    "advice_weeks": env_int("EHC_ADVICE_WEEKS", 6),  # reg. 8(1): advice from the school, once asked
    "no_plan_weeks": env_int("EHC_NO_PLAN_WEEKS", 16),  # reg. 10(1): a decision not to issue a plan
    "representation_days": env_int("EHC_REPRESENTATION_DAYS", 15),  # reg. 13(1)(a): on the draft plan
    "final_plan_weeks": env_int("EHC_FINAL_PLAN_WEEKS", 20),  # reg. 13(2): the final plan
    # The SENCO's to-do list shows the school's advice this many days before it is due.
    "advice_notice_days": env_int("EHC_ADVICE_NOTICE_DAYS", 14),
    "exceptions": {
        # reg. 5(4)(a)-(c) and 10(4)(a)-(d) (which reg. 13(3) applies to the final plan).
        "school_closed": ("decision", "no_plan", "final_plan"),
        "personal": ("decision", "advice", "no_plan", "final_plan"),  # reg. 8(2) for the advice too
        "away": ("decision", "advice", "no_plan", "final_plan"),
        "appointment": ("advice", "no_plan", "final_plan"),
    },
}
