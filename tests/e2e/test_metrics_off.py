"""Without the operator's metrics token there are no metrics (in a module of its own: the
metrics module's platform keeps running until its module ends, and this test empties the
database its platform runs on)."""

from fastapi.testclient import TestClient

from gateway.config import GatewaySettings
from gateway.main import create_app
from tests.e2e.test_metrics import OPERATOR


def test_without_a_metrics_token_there_are_no_metrics(db_url: str) -> None:
    with TestClient(create_app(GatewaySettings(database_url=db_url))) as client:
        assert client.get("/ops/metrics", headers=OPERATOR).status_code == 404
