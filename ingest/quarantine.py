"""The quarantine file: one JSON line per problem, naming file, row, field, value and reason."""

from __future__ import annotations

import json
from pathlib import Path

from graph_model.private_paths import open_private_append
from ingest.rows import Problem

__all__ = ["QuarantineWriter"]


class QuarantineWriter:
    """Appends quarantine entries for one run to a JSONL file (created on first entry).

    Parameters
    ----------
    path
        The file to write.
    run_id
        The load run the entries belong to.
    """

    def __init__(self, path: Path, run_id: str) -> None:
        self.path = path
        self.run_id = run_id
        self.count = 0
        self._handle = None

    def add(
        self, source: str, file: str, row: int, record_id: str, problems: list[Problem]
    ) -> None:
        """Record why one row (or relationship) was not loaded."""
        if self._handle is None:
            self._handle = open_private_append(self.path)  # 0600: rows hold person data
        for problem in problems:
            entry = {
                "run_id": self.run_id,
                "source": source,
                "file": file,
                "row": row,
                "record_id": record_id,
                "field": problem.field,
                "value": problem.value,
                "reason": problem.reason,
            }
            self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        """Flush and close the file."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
