"""Settings: defaults, overridden by ``ELEARN_*`` environment variables, then by the
mapping given to ``create_app``.

Development keeps a generated secret key in ``instance/``; production refuses to start
without a strong one, because a guessable key lets anyone forge a session cookie.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULTS: dict[str, Any] = {
    "ENV": "development",  # development | production | testing
    "DATABASE_URL": None,  # default: SQLite under instance/
    "DATABASE_ENGINE": None,  # an engine made already for DATABASE_URL, given in code (tests)
    "REDIS_URL": None,
    "SECRET_KEY": None,
    "BABEL_DEFAULT_LOCALE": "id",
    "LANGUAGES": ["id", "en"],
    "PLUGINS_STRICT": False,  # raise instead of disabling a failing plugin
    "DISABLED_PLUGINS": [],
    "EXTRA_PLUGINS": {},  # {name: module or object}: plugins given in code (tests)
    # How often each app process reads which plugins admins switched off (another
    # process's switch takes effect here within this many seconds).
    "PLUGIN_SWITCH_SECONDS": 5,
    # Failed sign-ins before each further try waits (doubling): an account from one
    # address (up to 15 minutes), an account from anywhere, an address (up to a minute).
    "LOGIN_FREE_TRIES": 5,
    "LOGIN_FREE_TRIES_ACCOUNT": 20,
    "LOGIN_FREE_TRIES_ADDRESS": 50,
    "LOGIN_LIMIT_ADDRESS": "50 per 15 minutes",  # password-reset requests per address
    "PROXY_COUNT": 0,  # proxies in front whose X-Forwarded-For/-Proto are trusted
    "RESET_TOKEN_MAX_AGE": 3600,
    "ACTIVATION_CODE_DAYS": 30,  # how long a printed activation code works
    "ACTIVATION_LIMIT_ADDRESS": "30 per 15 minutes",  # activation tries per address
    # check-in codes one person may try (a 6-digit code rotating every 30 seconds)
    "CHECKIN_LIMIT_USER": "10 per 5 minutes",
    # posts one person may write (ideas, comments, questions, answers, reports)
    "POST_LIMIT_USER": "30 per 10 minutes",
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_USE_TLS": False,
    "MAIL_SENDER": "elearn@localhost",
    # The platform's public address: every absolute link is built from it. Required in
    # production; development and tests use the development server's address.
    "BASE_URL": None,
    "TRUSTED_HOSTS": [],  # more host names production answers to, beside BASE_URL's
    "JP_YEARLY_TARGET": 20,
    "JP_MAX_PER_COURSE": 40,  # the most JP an admin may approve for one course
    "ORGANISATION_NAME": "BKPSDM",
    "ORGANISATION_CODE": "BKPSDM",
    # The certificate's issuer in full, its logo (a PNG or JPEG file) and its signer.
    "ORGANISATION_FULL_NAME": "",  # e.g. "Pemerintah Kota Sawahlunto — BKPSDM"
    "CERTIFICATE_LOGO": "",
    "CERTIFICATE_SIGNER_NAME": "",
    "CERTIFICATE_SIGNER_POSITION": "",
    "CERTIFICATE_SIGNER_NIP": "",
    "MINUTES_PER_JP": 45,
    # {serial} counts from 1 each year; also {year}, {month}, {org} and {course}
    "CERTIFICATE_NUMBER_FORMAT": "{serial:05d}/SERT/{org}/{year}",
    # The largest request body: a zipped course (50 MB) with its form. Larger ones are
    # refused before they are read into memory.
    "MAX_UPLOAD_MB": 60,
    # Jobs (elearn.jobs): tries before a job is failed for admins to see; how long a
    # started job may run before the sweep takes its worker for dead and queues it again;
    # how often `elearn worker` sweeps (due retries, lost jobs, expired attempts).
    "JOBS_MAX_ATTEMPTS": 5,
    "JOBS_LEASE_SECONDS": 900,
    "JOBS_SWEEP_SECONDS": 15,
}

MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """A setting that the platform refuses to run with."""


def _coerce(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        raw = raw.strip()
        if raw.startswith("["):
            return json.loads(raw)
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


# objects, given only in the mapping handed to create_app: never read from the environment
GIVEN_IN_CODE = {"EXTRA_PLUGINS", "DATABASE_ENGINE"}


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Read every known setting from ``ELEARN_<NAME>``."""
    environ = os.environ if environ is None else environ
    settings: dict[str, Any] = {}
    for name, default in DEFAULTS.items():
        raw = None if name in GIVEN_IN_CODE else environ.get(f"ELEARN_{name}")
        if raw is not None:
            settings[name] = _coerce(default, raw)
    return settings


