"""Schemathesis generates requests from the OpenAPI schema: no 5xx, no schema violations.

Runs with the analyst's key and a justification (the role that reaches most endpoints), and
separately without a key, against the real Neo4j with the tiny data loaded.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from tests.api.conftest import JUSTIFICATION

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(api_settings, loaded):
    # Its own app: schemathesis runs the app's lifespan itself and keeps it to the end.
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(api_settings))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_generated_requests_get_no_5xx_and_match_the_schema(case, users) -> None:
    case.call_and_validate(
        headers={"X-API-Key": users.keys["analyst"], "X-Justification": JUSTIFICATION},
        checks=[
            not_a_server_error,
            status_code_conformance,
            response_schema_conformance,
            negative_data_rejection,
        ],
    )
