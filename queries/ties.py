"""Kinds of tie between people, as a caller names them: checked against the allow-list.

A caller (the command line's ``--tie``, the API's ``tie=``) may restrict a network, its
triangles, paths or an ego network to some kinds of person-to-person tie, e.g. POLE's
``KNOWS`` only (``associate``). The kinds are the values of
:class:`graph_model.kinds.AssociationKind`; they reach Cypher only as a ``$ties`` list
parameter, never in the text of a query.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_model.errors import InvalidInput
from graph_model.kinds import AssociationKind

__all__ = ["TIE_KINDS", "tie_kinds"]

#: Every kind of person-to-person tie, in declaration order.
TIE_KINDS = tuple(kind.value for kind in AssociationKind)


def tie_kinds(values: Iterable[AssociationKind | str] | None) -> list[str] | None:
    """The kinds of tie asked for, checked and sorted; ``None`` when none were given (all).

    Parameters
    ----------
    values
        Kinds of tie (``AssociationKind`` values, e.g. ``"associate"``), or None / empty.

    Returns
    -------
    list of str or None
        The distinct kinds, sorted; None for "every kind".

    Raises
    ------
    InvalidInput
        For a kind that is not an :class:`~graph_model.kinds.AssociationKind`.

    Examples
    --------
    >>> tie_kinds(["family", "associate", "family"])
    ['associate', 'family']
    >>> tie_kinds(None) is None
    True
    >>> tie_kinds(["KNOWS"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph_model.errors.InvalidInput: unknown kind of tie 'KNOWS'...
    """
    chosen = sorted({str(value) for value in values or ()})
    unknown = [value for value in chosen if value not in TIE_KINDS]
    if unknown:
        raise InvalidInput(
            f"unknown kind of tie {unknown[0]!r}.", hint=f"Use one of {list(TIE_KINDS)}."
        )
    return chosen or None
