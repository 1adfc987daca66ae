"""The ego-network statements, one per hop count, come from one template."""

from __future__ import annotations

import pytest

from graph_model.cypher_catalogue import cypher_names
from graph_model.cypher_templates import differences
from queries.cypher_generation import ego_cypher, queries_cypher
from queries.investigation import MAX_EGO_HOPS


def test_the_ego_files_are_what_the_template_makes() -> None:
    found = differences(queries_cypher())
    assert not found, "Run `make cypher` (the files differ from their template):\n" + "\n".join(
        found
    )


def test_there_is_one_ego_statement_per_hop_count_and_no_other() -> None:
    shipped = {n for n in cypher_names("investigation", package="queries") if "/ego_" in n}
    assert shipped == {f"investigation/ego_{hops}" for hops in range(1, MAX_EGO_HOPS + 1)}
    assert "-[rels*1..2]-" in ego_cypher(2).text


@pytest.mark.parametrize("hops", [0, MAX_EGO_HOPS + 1])
def test_a_hop_count_the_query_does_not_accept_is_refused(hops: int) -> None:
    with pytest.raises(ValueError, match=f"hops must be between 1 and {MAX_EGO_HOPS}, not {hops}"):
        ego_cypher(hops)
