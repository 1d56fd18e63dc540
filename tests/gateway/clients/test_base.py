"""The clients' shared base: one error for every refusal, answers read into models, and the
lists that rarely change kept a short while."""

import json
from collections.abc import Callable
from dataclasses import replace
from time import monotonic

import httpx
import pytest

from gateway.clients import catalog, intake, review
from gateway.clients.base import KEPT_SECONDS, Link, ServiceError
from gateway.config import GatewaySettings
from gateway.upstream import Upstreams
from kit.auth import Principal
from tests.loops import on_a_thread

EDITOR = Principal(sub="editor", name="editor", roles=("editor",), department="D1")


def upstreams(answer: Callable[[httpx.Request], httpx.Response]) -> Upstreams:
    """Upstreams whose services answer with `answer` (no network, no service apps)."""
    found = Upstreams(GatewaySettings())
    found.client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    return found


def problem(status: int, body: object) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(),
                          headers={"content-type": "application/problem+json"})


def test_a_problem_becomes_one_error_with_status_detail_and_field_errors() -> None:
    link = Link(upstreams(lambda _: problem(422, {
        "title": "Invalid", "detail": "Check the fields.",
        "errors": [{"loc": ["body", "name"], "msg": "Field required"}, "junk"]})), EDITOR)
    with pytest.raises(ServiceError) as refused:
        on_a_thread(catalog.matter(link, "430103-01-0001"))
    assert refused.value.status == 422 and refused.value.detail == "Check the fields."
    assert refused.value.errors == [{"loc": ["body", "name"], "msg": "Field required"}]
    assert refused.value.reason == "Check the fields.；name: Field required"


@pytest.mark.parametrize(("answer", "reason"), [
    (httpx.Response(502, text="Bad Gateway"), "Bad Gateway"),
    (httpx.Response(503), "HTTP 503"),
    (httpx.Response(404, json=["no"]), "['no']"),
    (problem(403, {"title": "Forbidden"}), "Forbidden")])
def test_any_other_refusal_keeps_what_the_service_said(answer: httpx.Response,
                                                       reason: str) -> None:
    assert ServiceError.of(answer).reason == reason


def test_an_answer_is_read_into_the_clients_model_with_its_etag() -> None:
    body = {"version": 2, "state": "draft", "effective_from": "2027-01-01",
            "updated_at": "2026-01-01T00:00:00Z", "updated_by": "editor",
            "implementation_code": "430103-01-0001", "standard": {"name": "许可"},
            "feedback": None, "revision": 3}
    link = Link(upstreams(lambda r: httpx.Response(200, json=body, headers={"ETag": '"3"'})),
                EDITOR)
    version = on_a_thread(catalog.version(link, "430103-01-0001", 2))
    assert (version.version, version.etag, version.standard) == (2, '"3"', {"name": "许可"})
    assert version.revision == 3  # type: ignore[attr-defined]  # passed through to templates


def test_a_path_segment_cannot_reach_another_path() -> None:
    seen: list[str] = []
    link = Link(upstreams(lambda r: seen.append(str(r.url.raw_path, "ascii"))
                          or problem(404, {"detail": "no"})), EDITOR)
    with pytest.raises(ServiceError):
        on_a_thread(catalog.matter(link, "../todo"))
    assert seen == ["/api/catalog/v1/matters/..%2Ftodo"]


def test_departments_windows_and_groups_are_kept_for_callers_with_the_same_roles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(200, json=[{"code": "G1", "name": "审核一组"}])

    shared = upstreams(answer)
    editor = Link(shared, EDITOR)
    other_editor = Link(shared, replace(EDITOR, sub="editor2", department="D2"))
    lead = Link(shared, Principal(sub="lead", name="lead", roles=("lead",)))

    async def read_all() -> None:
        await catalog.windows(editor)
        await catalog.windows(other_editor)  # kept: the same roles
        await catalog.windows(lead)  # other roles ask again
        await review.groups(editor)

    on_a_thread(read_all())
    assert asked == ["/api/catalog/v1/windows", "/api/catalog/v1/windows",
                     "/api/review/v1/groups"]
    later = monotonic() + KEPT_SECONDS + 1
    monkeypatch.setattr("gateway.clients.base.monotonic", lambda: later)
    on_a_thread(catalog.windows(editor))  # a minute later: read again
    assert asked[-1] == "/api/catalog/v1/windows" and len(asked) == 4


def test_a_list_of_applications_carries_the_decision_and_calls_are_counted() -> None:
    row = {"id": 7, "case_number": "430103-20260101-00001", "query_code": "K7M2QX",
           "applicant": {"kind": "person", "name": "张三"},
           "state": "approved", "matter_name": "许可", "submitted_at":
           "2026-01-01T00:00:00Z", "due_date": None,
           "decision": {"decision": "approved", "result_name": "许可证", "opinion": ""}}
    shared = upstreams(lambda r: httpx.Response(200, json=[row]))
    [found] = on_a_thread(intake.applications(Link(shared, EDITOR), limit=20))
    assert found.decision is not None and found.decision.result_name == "许可证"
    assert shared.calls == {"intake": 1}
