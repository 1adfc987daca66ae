"""The one check of a justification, shared by the API's header and the CLI's option.

DPA 2018 s.62 asks every consultation and disclosure to record why it was made. A free-text
"why" invites "none", "test" or "n/a", so a justification must look like the case or incident
reference it names: letters, digits and ``/ - _ .``, with at least one digit, e.g.
``CASE/2026/0042``, ``OP-KESTREL-3`` or ``MARAC/2026/117``.
"""

from __future__ import annotations

import re

__all__ = ["JUSTIFICATION_RULE", "justification_problem"]

#: How a justification must look, in words, for error messages (API and CLI alike).
JUSTIFICATION_RULE = "3-120 letters, digits and / - _ . (at least one digit), e.g. CASE/2026/0042"
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/._-]{2,119}")
_DIGIT = re.compile(r"\d")


def justification_problem(value: str) -> str | None:
    """What is wrong with a justification, or None when it looks like a reference.

    Parameters
    ----------
    value
        The justification as given (header or option value).

    Returns
    -------
    str or None
        A short reason (without the value itself, which may be hostile) or None.

    Examples
    --------
    >>> justification_problem("CASE/2026/0042") is None
    True
    >>> justification_problem("none")
    'has no digit, so it names no case or incident'
    >>> justification_problem("case 42")
    'may hold only letters, digits and / - _ ., 3-120 of them, starting with a letter or digit'
    """
    if not _REFERENCE.fullmatch(value):
        return (
            "may hold only letters, digits and / - _ ., 3-120 of them, "
            "starting with a letter or digit"
        )
    if not _DIGIT.search(value):
        return "has no digit, so it names no case or incident"
    return None
