"""Settings read once from the environment into one typed object, passed explicitly.

Nothing else in the code reads ``os.environ``: the object is built by ``Settings.from_env``
at the edge (ASGI factory, worker, CLI) and handed down.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Values that are fine on a laptop and fatal in production.
DEV_SECRET = "dev-only-secret-change-me"
DEV_TELEGRAM_WEBHOOK_SECRET = "dev-only-telegram-webhook-secret"
# Telegram's secret_token alphabet (the secret is also a path segment of the webhook URL).
TELEGRAM_SECRET_ALPHABET = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class SettingsError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    app_env: str = "development"  # development | test | production
    database_url: str | None = None
    # pg_control's system identifier of the one PostgreSQL this app may talk to (set by
    # `make run` for its embedded server): a connection to any other instance is refused.
    database_system_identifier: str | None = None
    redis_url: str | None = None
    secret_key: str = DEV_SECRET
    # kid -> PEM private key (RS256). Empty in development: a dev keyring is generated under data_dir.
    jwt_private_keys: dict[str, str] = field(default_factory=dict)
    jwt_active_kid: str | None = None
    jwt_issuer: str = "https://api.quickjob.local"
    jwt_audience: str = "quickjob-app"
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    # Advisers and admins: short access tokens, and a session that ends after a working day
    # however often it is refreshed (backend/people/sessions.py).
    staff_access_token_ttl_seconds: int = 5 * 60
    staff_session_ttl_seconds: int = 10 * 3600
    otp_ttl_seconds: int = 5 * 60
    otp_max_attempts: int = 5
    otp_per_destination_per_hour: int = 5
    otp_per_ip_per_hour: int = 30
    rate_limit_per_minute: int = 120
    public_rate_limit_per_minute: int = 60
    data_dir: Path = PROJECT_ROOT / ".data"
    outbox_dir: Path = PROJECT_ROOT / ".data" / "outbox"
    storage_dir: Path = PROJECT_ROOT / ".data" / "files"
    public_base_url: str = "http://localhost:8000"
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "no-reply@quickjob.local"
    log_level: str = "INFO"
    correction_second_approval_cents: int = 100_000
    # Money safety of the payroll (backend/backoffice/payroll.py, backend/employment): a salary
    # run dated at most this many days after today; an open-ended contract starting more than
    # this many days back, or a run paying more months of one contract than this, waits for a
    # second adviser's approval.
    salary_run_horizon_days: int = 0
    employment_backdate_days: int = 31
    payroll_max_months_per_run: int = 2
    # How often (seconds) a process asks whether an approved rule-set upload changed the rule
    # book (one Redis GET; the database is read only when it did): backend/rulesets/book.py.
    rule_set_check_seconds: float = 2.0
    # The worker's daily work (payroll run, reminders); off where another process owns it.
    periodic_daily_work: bool = True
    # Job processes of the worker (each runs one job at a time on its own event loop and pool),
    # and how much lower their CPU priority is than the API's (nice increment, 0-19).
    worker_processes: int = 2
    worker_nice: int = 19
    # How long (seconds) a job process waits for the CPU to be free of the API's work before
    # it runs its jobs anyway (backend/jobs/cpu_yield.py); 0: it never waits.
    worker_yield_seconds: float = 20.0
    # Telegram channel of the bot. Empty webhook secret: the channel is off (production default).
    telegram_webhook_secret: str = DEV_TELEGRAM_WEBHOOK_SECRET
    telegram_bot_token: str | None = None  # unset: replies go to the file outbox
    telegram_bot_username: str = "QuickJobDevBot"  # for the deep link t.me/<name>?start=CODE
    telegram_api_url: str = "https://api.telegram.org"

    @property
    def is_development(self) -> bool:
        return self.app_env in ("development", "test")

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        app_env = env.get("APP_ENV", "development")
        if app_env not in ("development", "test", "production"):
            raise SettingsError(f"APP_ENV must be development, test or production, not {app_env!r}")
        data_dir = Path(env.get("DATA_DIR", PROJECT_ROOT / ".data"))
        keys_raw = env.get("JWT_PRIVATE_KEYS")
        keys: dict[str, str] = {}
        if keys_raw:
            try:
                keys = json.loads(keys_raw)
            except ValueError as exc:
                raise SettingsError("JWT_PRIVATE_KEYS must be a JSON object {kid: PEM}") from exc
        settings = cls(
            app_env=app_env,
            database_url=env.get("DATABASE_URL") or None,
            database_system_identifier=env.get("DATABASE_SYSTEM_IDENTIFIER") or None,
            redis_url=env.get("REDIS_URL") or None,
            secret_key=env.get("SECRET_KEY", DEV_SECRET),
            jwt_private_keys=keys,
            jwt_active_kid=env.get("JWT_ACTIVE_KID") or None,
            jwt_issuer=env.get("JWT_ISSUER", cls.jwt_issuer),
            jwt_audience=env.get("JWT_AUDIENCE", cls.jwt_audience),
            data_dir=data_dir,
            outbox_dir=Path(env.get("OUTBOX_DIR", data_dir / "outbox")),
            storage_dir=Path(env.get("STORAGE_DIR", data_dir / "files")),
            # Links sent to clients: in development they follow PORT; production sets its
            # public https origin (README, configuration).
            public_base_url=(env.get("PUBLIC_BASE_URL")
                             or f"http://localhost:{env.get('PORT') or '8000'}").rstrip("/"),
            smtp_host=env.get("SMTP_HOST") or None,
            smtp_port=int(env.get("SMTP_PORT", "587")),
            smtp_user=env.get("SMTP_USER") or None,
            smtp_password=env.get("SMTP_PASSWORD") or None,
            smtp_from=env.get("SMTP_FROM", cls.smtp_from),
            log_level=env.get("LOG_LEVEL", "INFO"),
            rate_limit_per_minute=int(env.get("RATE_LIMIT_PER_MINUTE", "120")),
            public_rate_limit_per_minute=int(env.get("PUBLIC_RATE_LIMIT_PER_MINUTE", "60")),
            correction_second_approval_cents=int(
                env.get("CORRECTION_SECOND_APPROVAL_CENTS", "100000")),
            salary_run_horizon_days=int(env.get("SALARY_RUN_HORIZON_DAYS", "0")),
            employment_backdate_days=int(env.get("EMPLOYMENT_BACKDATE_DAYS", "31")),
            payroll_max_months_per_run=int(env.get("PAYROLL_MAX_MONTHS_PER_RUN", "2")),
            rule_set_check_seconds=float(env.get("RULE_SET_CHECK_SECONDS", "2")),
            periodic_daily_work=env.get("PERIODIC_DAILY_WORK", "on").lower() not in ("off", "0", "false"),
            worker_processes=int(env.get("WORKER_PROCESSES", str(cls.worker_processes))),
            worker_nice=int(env.get("WORKER_NICE", str(cls.worker_nice))),
            worker_yield_seconds=float(env.get("WORKER_YIELD_SECONDS",
                                               str(cls.worker_yield_seconds))),
            telegram_webhook_secret=env.get(
                "TELEGRAM_WEBHOOK_SECRET",
                "" if app_env == "production" else DEV_TELEGRAM_WEBHOOK_SECRET),
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_bot_username=env.get("TELEGRAM_BOT_USERNAME", cls.telegram_bot_username),
            telegram_api_url=env.get("TELEGRAM_API_URL", cls.telegram_api_url).rstrip("/"),
        )
        settings.check()
        return settings

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_webhook_secret)

    def check(self) -> None:
        """Production refuses dev secrets and the embedded defaults."""
        secret = self.telegram_webhook_secret
        if secret and (len(secret) > 256 or not set(secret) <= TELEGRAM_SECRET_ALPHABET):
            raise SettingsError("TELEGRAM_WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - "
                                "(at most 256 characters)")
        if (self.salary_run_horizon_days < 0 or self.employment_backdate_days < 0
                or self.payroll_max_months_per_run < 1 or self.rule_set_check_seconds < 0):
            raise SettingsError("SALARY_RUN_HORIZON_DAYS and EMPLOYMENT_BACKDATE_DAYS must be 0 "
                                "or more, PAYROLL_MAX_MONTHS_PER_RUN at least 1, "
                                "RULE_SET_CHECK_SECONDS 0 or more")
        if (self.worker_processes < 1 or not 0 <= self.worker_nice <= 19
                or not 0 <= self.worker_yield_seconds <= 300):
            raise SettingsError("WORKER_PROCESSES must be at least 1, WORKER_NICE 0 to 19 and "
                                "WORKER_YIELD_SECONDS 0 to 300")
        if not self.is_production:
            return
        problems = []
        if secret == DEV_TELEGRAM_WEBHOOK_SECRET or (secret and len(secret) < 32):
            problems.append("TELEGRAM_WEBHOOK_SECRET must be a random value of at least 32 "
                            "characters (or empty: the Telegram channel is off)")
        if self.telegram_bot_token and not secret:
            problems.append("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set")
        if not self.database_url:
            problems.append("DATABASE_URL is required in production")
        if not self.redis_url:
            problems.append("REDIS_URL is required in production")
        if self.secret_key == DEV_SECRET or len(self.secret_key) < 32:
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
        if not self.jwt_private_keys:
            problems.append("JWT_PRIVATE_KEYS must hold the signing keyring")
        if not self.public_base_url.startswith("https://") or "localhost" in self.public_base_url:
            # Every link in a quote, an invoice, an e-mail or a PDF starts with it: a client
            # cannot follow a localhost link (README, "PORT and PUBLIC_BASE_URL").
            problems.append("PUBLIC_BASE_URL must be the public https origin clients reach")
        if self.jwt_active_kid and self.jwt_active_kid not in self.jwt_private_keys:
            problems.append("JWT_ACTIVE_KID is not in JWT_PRIVATE_KEYS")
        if problems:
            raise SettingsError("; ".join(problems))

    def with_urls(self, database_url: str, redis_url: str) -> Settings:
        return replace(self, database_url=database_url, redis_url=redis_url)
