"""Configuration, read once from the environment at the edge (CLI and service start)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.texts import nl
from knowledge.errors import VraagwijzerError

TEAMS_SETTINGS_PREFIXES = ("CONNECTIONS__", "CONNECTIONSMAP__", "AGENTAPPLICATION__")
TEAMS_CLIENT_ID = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"
TEAMS_CLIENT_SECRET = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET"
TEAMS_AUTH_TYPE = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__AUTHTYPE"


class SettingsError(VraagwijzerError):
    """A setting has a value we cannot use; the message says what to set."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    model: str | None
    threads: int
    log_level: str
    telegram_token: str | None = None
    telegram_base_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_from: str = "vraagwijzer@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    # The Microsoft 365 Agents SDK reads its own settings (CONNECTIONS__SERVICE_CONNECTION__
    # SETTINGS__CLIENTID, ...); we keep those variables as they are and hand them over.
    teams_env: tuple[tuple[str, str], ...] = ()
    teams_anonymous: bool = False
    retention_days: int = 90
    min_free_mb: int = 100
    # The optional language model (an OpenAI-compatible API); off when no URL or switched off.
    llm: LlmSettings | None = None
    llm_switched_off: bool = False
    # Dutch analysis: Frog processes of the service's own, or `vraagwijzer frog` on this socket.
    frog_processes: int = 1
    frog_socket_setting: Path | None = None

    @property
    def frog_socket(self) -> Path:
        """Where `vraagwijzer frog` listens: VRAAGWIJZER_FROG_SOCKET, or frog.sock in the data folder."""
        return self.frog_socket_setting or self.data_dir / "frog.sock"

    @property
    def frog_service(self) -> Path | None:
        """The Frog service to use: the one named in the settings, or one running for this data folder."""
        if self.frog_socket_setting is not None or self.frog_socket.exists():
            return self.frog_socket
        return None

    @property
    def base_url(self) -> str:
        """Where people reach the web pages; links in mails and login links use it."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def teams_client_id(self) -> str | None:
        return dict(self.teams_env).get(TEAMS_CLIENT_ID)

    @property
    def teams_enabled(self) -> bool:
        return bool(self.teams_client_id) or self.teams_anonymous

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "vraagwijzer.db"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(nl.BAD_SETTING.format(name=name, value=raw, reason="geef een geheel getal")) from None
    if not low <= value <= high:
        raise SettingsError(nl.BAD_SETTING.format(name=name, value=raw, reason=f"kies {low} t/m {high}"))
    return value


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    level = env.get("VRAAGWIJZER_LOG_LEVEL", "WARNING").strip().upper() or "WARNING"
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(
            nl.BAD_SETTING.format(
                name="VRAAGWIJZER_LOG_LEVEL", value=level, reason="kies DEBUG, INFO, WARNING of ERROR"
            )
        )
    return Settings(
        data_dir=Path(env.get("VRAAGWIJZER_DATA_DIR", "").strip() or "./var"),
        model=env.get("VRAAGWIJZER_MODEL", "").strip() or None,
        threads=_int(env, "VRAAGWIJZER_THREADS", min(os.cpu_count() or 1, 4), 1, 64),
        log_level=level,
        telegram_token=env.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
        telegram_base_url=_base_url(env.get("TELEGRAM_BASE_URL", "").strip()),
        telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None,
        telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None,
        host=env.get("VRAAGWIJZER_HOST", "").strip() or "127.0.0.1",
        port=_int(env, "VRAAGWIJZER_PORT", 8000, 1, 65535),
        public_url=_public_url(env.get("VRAAGWIJZER_PUBLIC_URL", "").strip()),
        smtp_host=env.get("VRAAGWIJZER_SMTP_HOST", "").strip() or None,
        smtp_port=_int(env, "VRAAGWIJZER_SMTP_PORT", 587, 1, 65535),
        smtp_from=env.get("VRAAGWIJZER_SMTP_FROM", "").strip() or "vraagwijzer@localhost",
        smtp_user=env.get("VRAAGWIJZER_SMTP_USER", "").strip() or None,
        smtp_password=env.get("VRAAGWIJZER_SMTP_PASSWORD") or None,
        smtp_starttls=not _false(env.get("VRAAGWIJZER_SMTP_STARTTLS", "1")),
        teams_env=_teams_env(env),
        teams_anonymous=_true(env.get("VRAAGWIJZER_TEAMS_ANONYMOUS", "")),
        retention_days=_int(env, "VRAAGWIJZER_RETENTION_DAYS", 90, 1, 3650),
        min_free_mb=_int(env, "VRAAGWIJZER_MIN_FREE_MB", 100, 0, 10_000_000),
        llm=_llm(env),
        llm_switched_off=bool(env.get("VRAAGWIJZER_LLM_URL", "").strip()) and _false(env.get("VRAAGWIJZER_LLM", "on")),
        frog_processes=_int(env, "VRAAGWIJZER_FROG_PROCESSES", 1, 1, 16),
        frog_socket_setting=Path(env["VRAAGWIJZER_FROG_SOCKET"].strip())
        if env.get("VRAAGWIJZER_FROG_SOCKET", "").strip()
        else None,
    )


@dataclass(frozen=True)
class LlmSettings:
    """The organisation's own language model for the optional wording of drafts."""

    url: str
    model: str
    key: str | None
    timeout: float = 20.0


