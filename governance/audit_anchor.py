"""Audit anchors as text: the head's number and digest, to keep somewhere the database is not.

An anchor is a small JSON document::

    {"linkwatch_audit_anchor": 1, "seq": 1234, "digest": "9f...", "taken_at": "2026-..."}

Print it, mail it to the DPO, or write it to write-once storage; ``linkwatch audit verify
--anchor FILE`` later proves nothing up to entry ``seq`` was lost or changed.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from governance.audit import Anchor
from graph_model.errors import InvalidInput

__all__ = ["anchor_text", "read_anchor"]

_FORMAT = "linkwatch_audit_anchor"
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def anchor_text(anchor: Anchor) -> str:
    """The anchor as one line of JSON (with the time it was taken)."""
    return json.dumps(
        {
            _FORMAT: 1,
            "seq": anchor.seq,
            "digest": anchor.digest,
            "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )


def read_anchor(path: Path) -> Anchor:
    """Read an anchor file written by ``linkwatch audit anchor``.

    Raises
    ------
    InvalidInput
        When the file cannot be read or is not an anchor, saying which.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"Cannot read the anchor file {path}: {error.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(
            f"{path} is not an audit anchor (not JSON).",
            hint="Use a file written by `linkwatch audit anchor`.",
        ) from None
    seq = document.get("seq") if isinstance(document, dict) else None
    digest = document.get("digest") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get(_FORMAT) != 1
        or not isinstance(seq, int)
        or isinstance(seq, bool)
        or seq < 0
        or not isinstance(digest, str)
        or not _DIGEST.match(digest)
    ):
        raise InvalidInput(
            f"{path} is not an audit anchor: it needs {_FORMAT}: 1, a whole number seq and a "
            "64-hex-digit digest.",
            hint="Use a file written by `linkwatch audit anchor`.",
        )
    return Anchor(seq, digest)
