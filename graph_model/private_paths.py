"""Directories and files only the service's own user may read (the store, logs, quarantine).

Person data sits in the Neo4j store and logs under ``LINKWATCH_HOME`` and in quarantine files,
so these are created 0700 (folders) and 0600 (files) whatever the umask. An existing folder
the user chose (``LINKWATCH_HOME`` itself could be any directory) is left as it is; folders
that are Linkwatch's own are tightened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

__all__ = ["PRIVATE_DIR_MODE", "PRIVATE_FILE_MODE", "open_private_append", "private_directory"]

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_directory(path: Path, *, tighten: bool = False) -> Path:
    """Create ``path`` and any missing parents with mode 0700 and return it.

    Parameters
    ----------
    path
        The folder.
    tighten
        Also set an existing ``path`` to 0700 (for folders that are Linkwatch's own).
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        folder.chmod(PRIVATE_DIR_MODE)
    if tighten and not missing:
        path.chmod(PRIVATE_DIR_MODE)
    return path


def open_private_append(path: Path) -> IO[str]:
    """Open ``path`` for appending text, creating it 0600 (and its folder 0700) if new."""
    private_directory(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    return os.fdopen(descriptor, "a", encoding="utf-8")
