"""Investigation statements generated from one template: the ego network by hop count.

Cypher takes no parameter for the bounds of a variable-length pattern, so
``investigation/ego_<n>`` exists once for each hop count ``ego_network`` accepts (1 to
``MAX_EGO_HOPS``), all from ``queries/cypher/templates/ego.cypher``. Regenerate with
``make cypher`` (this module: ``python -m queries.cypher_generation``, ``--check`` to compare).
"""

from __future__ import annotations

import sys

from graph_model.cypher_templates import GeneratedCypher, render, run
from queries.investigation import MAX_EGO_HOPS

__all__ = ["ego_cypher", "queries_cypher"]


def ego_cypher(hops: int) -> GeneratedCypher:
    """The ego-network statement to ``hops`` ties from the centre.

    Parameters
    ----------
    hops
        From 1 to ``MAX_EGO_HOPS``.

    Returns
    -------
    GeneratedCypher
        ``investigation/ego_<hops>``.

    Raises
    ------
    ValueError
        If ``hops`` is out of range.
    """
    if not 1 <= hops <= MAX_EGO_HOPS:
        raise ValueError(f"hops must be between 1 and {MAX_EGO_HOPS}, not {hops}")
    return render("queries", "ego", f"investigation/ego_{hops}", hops=hops)


def queries_cypher() -> list[GeneratedCypher]:
    """Every statement of the queries package generated from a template."""
    return [ego_cypher(hops) for hops in range(1, MAX_EGO_HOPS + 1)]


if __name__ == "__main__":
    sys.exit(run(queries_cypher()))
