"""Writing the local server's ``neo4j.conf`` (loopback only, sized for a small machine)."""

from __future__ import annotations

from graph_model.local_server.layout import ServerLayout
from graph_model.private_paths import private_directory

__all__ = ["JVM_FLAGS", "render_config", "write_config"]

#: Flags ``bin/neo4j`` passes from 5.x's default ``server.jvm.additional``; we start ``java``
#: ourselves, so we pass them ourselves.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


def render_config(layout: ServerLayout) -> str:
    """Return the text of ``neo4j.conf`` for ``layout``.

    Parameters
    ----------
    layout
        The instance layout.

    Returns
    -------
    str
        Settings: loopback-only Bolt, HTTP off, auth on, memory, timeouts, directories.
    """
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{layout.bolt_port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.heap.initial_size": layout.heap,
        "server.memory.heap.max_size": layout.heap,
        "server.memory.pagecache.size": layout.pagecache,
        "db.transaction.timeout": layout.transaction_timeout,
        "db.lock.acquisition.timeout": "60s",
        "dbms.usage_report.enabled": "false",
        "db.tx_log.rotation.retention_policy": "2 files",
        "server.directories.data": str(layout.data_dir),
        "server.directories.logs": str(layout.logs_dir),
        "server.directories.run": str(layout.run_dir),
        "server.directories.import": str(layout.home / "import"),
        "server.directories.plugins": str(layout.home / "plugins"),
        "server.directories.licenses": str(layout.home / "licenses"),
    }
    lines = ["# Written by `linkwatch neo4j start`; edits are overwritten on the next start."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def write_config(layout: ServerLayout) -> None:
    """Create the instance folders and write ``neo4j.conf``.

    The instance folder (and ``LINKWATCH_HOME``, when it is new) is 0700: the store and logs
    hold person data, so no other user may read them.
    """
    private_directory(layout.home.parent)
    private_directory(layout.home, tighten=True)
    for folder in (
        layout.conf_dir,
        layout.data_dir,
        layout.logs_dir,
        layout.run_dir,
        layout.home / "import",
        layout.home / "plugins",
        layout.home / "licenses",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    (layout.conf_dir / "neo4j.conf").write_text(render_config(layout), encoding="utf-8")
