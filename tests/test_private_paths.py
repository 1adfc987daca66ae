"""Person data on disk is for the service's own user only (issue #15, item 7, in part).

The local server's folder (store, logs) and a new LINKWATCH_HOME are 0700, quarantine files
0600, and a pseudonym key file is created 0600, never over an existing file nor through a
planted symlink. These need no database.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_model.errors import InvalidInput
from graph_model.local_server.config import write_config
from graph_model.local_server.layout import ServerLayout
from ingest.quarantine import QuarantineWriter
from ingest.rows import Problem
from linkwatch.private_files import write_private_file


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The laxest umask, so only the code's own modes protect the files."""
    before = os.umask(0)
    yield
    os.umask(before)


def test_a_new_linkwatch_home_and_the_server_folder_are_private(tmp_path: Path, open_umask) -> None:
    home = tmp_path / "fresh" / ".linkwatch"
    layout = ServerLayout(home=home / "neo4j", jar_dir=tmp_path, version="5.26.0", bolt_port=7999)
    write_config(layout)
    assert _mode(home) == 0o700 and _mode(home / "neo4j") == 0o700
    password = layout.create_password()
    assert _mode(layout.password_file) == 0o600 and password.get_secret_value()


def test_an_existing_server_folder_is_tightened_but_a_chosen_home_is_left(
    tmp_path: Path, open_umask
) -> None:
    home = tmp_path / "chosen"
    (home / "neo4j").mkdir(parents=True, mode=0o755)
    home.chmod(0o755)
    write_config(ServerLayout(home=home / "neo4j", jar_dir=tmp_path, version="5.26.0", bolt_port=1))
    assert _mode(home / "neo4j") == 0o700
    assert _mode(home) == 0o755  # LINKWATCH_HOME could be any folder the user named


def test_quarantine_files_are_private(tmp_path: Path, open_umask) -> None:
    path = tmp_path / ".linkwatch" / "quarantine" / "run-1.jsonl"
    writer = QuarantineWriter(path, "run-1")
    writer.add("police", "police.csv", 2, "NOM1", [Problem("family_name", "Smith", "too long")])
    writer.close()
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700 and _mode(path.parent.parent) == 0o700
    assert "Smith" in path.read_text(encoding="utf-8")


def test_a_key_file_is_private_and_never_overwritten_or_followed(
    tmp_path: Path, open_umask
) -> None:
    key = tmp_path / "map.key.json"
    write_private_file(key, '{"Person A": "person:1"}')
    assert _mode(key) == 0o600 and "person:1" in key.read_text(encoding="utf-8")
    with pytest.raises(InvalidInput, match="already exists"):
        write_private_file(key, "{}")
    assert "person:1" in key.read_text(encoding="utf-8")
    planted, link = tmp_path / "planted.txt", tmp_path / "other.key.json"
    link.symlink_to(planted)
    with pytest.raises(InvalidInput):
        write_private_file(link, "{}")
    assert not planted.exists()
