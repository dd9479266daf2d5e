"""Settings of the International Affairs Portal, read from the environment.

Production differs from the demo only by environment variables (see README.md):
SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, EMAIL_URL, MEDIA_ROOT,
DEFAULT_FROM_EMAIL, PLAIN_HTTP, CSRF_TRUSTED_ORIGINS, STAFF_IDLE_MINUTES, BEHIND_TLS_PROXY;
on several machines also S3_BUCKET and its S3_* companions, CONN_MAX_AGE, CONN_HEALTH_CHECKS and
DISABLE_SERVER_SIDE_CURSORS.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from intlaffairs.security_headers import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# The key comes from SECRET_KEY, or from the file SECRET_KEY_FILE names (default: the
# `.secret_key` that `make demo` generates, so manage.py works on a developer's machine).
SECRET_KEY = env.str("SECRET_KEY", default="")
_secret_file = Path(env.str("SECRET_KEY_FILE", default=str(BASE_DIR / ".secret_key")))
if not SECRET_KEY and _secret_file.is_file():
    SECRET_KEY = _secret_file.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        # Fail loudly: a guessable key in production would let anyone forge sessions.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or SECRET_KEY_FILE, "
            "a file holding it; make demo generates .secret_key), or DEBUG=1 for development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

# seed_demo refuses to run without it: the demo accounts have a published password.
ALLOW_DEMO_DATA = env.bool("ALLOW_DEMO_DATA", default=False)

# The portal's address as people reach it, for links in e-mails sent by background jobs.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "intlaffairs",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_filters",
    "django_countries",
    "simple_history",
    "agreements",
    "research",
    "incentives",
    "students",
    "exchanges",
    "mentoring",
    "strategy",
    "website",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intlaffairs.middleware.ReaderTimeZoneMiddleware",
    "intlaffairs.middleware.StaffIdleTimeoutMiddleware",
    "intlaffairs.middleware.StaffSecondFactorMiddleware",
    "intlaffairs.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "intlaffairs.urls"
WSGI_APPLICATION = "intlaffairs.wsgi.application"

# Django's widgets render with Jinja2, the admin's with Django's engine (see the module).
FORM_RENDERER = "intlaffairs.renderers.WidgetRenderer"
# A filter's "any" choice in every list's filter bar (django-filter's own is "---------").
FILTERS_EMPTY_CHOICE_LABEL = "—"
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
                "django.template.context_processors.i18n",
                "intlaffairs.context_processors.portal",
                "website.context_processors.public_site",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "intlaffairs.templatetags.jalali",
                "intlaffairs.templatetags.bidi",
                "intlaffairs.templatetags.country_names",
                "intlaffairs.templatetags.workflow",
                "intlaffairs.templatetags.lists",
            ],
        },
    },
]

# --- Database: SQLite file for the zero-setup demo, PostgreSQL in production and CI.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's SQLite must take simultaneous submissions without "database is locked": WAL lets
    # readers and one writer work at once; IMMEDIATE takes the write lock when a transaction
    # begins, so that two transactions never both read and then fail to upgrade to writing (a
    # failure the busy timeout cannot wait out); the timeout (seconds) lets writers queue.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # No JIT compilation: PostgreSQL compiles a query whose estimated cost passes
    # jit_above_cost, which at ×100 data many of the lists' counts and searches do, and the
    # compiling alone took 15 to 55 ms of queries that run in 1 to 5 ms (make bench; the
    # PostgreSQL manual advises against JIT for short queries). A server set otherwise is
    # overridden for the portal's connections only.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
# Connection reuse (README, "Running on several machines"): Django's own pool needs psycopg 3, so
# with psycopg2 each worker keeps one persistent connection (CONN_MAX_AGE seconds, checked before
# reuse) and a PgBouncer in front of PostgreSQL pools them across machines. In PgBouncer's
# transaction mode a server-side cursor cannot outlive its transaction: set
# DISABLE_SERVER_SIDE_CURSORS=1 there.
# Opening a connection for each request cost a signed-in page about 9 ms (make bench): the
# connect, then PostgreSQL reading its catalogue again for every table the request touches.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=60 if "postgresql" in DATABASES["default"]["ENGINE"] else 0
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and accounts
AUTH_USER_MODEL = "intlaffairs.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "intlaffairs.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "intlaffairs.accounts.LoginForm",
    "signup": "intlaffairs.accounts.SignupForm",
    "reset_password": "intlaffairs.accounts.ResetPasswordForm",
    "reset_password_from_key": "intlaffairs.accounts.ResetPasswordKeyForm",
    "change_password": "intlaffairs.accounts.ChangePasswordForm",
    "set_password": "intlaffairs.accounts.SetPasswordForm",
    "add_email": "intlaffairs.accounts.AddEmailForm",
    "reauthenticate": "intlaffairs.accounts.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address (a POST from the link's page) signs the new applicant in and takes them
# where the sign-up was heading (e.g. a new application for the program they chose). allauth
# does so only in the browser session that signed up; a link opened elsewhere just confirms.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's throttling (per IP and per account); the cache below must be shared between processes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "10/5m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    # Not an allauth action: the public certificate check (exchanges), which would otherwise
    # let anyone try codes as fast as they can ask.
    "certificate_verify": "30/m/ip",
    # The public check of a document's code; `make bench` lifts it to time the page.
    "document_verify": env.str("DOCUMENT_VERIFY_RATE_LIMIT", default="30/m/ip"),
    # The public contact form: a person writes a few messages, a robot many.
    "website_contact": "5/10m/ip",
}

# --- Second factor (ASVS 6.3.3): TOTP with recovery codes, by allauth.mfa; office staff must
# use it (intlaffairs.middleware.StaffSecondFactorMiddleware), others may. Wrong codes are
# throttled by ACCOUNT_RATE_LIMITS["login_failed"] per account ("5/5m/key") and per address.
MFA_ADAPTER = "intlaffairs.accounts.MFAAdapter"
MFA_FORMS = {
    "authenticate": "intlaffairs.accounts.AuthenticateForm",
    "reauthenticate": "intlaffairs.accounts.MFAReauthenticateForm",
    "activate_totp": "intlaffairs.accounts.ActivateTOTPForm",
    "deactivate_totp": "intlaffairs.accounts.DeactivateTOTPForm",
    "generate_recovery_codes": "intlaffairs.accounts.GenerateRecoveryCodesForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The name authenticator apps show next to the code; Latin, as apps render other scripts badly.
MFA_TOTP_ISSUER = "KUMS International Affairs"
# One 30-second step either side for phones whose clocks drift; a used code cannot be reused.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10

# Staff sessions end after this many idle minutes; others follow SESSION_COOKIE_AGE.
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)
# ... and after this many hours in all, however busy (ASVS 3.3: an absolute session lifetime).
STAFF_MAX_HOURS = env.int("STAFF_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = 14 * 24 * 3600

# --- Languages and calendars
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English"), ("ckb", "کوردی"), ("ar", "العربية")]
LANGUAGES_BIDI = ["fa", "ckb", "ar"]
# The second catalog gives django-countries the Central Kurdish names it lacks (see its header).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "countries"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Tehran"
MODELTRANSLATION_DEFAULT_LANGUAGE = "fa"
# An Arab applicant reads English sooner than Persian: a title not yet typed in Arabic shows in
# English first, Persian last.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("fa", "en"),
    "fa": ("en",),
    "ckb": ("fa", "en"),
    "ar": ("en", "fa"),
}

# --- Static and uploaded files: npm packages are served from node_modules, never a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
    ("vendor/chart.js", BASE_DIR / "node_modules/chart.js/dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules/tom-select/dist"),
    ("vendor/jalalidatepicker", BASE_DIR / "node_modules/@majidh1/jalalidatepicker/dist"),
    ("vendor/vazirmatn", BASE_DIR / "node_modules/vazirmatn/fonts/webfonts"),
    ("vendor/vazirmatn-ttf", BASE_DIR / "node_modules/vazirmatn/fonts/ttf"),
]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media-not-public/"  # uploads are served only through views that check access
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several machines share uploads and report files through an S3-compatible bucket (MinIO, Ceph,
# Garage, a cloud's). Objects stay private: no ACL, no public or signed URLs; every file still
# goes out only through a view that checks access, which reads it from the bucket.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            # Unset keys leave boto3 to its own chain (instance role, AWS_* variables).
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": False,  # like the disk: a second upload never replaces a first
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),
        },
    }
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

COUNTRIES_FIRST = ["IR", "IQ", "TR", "AF", "PK"]
COUNTRIES_FIRST_REPEAT = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Reports: files are kept this many days, then removed by a beat job.
REPORT_RETENTION_DAYS = env.int("REPORT_RETENTION_DAYS", default=30)
UNIVERSITY_NAME = "Kermanshah University of Medical Sciences"

# --- E-mail (every message goes through the outbox, intlaffairs/outbox.py)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="International Affairs <international@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache: Redis when configured (rate limits must be shared by all processes), memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="intlaffairs"),
        }
    }
    # Sessions are read from Redis and written to it and the database: a signed-in request
    # asks PostgreSQL one thing less, and no session is lost if Redis restarts. Without Redis
    # the cache is each process's own, and a session signed out in one would live on in the
    # others, so sessions stay in the database alone.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery: with no broker (the demo) tasks run inline.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A job whose worker died goes to another worker after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Security. PLAIN_HTTP is the one explicit switch the demo and tests set to serve HTTP on
# loopback; it is independent of DEBUG so the demo otherwise shows production behaviour.
PLAIN_HTTP = env.bool("PLAIN_HTTP", default=False)
SECURE_SSL_REDIRECT = not PLAIN_HTTP
SESSION_COOKIE_SECURE = not PLAIN_HTTP
CSRF_COOKIE_SECURE = not PLAIN_HTTP
SECURE_HSTS_SECONDS = 0 if PLAIN_HTTP else env.int("HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not PLAIN_HTTP
SECURE_HSTS_PRELOAD = not PLAIN_HTTP
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
# Behind the proxy every request comes from the proxy's address: the sign-in limits and the
# security log take the visitor's address from the one X-Forwarded-For entry the proxy adds.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if env.bool("BEHIND_TLS_PROXY", default=False) else 0
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not PLAIN_HTTP
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.csp": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
