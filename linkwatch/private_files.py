"""Files only the police may read (pseudonym keys): created 0600, never over another file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from graph_model.errors import InvalidInput

__all__ = ["write_private_file"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def write_private_file(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only (0600) and write ``text`` to it.

    The file must not exist yet: an existing file, or a symlink planted where it should go,
    is refused rather than followed or overwritten.

    Raises
    ------
    InvalidInput
        If something already exists at ``path``, or it cannot be created there.
    """
    try:
        descriptor = os.open(path, _FLAGS, 0o600)
    except FileExistsError:
        raise InvalidInput(
            f"{path} already exists; Linkwatch does not overwrite a key file.",
            hint="Move the old one somewhere safe, or choose another --out.",
        ) from None
    except OSError as error:
        reason = "it is a symlink" if error.errno == errno.ELOOP else error.strerror
        raise InvalidInput(f"cannot create {path}: {reason}.") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)  # whatever the umask
        file.write(text)