def load(instance_path: Path, overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Merge defaults, environment and overrides; fill in derived settings."""
    settings = dict(DEFAULTS)
    settings.update(from_environment())
    settings.update(overrides or {})
    env = settings["ENV"]
    if env not in {"development", "production", "testing"}:
        raise ConfigError(f"ELEARN_ENV must be development, production or testing, not {env!r}")
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{instance_path / 'elearn.sqlite3'}"
    _check_certificate_format(settings["CERTIFICATE_NUMBER_FORMAT"])
    if settings["MINUTES_PER_JP"] < 1:
        raise ConfigError("ELEARN_MINUTES_PER_JP must be a whole number of minutes, at least 1")
    settings["SECRET_KEY"] = _secret_key(settings["SECRET_KEY"], env, instance_path)
    settings["BASE_URL"] = _base_url(settings["BASE_URL"], env)
    if env == "production":  # a request naming another host is refused (400)
        host = urlsplit(settings["BASE_URL"]).hostname
        settings["TRUSTED_HOSTS"] = [host, *settings["TRUSTED_HOSTS"]]
    else:
        settings["TRUSTED_HOSTS"] = settings["TRUSTED_HOSTS"] or None
    if env == "testing" and "PLUGINS_STRICT" not in (overrides or {}):
        settings["PLUGINS_STRICT"] = True
    given = {**from_environment(), **(overrides or {})}
    if env == "testing" and "PLUGIN_SWITCH_SECONDS" not in given:
        # a periodic read would make a page's statements depend on the clock: tests that
        # count them, or switch plugins across apps, say when reads happen
        settings["PLUGIN_SWITCH_SECONDS"] = 24 * 3600
    settings["TESTING"] = env == "testing"
    settings["SESSION_COOKIE_HTTPONLY"] = True
    settings["SESSION_COOKIE_SAMESITE"] = "Lax"
    settings["SESSION_COOKIE_SECURE"] = env == "production"
    settings["REMEMBER_COOKIE_HTTPONLY"] = True
    settings["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    settings["REMEMBER_COOKIE_SECURE"] = env == "production"
    settings["BABEL_DEFAULT_TIMEZONE"] = "Asia/Jakarta"
    # A form token lives as long as the session it belongs to: a quiz may stay open for
    # hours, and a token that expired after one lost the answers sent with it. Signing
    # out, or any new session, still ends it.
    settings.setdefault("WTF_CSRF_TIME_LIMIT", None)
    return settings


DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"  # tests: http://localhost, as the test client


def _base_url(url: str | None, env: str) -> str:
    if not url:
        if env == "production":
            raise ConfigError(
                "ELEARN_BASE_URL is not set. Production builds every link (reset mails, "
                "certificate QR codes) from it: set it to the platform's public address, "
                "e.g. https://elearn.sawahluntokota.go.id"
            )
        return "http://localhost" if env == "testing" else DEVELOPMENT_BASE_URL
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query:
        raise ConfigError(
            f"ELEARN_BASE_URL must be an http(s) address such as "
            f"https://elearn.sawahluntokota.go.id, not {url!r}"
        )
    return url.rstrip("/")


def certificate_number(pattern: str, **values: Any) -> str:
    return pattern.format(**values)


def _check_certificate_format(pattern: str) -> None:
    try:
        number = certificate_number(pattern, serial=1, year=2026, month=1, org="X", course="c")
    except (KeyError, IndexError, ValueError) as problem:
        raise ConfigError(
            f"ELEARN_CERTIFICATE_NUMBER_FORMAT {pattern!r} cannot be filled in ({problem}); "
            "use {serial}, {year}, {month}, {org} and {course}, e.g. "
            "'{serial:05d}/SERT/{org}/{year}'"
        ) from None
    if "{serial" not in pattern or len(number) > 100:
        raise ConfigError(
            "ELEARN_CERTIFICATE_NUMBER_FORMAT must contain {serial} and stay under 100 "
            "characters, so that every certificate gets its own number"
        )


def _secret_key(key: str | None, env: str, instance_path: Path) -> str:
    if key:
        if env == "production" and (len(key) < MIN_SECRET_LENGTH or len(set(key)) < 10):
            raise ConfigError(
                "ELEARN_SECRET_KEY is too weak for production: use at least "
                f"{MIN_SECRET_LENGTH} random characters, for example the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
            )
        return key
    if env == "production":
        raise ConfigError(
            "ELEARN_SECRET_KEY is not set. Production needs a strong secret key: set "
            "ELEARN_SECRET_KEY to at least 32 random characters."
        )
    if env == "testing":
        return secrets.token_urlsafe(48)
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
