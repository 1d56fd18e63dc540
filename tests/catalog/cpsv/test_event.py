"""Publication tells publish the matter as CPSV-AP JSON-LD too, so publish serves open data
without asking the catalog."""

from fastapi.testclient import TestClient

from tests.builders import outbox_events, publish_new


def test_the_published_event_carries_the_matter_as_json_ld(client: TestClient,
                                                             db_url: str) -> None:
    publish_new(client, "430103-01-9001", name="燃气经营许可证核发")

    payload = next(p for t, d, p in outbox_events(db_url)
                   if t == "matter_version.published" and d == "publish")
    service = payload["jsonld"]["@graph"][0]

    assert payload["jsonld"]["@context"][0].endswith("cpsv-ap.jsonld")
    assert service["@type"] == "PublicService"
    assert service["dct:identifier"] == "430103-01-9001"
    assert service["dct:title"]["@value"] == payload["matter"]["name"] == "燃气经营许可证核发"
