"""Configuration, read from the environment and an optional ``.env`` file.

Read it through :func:`get_settings` (cached); never at import time, so tests and commands
can set the environment first and call ``get_settings.cache_clear()`` to re-read it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["NEO4J_VERSION", "Settings", "get_settings"]

#: The pinned Neo4j release: 5.26 is the LTS line and the last that runs on Java 17.
NEO4J_VERSION = "5.26.30"


class Settings(BaseSettings):
    """Every setting Linkwatch reads, with its environment variable name.

    Leave ``NEO4J_URI`` unset to use the project's own local server (``linkwatch neo4j
    start``); set it to use any other Neo4j 5 server (docker compose, a force's own, Aura).
    """

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    neo4j_uri: str | None = Field(
        default=None, description="Bolt URI of an external server; unset = the local server."
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr | None = Field(
        default=None,
        description="Neo4j password. For the local server it is generated on first start "
        "and kept in LINKWATCH_HOME/neo4j/password unless set here.",
    )
    neo4j_database: str = Field(default="neo4j", description="Database name.")

    linkwatch_home: Path = Field(
        default=Path(".linkwatch"),
        description="Project-local directory for the local server's data, logs and run files.",
    )
    linkwatch_cache_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("linkwatch")),
        description="Where downloaded Neo4j jars are cached, shared by all checkouts.",
    )
    linkwatch_neo4j_version: str = Field(default=NEO4J_VERSION, pattern=r"^5\.26\.\d+$")
    linkwatch_neo4j_bolt_port: int = Field(default=7687, ge=1024, le=65535)
    linkwatch_neo4j_heap: str = Field(default="1g", pattern=r"^\d+[mg]$")
    linkwatch_neo4j_pagecache: str = Field(default="1g", pattern=r"^\d+[mg]$")
    linkwatch_neo4j_transaction_timeout: str = Field(default="120s", pattern=r"^\d+(ms|s|m)$")
    linkwatch_neo4j_start_timeout: float = Field(default=180.0, gt=0)
    linkwatch_connect_timeout: float = Field(
        default=3.0, gt=0, le=8, description="Seconds to wait for Neo4j to answer."
    )

    linkwatch_api_docs: bool = Field(
        default=False, description="Serve /docs and /openapi.json (off unless asked for)."
    )
    linkwatch_api_rate_limit: str = Field(
        default="600/minute",
        pattern=r"^\d+/(second|minute|hour)$",
        description="Requests each API key may make (moving window).",
    )
    linkwatch_api_key_cache_seconds: float = Field(
        default=30.0, ge=0, le=300, description="How long a verified key is remembered."
    )
    linkwatch_api_sign_in_failures: int = Field(
        default=5,
        ge=1,
        le=1_000,
        description="Failed sign-ins a client or key id may make in 15 minutes before each "
        "further failure makes it wait (2 s, doubling).",
    )
    linkwatch_api_sign_in_max_wait: float = Field(
        default=900.0, ge=1, le=86_400, description="Longest wait after failed sign-ins (s)."
    )
    linkwatch_api_query_timeout: float = Field(
        default=30.0, gt=0, le=600, description="Seconds any one API query may run in Neo4j."
    )
    linkwatch_query_timeout: float | None = Field(
        default=None,
        gt=0,
        le=86_400,
        description="Seconds any one read by a CLI command may run in Neo4j; unset = only "
        "the server's own limit (LINKWATCH_NEO4J_TRANSACTION_TIMEOUT for the local server).",
    )
    linkwatch_browser_timeout: float = Field(
        default=60.0,
        gt=0,
        le=600,
        description="Seconds the headless browser may take for each step of a picture "
        "(`export map --png`).",
    )
    linkwatch_audit_key: SecretStr | None = Field(
        default=None,
        description="HMAC key for the audit chain (32+ characters); unset = the key file.",
    )
    linkwatch_audit_key_file: Path | None = Field(
        default=None,
        description="File holding the audit chain's HMAC key, made on first use (0600); "
        "unset = LINKWATCH_HOME/audit.key.",
    )
    linkwatch_oidc_issuer: str | None = Field(
        default=None, description="Accept bearer tokens from this OIDC issuer (off when unset)."
    )
    linkwatch_oidc_audience: str | None = Field(
        default=None, description="The audience (client id) tokens must be issued for."
    )
    linkwatch_oidc_public_key_file: Path | None = Field(
        default=None, description="The issuer's signing key (PEM), for offline validation."
    )
    linkwatch_oidc_role_claim: str = Field(
        default="linkwatch_role", description="The claim holding the Linkwatch role."
    )
    linkwatch_oidc_organisation_claim: str = Field(
        default="organisation", description="The claim holding the user's organisation."
    )
    linkwatch_oidc_max_token_hours: float = Field(
        default=12.0,
        gt=0,
        le=168,
        description="Refuse tokens issued for longer than this (exp - iat), in hours: a "
        "stolen long-lived token stays useful for as long as it lives.",
    )
    linkwatch_api_max_body_bytes: int = Field(
        default=65_536, ge=1_024, le=10_485_760, description="Largest request body accepted."
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _blank_uri_is_unset(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return value.strip()

    @field_validator("neo4j_password", "linkwatch_audit_key")
    @classmethod
    def _blank_secret_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        return value

    @property
    def uses_local_server(self) -> bool:
        """True when no ``NEO4J_URI`` is set, so the project's own server is used."""
        return self.neo4j_uri is None

    @property
    def local_server_home(self) -> Path:
        """Directory holding the local server's conf, data, logs and run files."""
        return self.linkwatch_home.resolve() / "neo4j"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the settings, read once from the environment and ``.env``.

    Returns
    -------
    Settings
        The cached settings object; call ``get_settings.cache_clear()`` to re-read.
    """
    return Settings()
