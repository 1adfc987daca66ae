"""Writing the files commands are asked for with ``--out``."""

from __future__ import annotations

from pathlib import Path

from graph_model.error_translation import translating

__all__ = ["write_output"]


def write_output(out: Path, text: str) -> None:
    """Write ``text`` to ``out`` as UTF-8, making its folder if needed.

    Parameters
    ----------
    out
        The file named by ``--out``.
    text
        What to write.

    Raises
    ------
    InvalidInput
        Naming ``--out`` and the reason (no permission, a folder of that name, a full disk)
        when it cannot be written.
    """
    with translating(path=out, role="--out", writing=True):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
