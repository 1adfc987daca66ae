"""Where the local server's files live, derived from the settings."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from graph_model.private_paths import private_directory
from graph_model.settings import Settings

__all__ = ["ServerLayout"]


@dataclass(frozen=True)
class ServerLayout:
    """Paths and sizes of one local server instance.

    Parameters
    ----------
    home
        The instance directory (conf, data, logs, run, import, plugins live under it).
    jar_dir
        The cached jar closure of the pinned Neo4j version (shared by instances).
    version
        Neo4j version.
    bolt_port
        Loopback port for Bolt.
    heap, pagecache
        Memory sizes such as ``"1g"``.
    transaction_timeout
        Neo4j duration, e.g. ``"120s"``: no transaction runs longer.
    """

    home: Path
    jar_dir: Path
    version: str
    bolt_port: int
    heap: str = "1g"
    pagecache: str = "1g"
    transaction_timeout: str = "120s"

    @classmethod
    def from_settings(cls, settings: Settings) -> ServerLayout:
        """Build the layout the settings describe."""
        version = settings.linkwatch_neo4j_version
        return cls(
            home=settings.local_server_home,
            jar_dir=settings.linkwatch_cache_dir.expanduser().resolve() / f"neo4j-{version}",
            version=version,
            bolt_port=settings.linkwatch_neo4j_bolt_port,
            heap=settings.linkwatch_neo4j_heap,
            pagecache=settings.linkwatch_neo4j_pagecache,
            transaction_timeout=settings.linkwatch_neo4j_transaction_timeout,
        )

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI clients use."""
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def conf_dir(self) -> Path:
        """Directory holding ``neo4j.conf``."""
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        """Directory holding the store and transaction logs."""
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        """Directory holding ``neo4j.log``, ``debug.log`` and the console log."""
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        """Directory holding the pid file."""
        return self.home / "run"

    @property
    def pid_file(self) -> Path:
        """File holding the server's process id while it runs."""
        return self.run_dir / "linkwatch-neo4j.pid"

    @property
    def console_log(self) -> Path:
        """Where the server's stdout and stderr go."""
        return self.logs_dir / "console.log"

    @property
    def password_file(self) -> Path:
        """The generated password of user ``neo4j`` (mode 0600)."""
        return self.home / "password"

    @property
    def lib_dir(self) -> Path:
        """Directory of the jars on the class path."""
        return self.jar_dir / "lib"

    def read_password(self) -> SecretStr | None:
        """Return the stored password, or None if the server was never initialised."""
        if not self.password_file.is_file():
            return None
        return SecretStr(self.password_file.read_text(encoding="utf-8").strip())

    def create_password(self) -> SecretStr:
        """Generate and store a new random password, readable only by this user."""
        private_directory(self.home, tighten=True)
        # hex, never starting with '-': neo4j-admin would read a leading dash as an option
        password = secrets.token_hex(20)
        descriptor = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(password)
        return SecretStr(password)
