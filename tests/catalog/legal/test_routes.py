"""The legal basis registry, and what an amended or repealed article asks of departments."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from catalog.demo_data import MATTERS as DEMO
from kit.db import Database
from tests.builders import (
    BASIS,
    EDITOR,
    MARKET,
    OTHER_EDITOR,
    conclude,
    publish_new,
    standard,
)
from tests.conftest import token

LEGAL = "/api/catalog/v1/legal"
MATTERS = "/api/catalog/v1/matters"
ADMIN = token("admin", sub="admin")
REVIEWER = token("reviewer", sub="reviewer", group="G1")
PLANNING_LAW = "中华人民共和国城乡规划法"
NEW_TEXT = "在城市、镇规划区内进行建设的，建设单位应当依法申请办理建设工程规划许可证。"


def basis(article: str, clause: str | None = None, law: str = PLANNING_LAW) -> dict[str, Any]:
    return {"law": law, "article": article, "clause": clause, "text": f"{law}{article}的规定。"}


def register(client: TestClient, law: str = PLANNING_LAW, *articles: tuple[str, str | None],
             ) -> dict[str, int]:
    """Register a law and its articles; return article id by "article clause"."""
    created = client.post(f"{LEGAL}/laws", headers=ADMIN, json={
        "name": law, "issuer": "全国人民代表大会常务委员会", "effective_date": "2008-01-01"})
    assert created.status_code == 201, created.text
    ids = {}
    for article, clause in articles:
        added = client.post(f"{LEGAL}/laws/{created.json()['id']}/articles", headers=ADMIN,
                            json={"article": article, "clause": clause,
                                  "text": BASIS[0]["text"]})
        assert added.status_code == 201, added.text
        ids[f"{article}{clause or ''}"] = added.json()["id"]
    return ids


def market_standard(code: str, fee_basis: list[dict[str, Any]]) -> dict[str, Any]:
    own = [basis("第三十五条", law="中华人民共和国食品安全法")]
    doc = standard(code, department={"code": MARKET, "name": "市场监督管理局"},
                   window="industry", name="食品经营许可", legal_basis=own)
    doc["materials"][0]["legal_basis"] = own
    doc["fees"] = [{"name": "工本费", "standard": "不收费", "legal_basis": fee_basis,
                    "waivable": True}]
    return doc


def todo(client: TestClient, who: dict[str, str]) -> dict[str, Any]:
    response = client.get("/api/catalog/v1/todo", headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def audit_actions(db_url: str) -> list[str]:
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        found = [r[0] for r in s.execute(text("SELECT action FROM catalog.audit_entry"))]
    db.dispose()
    return found


def test_registry_is_written_by_administrators_and_read_by_staff(
        client: TestClient, db_url: str) -> None:
    ids = register(client, PLANNING_LAW, ("第四十条", None), ("第四十一条", "第一款"))
    laws = client.get(f"{LEGAL}/laws", headers=REVIEWER).json()
    assert [(law["name"], law["article_count"], law["changed_count"]) for law in laws] == [
        (PLANNING_LAW, 2, 0)]
    law = client.get(f"{LEGAL}/laws/{laws[0]['id']}", headers=EDITOR).json()
    assert [(a["article"], a["clause"], a["status"]) for a in law["articles"]] == [
        ("第四十条", None, "in_force"), ("第四十一条", "第一款", "in_force")]
    assert client.get(f"{LEGAL}/laws", params={"q": "食品"}, headers=EDITOR).json() == []
    # Writing is the administrators'; duplicates, bad input and unknown ids are refused.
    assert client.post(f"{LEGAL}/laws", json={"name": "某法", "issuer": "某机关"},
                       headers=EDITOR).status_code == 403
    assert client.post(f"{LEGAL}/laws", json={"name": PLANNING_LAW, "issuer": "x"},
                       headers=ADMIN).status_code == 409
    assert client.post(f"{LEGAL}/laws/{law['id']}/articles", headers=ADMIN,
                       json={"article": "第四十条", "text": "重复"}).status_code == 409
    assert client.post(f"{LEGAL}/laws", json={"name": "", "issuer": "x"},
                       headers=ADMIN).status_code == 422
    assert client.get(f"{LEGAL}/laws/999", headers=EDITOR).status_code == 404
    assert client.get(f"{LEGAL}/articles/99999999999", headers=EDITOR).status_code == 422
    assert client.get(f"{LEGAL}/laws").status_code == 401
    corrected = client.patch(f"{LEGAL}/articles/{ids['第四十条']}", headers=ADMIN,
                             json={"text": "更正后的条文。"})
    assert corrected.status_code == 200 and corrected.json()["text"] == "更正后的条文。"
    assert corrected.json()["status"] == "in_force"  # a correction is not an amendment
    assert client.patch(f"{LEGAL}/laws/{law['id']}", headers=ADMIN,
                        json={"issuer": "全国人大常委会"}).json()["issuer"] == "全国人大常委会"
    assert {"law.registered", "law_article.registered", "law_article.corrected",
            "law.corrected"} <= set(audit_actions(db_url))


def test_amending_an_article_flags_exactly_the_citing_places_and_opens_one_task_each(
        client: TestClient, db_url: str) -> None:
    ids = register(client, PLANNING_LAW, ("第四十条", None))
    # A: published, cites 第四十条 for the matter and its material.
    publish_new(client, "430103-01-9001")
    # B: a draft citing another article only.
    other = [basis("第四十一条")]
    b = standard("430103-01-9002", legal_basis=other)
    b["materials"][0]["legal_basis"] = other
    assert client.post(MATTERS, json=b, headers=EDITOR).status_code == 201
    # C: another department's draft citing 第四十条 (with a clause) in its fee only.
    c = market_standard("430103-01-9003", [basis("第四十条", "第二款")])
    assert client.post(MATTERS, json=c, headers=OTHER_EDITOR).status_code == 201
    # D: cited 第四十条 in version 1 only; version 2, published, cites 第四十一条.
    publish_new(client, "430103-01-9004")
    client.post(f"{MATTERS}/430103-01-9004/versions", headers=EDITOR)
    d2 = standard("430103-01-9004", legal_basis=other)
    d2["materials"][0]["legal_basis"] = other
    client.put(f"{MATTERS}/430103-01-9004/versions/2", json=d2,
               headers={**EDITOR, "If-Match": "*"})
    client.post(f"{MATTERS}/430103-01-9004/versions/2/submit", headers=EDITOR)
    conclude(client, "430103-01-9004", 2)
    client.post(f"{MATTERS}/430103-01-9004/versions/2/publish", headers=EDITOR)
    assert todo(client, EDITOR)["revisions"] == []

    change = client.post(f"{LEGAL}/articles/{ids['第四十条']}/changes", headers=ADMIN,
                         json={"kind": "amended", "note": "2019 年修正", "new_text": NEW_TEXT})
    assert change.status_code == 201, change.text
    assert (change.json()["flags"], change.json()["tasks"]) == (3, 2)
    assert change.json()["departments"] == sorted(["11430100707230200T", MARKET])
    article = client.get(f"{LEGAL}/articles/{ids['第四十条']}", headers=EDITOR).json()
    assert (article["status"], article["text"]) == ("amended", NEW_TEXT)
    assert article["amended_at"] and article["changes"][0]["old_text"] == BASIS[0]["text"]

    planning = todo(client, EDITOR)["revisions"]
    assert [(t["implementation_code"], t["kind"], t["new_text"]) for t in planning] == [
        ("430103-01-9001", "amended", NEW_TEXT)]
    assert [(f["version"], f["path"]) for f in planning[0]["flags"]] == [
        (1, "legal_basis[0]"), (1, "materials[0].legal_basis[0]")]
    market = todo(client, OTHER_EDITOR)["revisions"]
    assert [(t["implementation_code"], [f["path"] for f in t["flags"]]) for t in market] == [
        ("430103-01-9003", ["fees[0].legal_basis[0]"])]
    assert len(todo(client, ADMIN)["revisions"]) == 2
    assert {"law_article.amended", "revision_task.opened"} <= set(audit_actions(db_url))


def test_a_clause_change_leaves_citations_of_other_clauses_alone(client: TestClient) -> None:
    ids = register(client, PLANNING_LAW, ("第四十条", "第一款"))
    second = [basis("第四十条", "第二款")]
    doc = standard("430103-01-9001", legal_basis=second)
    doc["materials"][0]["legal_basis"] = [basis("第四十条")]  # the whole article
    client.post(MATTERS, json=doc, headers=EDITOR)
    change = client.post(f"{LEGAL}/articles/{ids['第四十条第一款']}/changes", headers=ADMIN,
                         json={"kind": "repealed"})
    assert change.json()["flags"] == 1
    [task] = todo(client, EDITOR)["revisions"]
    assert [f["path"] for f in task["flags"]] == ["materials[0].legal_basis[0]"]


def test_a_submitted_version_quoting_the_new_text_resolves_the_task(client: TestClient) -> None:
    code = "430103-01-9001"
    ids = register(client, PLANNING_LAW, ("第四十条", None))
    publish_new(client, code)
    client.post(f"{LEGAL}/articles/{ids['第四十条']}/changes", headers=ADMIN,
                json={"kind": "amended", "new_text": NEW_TEXT})
    client.post(f"{MATTERS}/{code}/versions", headers=EDITOR)
    # Only the matter's own basis is updated: the material still quotes the old text.
    half = standard(code, legal_basis=[{**BASIS[0], "text": NEW_TEXT}])
    client.put(f"{MATTERS}/{code}/versions/2", json=half, headers={**EDITOR, "If-Match": "*"})
    assert client.post(f"{MATTERS}/{code}/versions/2/submit",
                       headers=EDITOR).status_code == 200
    assert len(todo(client, EDITOR)["revisions"]) == 1
    conclude(client, code, 2, decision="returned")
    revised = standard(code, legal_basis=[{**BASIS[0], "text": NEW_TEXT}])
    revised["materials"][0]["legal_basis"] = revised["legal_basis"]
    client.put(f"{MATTERS}/{code}/versions/2", json=revised,
               headers={**EDITOR, "If-Match": "*"})
    assert client.post(f"{MATTERS}/{code}/versions/2/submit",
                       headers=EDITOR).status_code == 200
    assert todo(client, EDITOR)["revisions"] == []
    [task] = client.get(f"{LEGAL}/revision-tasks", params={"state": "resolved"},
                        headers=EDITOR).json()
    assert (task["resolution"], task["resolved_version"]) == ("revised", 2)
    assert all(f["resolved_at"] for f in task["flags"])


def test_a_repealed_article_must_be_dropped_or_answered(client: TestClient, db_url: str) -> None:
    code = "430103-01-9001"
    ids = register(client, PLANNING_LAW, ("第四十条", None))
    client.post(MATTERS, json=standard(code), headers=EDITOR)
    repeal = f"{LEGAL}/articles/{ids['第四十条']}/changes"
    assert client.post(repeal, headers=ADMIN, json={"kind": "repealed", "new_text": "x"},
                       ).status_code == 422
    assert client.post(repeal, headers=ADMIN, json={"kind": "repealed"}).status_code == 201
    assert client.post(repeal, headers=ADMIN, json={"kind": "amended"}).status_code == 409
    assert client.post(repeal, headers=EDITOR, json={"kind": "repealed"}).status_code == 403
    # Submitting the draft unchanged (it still cites the repealed article) keeps the task.
    assert client.post(f"{MATTERS}/{code}/versions/1/submit",
                       headers=EDITOR).status_code == 200
    [task] = todo(client, EDITOR)["revisions"]
    resolve = f"{LEGAL}/revision-tasks/{task['id']}/resolve"
    assert client.post(resolve, json={"answer": "已另行适用"},
                       headers=OTHER_EDITOR).status_code == 404
    assert client.post(resolve, json={"answer": ""}, headers=EDITOR).status_code == 422
    answered = client.post(resolve, headers=EDITOR,
                           json={"answer": "该条废止后由第四十一条规定，下一版本调整。"})
    assert answered.status_code == 200, answered.text
    assert (answered.json()["state"], answered.json()["resolution"]) == ("resolved",
                                                                         "answered")
    assert todo(client, EDITOR)["revisions"] == []
    assert client.post(resolve, json={"answer": "再次"}, headers=EDITOR).status_code == 409
    assert "revision_task.answered" in audit_actions(db_url)


def test_the_demo_zone_registers_every_law_its_matters_cite(demo_client: TestClient) -> None:
    laws = demo_client.get(f"{LEGAL}/laws", headers=EDITOR).json()
    assert {law["name"] for law in laws} == {spec[4] for spec in DEMO}
    assert sum(law["article_count"] for law in laws) == len({(s[4], s[5]) for s in DEMO})
    assert all(law["issuer"] for law in laws)
