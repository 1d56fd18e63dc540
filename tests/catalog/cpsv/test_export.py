"""CPSV-AP 3.2.0: every demo matter, as the province reads it in JSON-LD, meets the official
SHACL shapes; other Accept values keep the provincial contract's JSON unchanged."""

import json
import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef

from catalog.cpsv.export import CONTEXT_URL
from catalog.cpsv.offline import CONTEXT_FILE, to_graph
from catalog.cpsv.service import prefers_jsonld
from tests.builders import PROVINCE, publish_new
from tests.conftest import ROOT, token

STANDARDS = Path(ROOT) / "tests" / "data" / "cpsv-ap"  # the official files, see README there
SHAPES = STANDARDS / "cpsv-ap-3.2.0-shacl.ttl"
ADMIN = token("admin", sub="admin")
LD = {**PROVINCE, "Accept": "application/ld+json"}
FEED = "/api/sync/v1/matters"
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
DCT = Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    if not SHAPES.exists():
        pytest.fail(f"the official SHACL shapes are missing: {SHAPES}")
    return Graph().parse(SHAPES)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network: reading the JSON-LD must not fetch the context from the internet."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def demo_client(demo_client: TestClient) -> TestClient:
    """The demo zone with the rollout on, so every matter is readable by the province."""
    pilots = demo_client.get("/api/catalog/v1/pilots", headers=ADMIN).json()["departments"]
    assert demo_client.put("/api/catalog/v1/pilots", headers=ADMIN, json={
        "rollout": True, "pilots": [d["code"] for d in pilots if d["is_pilot"]],
    }).status_code == 200
    return demo_client


def violations(graph: Graph, shapes: Graph) -> str:
    conforms, _, text = validate(graph, shacl_graph=shapes, inference="none")
    return "" if conforms else text


def untyped_references(graph: Graph) -> set[str]:
    """IRIs the document points to that it does not type itself."""
    objects = {o for s, p, o in graph if isinstance(o, URIRef) and p != RDF.type}
    return {str(o) for o in objects if (o, RDF.type, None) not in graph}


def test_every_demo_matter_meets_the_official_shapes_and_is_self_contained(
        demo_client: TestClient, shapes: Graph, offline: None) -> None:
    codes = [m["implementation_code"] for m in demo_client.get(
        "/api/catalog/v1/matters", params={"size": 200}, headers=ADMIN).json()["items"]]
    assert len(codes) == 34
    failures = {}
    for code in codes:
        answer = demo_client.get(f"{FEED}/{code}", headers=LD)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/ld+json")
        document = answer.json()
        assert document["@context"][0] == CONTEXT_URL
        graph = to_graph(document)
        if found := violations(graph, shapes):
            failures[code] = found
        assert not untyped_references(graph), (code, untyped_references(graph))
    assert not failures, "\n\n".join(f"{code}:\n{text}" for code, text in failures.items())


def test_the_export_says_what_the_matter_document_says(demo_client: TestClient,
                                                       offline: None) -> None:
    code = "430103-01-0001"
    contract = demo_client.get(f"{FEED}/{code}", headers=PROVINCE).json()
    graph = to_graph(demo_client.get(f"{FEED}/{code}", headers=LD).json())
    service = next(graph.subjects(RDF.type, CPSV.PublicService))
    assert str(graph.value(service, DCT.identifier)) == code
    assert str(graph.value(service, DCT.title)) == contract["name"] == "建设用地规划许可证核发"
    assert str(graph.value(service, CV.processingTime)) == f"P{contract['committed_limit']}D"
    evidence = {str(graph.value(e, DCT.title)) for e in graph.objects(service, CPSV.hasInput)}
    assert evidence == {m["name"] for m in contract["materials"]}
    requirements = [str(graph.value(r, DCT.title))
                    for r in graph.objects(service, CV.holdsRequirement)]
    assert sorted(requirements) == sorted(contract["conditions"])
    authority = graph.value(service, CV.hasCompetentAuthority)
    assert (authority, RDF.type, CV.PublicOrganisation) in graph
    assert str(graph.value(authority, DCT.identifier)) == contract["department"]["code"]
    output = graph.value(service, CPSV.produces)
    assert str(graph.value(output, DCT.title)) == contract["result"]["name"]
    laws = {str(graph.value(r, DCT.title)) for r in graph.objects(service, CV.hasLegalResource)}
    assert "《中华人民共和国城乡规划法》第三十七条" in laws


def test_the_shapes_catch_what_is_not_typed_in_the_document(
        demo_client: TestClient, shapes: Graph, offline: None) -> None:
    """The check can fail: the official example (untyped concepts and location) fails it, and
    so does an export whose authority's location has been taken out."""
    example = json.loads((STANDARDS / "cpsv-ap-3.2.0-example-public-service.jsonld")
                         .read_text(encoding="utf-8"))
    assert "ClassConstraintComponent" in violations(to_graph(example), shapes)
    document = demo_client.get(f"{FEED}/430103-01-0001", headers=LD).json()
    document["@graph"] = [n for n in document["@graph"] if n.get("@type") != "Location"]
    assert "spatial" in violations(to_graph(document), shapes)


def test_the_context_copy_is_the_official_file() -> None:
    official = STANDARDS / "cpsv-ap-3.2.0-context.jsonld"
    assert json.loads(CONTEXT_FILE.read_text("utf-8")) == json.loads(official.read_text("utf-8"))


@pytest.mark.parametrize("accept", [None, "application/json", "*/*", "text/html",
                                    "application/json, application/ld+json",
                                    "application/ld+json;q=0.5, application/json"])
def test_other_accept_values_keep_the_contract_json(client: TestClient, accept: str | None) -> None:
    publish_new(client)
    plain = client.get(f"{FEED}/430103-01-9001", headers=PROVINCE)
    headers = {**PROVINCE, **({"Accept": accept} if accept else {})}
    answer = client.get(f"{FEED}/430103-01-9001", headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.content == plain.content
    assert answer.json()["implementation_code"] == "430103-01-9001"
    assert answer.headers["etag"] == plain.headers["etag"] == '"430103-01-9001-v1"'


def test_json_ld_has_its_own_etag_and_honours_versions(client: TestClient) -> None:
    publish_new(client)
    url = f"{FEED}/430103-01-9001"
    linked = client.get(url, headers=LD)
    assert linked.headers["etag"] == '"430103-01-9001-v1-ld"'
    assert linked.headers["vary"] == "Accept"
    again = client.get(url, headers={**LD, "If-None-Match": linked.headers["etag"]})
    assert again.status_code == 304
    stale = client.get(url, headers={**LD, "If-None-Match": '"430103-01-9001-v1"'})
    assert stale.status_code == 200
    assert client.get(url, params={"version": 1}, headers=LD).status_code == 200
    assert client.get(url, params={"version": 2}, headers=LD).status_code == 404
    assert client.get(f"{FEED}/nope", headers=LD).status_code == 404


def test_accept_header_negotiation() -> None:
    assert prefers_jsonld("application/ld+json")
    assert prefers_jsonld("application/ld+json, */*;q=0.1")
    assert prefers_jsonld("application/ld+json, */*")
    assert prefers_jsonld("application/json;q=0.4, application/ld+json")
    assert not prefers_jsonld(None)
    assert not prefers_jsonld("")
    assert not prefers_jsonld("application/ld+json;q=0")
    assert not prefers_jsonld("application/json, application/ld+json")
    assert not prefers_jsonld("application/ld+json;q=bad")
