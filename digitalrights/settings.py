"""Settings for the Cities for Digital Rights platform.

Every value comes from the environment (see the table in README.md). The
defaults run the whole site on a laptop; ``DJANGO_ENV=production`` only
tightens them, and refuses to start with an unsafe value.
"""

import base64
import binascii
import hashlib
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import environ
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

ENVIRONMENT = env.str("DJANGO_ENV", default="development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env.bool("DEBUG", default=False)


def _local_secret_key() -> str:
    """Return a random key kept in var/, so a laptop run needs no setup."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "" if PRODUCTION else _local_secret_key()
)
ALLOWED_HOSTS = [
    host
    for host in env.list(
        "ALLOWED_HOSTS",
        default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"],
    )
    if host
]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Behind a proxy that appends the client's address to X-Forwarded-For.
TRUSTED_PROXY_FORWARDS = env.bool("TRUSTED_PROXY_FORWARDS", default=False)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL


def _derived_key(purpose: str) -> str:
    """Return a key for one purpose, derived from SECRET_KEY (development)."""
    digest = hashlib.sha256(f"{purpose}:{SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _is_fernet_key(key: str) -> bool:
    try:
        Fernet(key)
    except (binascii.Error, ValueError):
        return False
    return True


# Keys for personal data (digitalrights/core/personal_data.py): a keyed hash
# of email addresses, and Fernet keys for the addresses kept readable. The
# first key of each list is current; older ones stay to read older data.
PERSONAL_DATA_HASH_KEYS = env.list("PERSONAL_DATA_HASH_KEYS", default=[]) or (
    [] if PRODUCTION else [_derived_key("personal-data-hash")]
)
PERSONAL_DATA_ENCRYPTION_KEYS = env.list(
    "PERSONAL_DATA_ENCRYPTION_KEYS", default=[]
) or ([] if PRODUCTION else [_derived_key("personal-data-encryption")])
# Signs the proof-of-work challenges of the endorsement form (ALTCHA). A
# challenge lives ten minutes, so changing the key costs nothing lasting;
# derived from SECRET_KEY unless set, in production too.
ALTCHA_HMAC_KEY = env.str("ALTCHA_HMAC_KEY", default="") or _derived_key("altcha")

if PRODUCTION:
    problems = []
    if not PERSONAL_DATA_HASH_KEYS or min(map(len, PERSONAL_DATA_HASH_KEYS)) < 32:
        problems.append("PERSONAL_DATA_HASH_KEYS must list keys of 32+ characters")
    if not PERSONAL_DATA_ENCRYPTION_KEYS or not all(
        _is_fernet_key(key) for key in PERSONAL_DATA_ENCRYPTION_KEYS
    ):
        problems.append(
            "PERSONAL_DATA_ENCRYPTION_KEYS must list Fernet keys"
            " (make a key with: python -c 'from cryptography.fernet import Fernet;"
            " print(Fernet.generate_key().decode())')"
        )
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        problems.append("SECRET_KEY must be set to a random value of 50+ characters")
    if DEBUG:
        problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the site's host names")
    if not SITE_URL.startswith("https://"):
        problems.append("SITE_URL must be an https:// address")
    if problems:
        raise ImproperlyConfigured(
            "Refusing to start in production: " + "; ".join(problems) + "."
        )

INSTALLED_APPS = [
    "digitalrights.core",
    "digitalrights.cities",
    "digitalrights.endorsements",
    "digitalrights.privacy",
    "digitalrights.content",
    "digitalrights.campaigns",
    "digitalrights.membership",
    "digitalrights.initiatives",
    "digitalrights.register",
    "digitalrights.toolkit",
    "digitalrights.workinggroups",
    "digitalrights.monitoring",
    "digitalrights.sitesearch",
    "digitalrights.opendata",
    "digitalrights.demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache sits outside compression, so it keeps pages compressed
    # and a cached answer costs no gzip work.
    "digitalrights.core.cache.PageCacheMiddleware",
    # Django's, at GZIP_LEVEL.
    "digitalrights.core.compression.GZipMiddleware",
    "digitalrights.opendata.middleware.ApiHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, except that API errors are not redirected to pages.
    "digitalrights.opendata.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "digitalrights.membership.middleware.AdminSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Benchmarks mount a baseline view beside the site (bench/urls.py).
ROOT_URLCONF = env.str("ROOT_URLCONF", default="digitalrights.urls")
WSGI_APPLICATION = "digitalrights.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "digitalrights" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "digitalrights.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests use a file, not SQLite's shared in-memory database: the browser
    # tests' live server answers from several threads, and threads sharing
    # one in-memory connection can deadlock.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # What the planner counts for reading a page at random, against 1 for
    # the next one. PostgreSQL's default, 4, assumes spinning disks; its
    # manual advises about 1.1 when the data is in memory or on SSDs, as
    # ours is. At 4 the planner read all 5,000 toolkit entries to check a
    # word (17 ms) rather than look it up in the index (1 ms):
    # bench/README.md, make bench-search.
    # And no parallel workers for a page's queries by default: starting them
    # took 30 ms for a query that then read nothing (a phrase in the
    # toolkit), on a site whose queries take a few milliseconds each and
    # whose processes already share the cores.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(
        filter(
            None,
            [
                options.get("options", ""),
                "-c random_page_cost="
                + str(env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)),
                "-c max_parallel_workers_per_gather="
                + str(env.int("DATABASE_PARALLEL_WORKERS", default=0)),
            ],
        )
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis via REDIS_URL.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis keeps one client per process (Django's own backend
            # builds a new one for every call) and gives the rate limits a
            # pipeline: several commands in one round trip.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cdr"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Anonymous page views are kept this long at most; every publish and every
# change to data a page shows clears them sooner (digitalrights.core.cache).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
LIVE_PAGE_CACHE_SECONDS = env.int("LIVE_PAGE_CACHE_SECONDS", default=2)
# zlib's level for answers compressed on the fly (digitalrights.core.compression):
# 3 costs a third of Django's 6 for answers a tenth larger.
GZIP_LEVEL = env.int("GZIP_LEVEL", default=3)

# Background tasks: django-tasks with the database queue and its worker.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): city officials and the secretariat sign in with
# their email address, verified before first use, and a second factor: an
# authenticator app (TOTP) with recovery codes, or a passkey. Failed sign-ins
# are throttled per address and per client (allauth's rate limits, kept in
# the cache). Residents never need an account.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "membership:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# People are named by their address, never by a user name they did not choose.
ACCOUNT_USER_DISPLAY = "digitalrights.membership.selectors.user_display"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins: 10 a minute from one client, 5 in 5 minutes for one
    # address; then the form says to wait.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Staff must have a second factor to use the admin; off by default only in
# development, so that the demo admin opens without an authenticator app.
ADMIN_REQUIRE_SECOND_FACTOR = env.bool(
    "ADMIN_REQUIRE_SECOND_FACTOR", default=PRODUCTION
)
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Cities for Digital Rights"
# Browsers allow passkeys on http://localhost only with this; never in
# production, where the site is served over HTTPS.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION

# Requests one client may make to the JSON API (/api/v1/), then 429.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="600/m")

# Languages: the interface ships in these; editorial content is translated
# with wagtail-localize.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("ca", "Català"),
    ("fr", "Français"),
    ("nl", "Nederlands"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "digitalrights" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
if not PRODUCTION:
    # WhiteNoise expects the folder even when it serves from the apps.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# The largest document an application may carry (evidence, the declaration).
APPLICATION_DOCUMENT_MAX_MB = env.int("APPLICATION_DOCUMENT_MAX_MB", default=10)
# Files only some people may read (applications' documents): never served by
# the web server directly, only through views that check who asks.
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_MAX_AGE = 3600

# Email: SMTP in production (EMAIL_URL), a local outbox folder by default.
_email_url = env.str("EMAIL_URL", default=f"filemail://{VAR_DIR / 'outbox'}")
_email = env.email_url_config(_email_url)
if _email_url.startswith("filemail://"):
    # django-environ drops the leading "/" of an absolute folder
    # (filemail:///srv/outbox); a relative one is taken from the project.
    _parts = urlsplit(_email_url)
    _email["EMAIL_FILE_PATH"] = str(BASE_DIR / (_parts.netloc + _parts.path))
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Cities for Digital Rights <hello@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Cities for Digital Rights"
# Search: Wagtail's database backend (PostgreSQL full-text in production,
# SQLite FTS5 in development) unless SEARCH_URL names an OpenSearch or
# Elasticsearch server, e.g. SEARCH_URL=opensearch2+https://search:9200 with
# the matching client installed (docs/deployment.md).
_search_url = env.str("SEARCH_URL", default="")
if _search_url:
    _engine, _plus, _address = _search_url.partition("+")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{_engine}",
            "URLS": [_address],
            "INDEX": env.str("SEARCH_INDEX", default="digitalrights"),
            "AUTO_UPDATE": True,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "csv", "xlsx", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "avif"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Staff sign in through the same pages as officials, with their second factor.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False

# The official declaration is the source every page links to.
DECLARATION_SOURCE_URL = env.str(
    "DECLARATION_SOURCE_URL",
    default="https://citiesfordigitalrights.org/declaration",
)

# Security: sane in development, strict in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps the covering index of published initiatives without its
    # INCLUDE columns (a PostgreSQL speed-up only); nothing to act on.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "wagtail": {"level": "WARNING"},
    },
}

# Label used in the admin for the secretariat's site.
ADMIN_SITE_HEADER = _("Cities for Digital Rights")