def _llm(env: Mapping[str, str]) -> LlmSettings | None:
    """Off when VRAAGWIJZER_LLM_URL is unset or VRAAGWIJZER_LLM=off (the switch that turns it
    off at once, whatever else is set); otherwise every part checked before starting."""
    url = env.get("VRAAGWIJZER_LLM_URL", "").strip()
    if not url or _false(env.get("VRAAGWIJZER_LLM", "on")):
        return None
    if not url.startswith(("http://", "https://")):
        raise SettingsError(
            nl.BAD_SETTING.format(
                name="VRAAGWIJZER_LLM_URL", value=url, reason="geef de basis-URL van de API, zoals https://host/v1"
            )
        )
    model = env.get("VRAAGWIJZER_LLM_MODEL", "").strip()
    if not model:
        raise SettingsError(nl.LLM_NEEDS_MODEL)
    key = env.get("VRAAGWIJZER_LLM_KEY", "").strip() or None
    key_file = env.get("VRAAGWIJZER_LLM_KEY_FILE", "").strip()
    if key and key_file:
        raise SettingsError(nl.LLM_TWO_KEYS)
    if key_file:
        try:
            key = Path(key_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            raise SettingsError(nl.LLM_KEY_FILE_UNREADABLE.format(path=key_file, reason=reason)) from None
        if not key:
            raise SettingsError(nl.LLM_KEY_FILE_EMPTY.format(path=key_file))
    raw = env.get("VRAAGWIJZER_LLM_TIMEOUT", "").strip()
    try:
        timeout = float(raw.replace(",", ".")) if raw else 20.0
    except ValueError:
        timeout = -1.0
    if not 0.1 <= timeout <= 300:
        raise SettingsError(
            nl.BAD_SETTING.format(name="VRAAGWIJZER_LLM_TIMEOUT", value=raw, reason="geef seconden, 0,1 t/m 300")
        )
    return LlmSettings(url.rstrip("/"), model, key, timeout)


def _true(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "ja", "yes", "on")


def _false(value: str) -> bool:
    return value.strip().lower() in ("0", "false", "nee", "no", "off")


def _teams_env(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The SDK's own variables, checked for the mistakes we can see before starting."""
    found = tuple(sorted((k, v.strip()) for k, v in env.items() if k.startswith(TEAMS_SETTINGS_PREFIXES) and v.strip()))
    settings = dict(found)
    if not settings.get(TEAMS_CLIENT_ID):
        return found
    if _true(env.get("VRAAGWIJZER_TEAMS_ANONYMOUS", "")):
        raise SettingsError(nl.TEAMS_BOTH_MODES)
    auth_type = settings.get(TEAMS_AUTH_TYPE, "ClientSecret").lower()
    if auth_type in ("clientsecret", "client_secret") and not settings.get(TEAMS_CLIENT_SECRET):
        raise SettingsError(
            nl.BAD_SETTING.format(
                name=TEAMS_CLIENT_SECRET, value="", reason="geef het clientgeheim van de botregistratie"
            )
        )
    return found


def _public_url(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise SettingsError(
            nl.BAD_SETTING.format(
                name="VRAAGWIJZER_PUBLIC_URL",
                value=value,
                reason="geef een volledige URL, zoals https://vraagwijzer.example.nl",
            )
        )
    return value.rstrip("/")


def _base_url(value: str) -> str | None:
    if not value:
        return None
    if not value.startswith(("http://", "https://")) or not value.rstrip("/").endswith("/bot"):
        raise SettingsError(
            nl.BAD_SETTING.format(
                name="TELEGRAM_BASE_URL", value=value, reason="geef de volledige URL die eindigt op /bot"
            )
        )
    return value.rstrip("/")
