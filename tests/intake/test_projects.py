"""Projects (私人定制): the enterprise asks for a butler, the butler draws up the list of
matters and files each for the enterprise; both follow the project on one page."""

from typing import Any

from fastapi.testclient import TestClient

from intake.models import audit
from tests.conftest import audit_actions, token
from tests.intake.conftest import (
    API,
    APPLICANT,
    BUTLER,
    CLERK,
    CODE,
    ENTERPRISE_ACCOUNT,
    file_application,
    mandated,
    publish,
)

ADMIN = token("admin", sub="admin")
OTHER_BUTLER = token("butler", sub="butler-li")
SITE = "11430100707230200T4000117005000"
WORKS = "11430100707230200T4000117006000"
PLANT = {"name": "智造产业园二期厂房", "kind": "new_plant", "description": "新建厂房两栋",
         "location": "天心区暮云街道"}


def three_matters(client: TestClient) -> None:
    """Three published matters: the planning permit (5 days), site selection (8), works (7)."""
    publish(client)
    publish(client, implementation_code=SITE, name="建设项目用地预审与选址意见书核发",
            committed_limit=8)
    publish(client, implementation_code=WORKS, name="建设工程规划许可证核发", committed_limit=7)


def requested(client: TestClient) -> dict[str, Any]:
    response = client.post(f"{API}/projects", headers=ENTERPRISE_ACCOUNT, json=PLANT)
    assert response.status_code == 201, response.text
    return dict(response.json())


def add(client: TestClient, project: int, code: str, **more: Any) -> Any:
    return client.post(f"{API}/projects/{project}/items", headers=BUTLER,
                       json={"implementation_code": code} | more)


def test_a_butler_draws_up_three_matters_files_the_first_and_both_follow(
        client: TestClient, db_url: str) -> None:
    three_matters(client)
    mandated(client)
    project = requested(client)
    assert (project["next_step"], project["waiting_on"], project["butler"]) == (
        "assign_butler", None, None)
    url = f"{API}/projects/{project['id']}"
    taken = client.post(f"{url}/take", headers=BUTLER).json()
    assert (taken["butler"], taken["next_step"], taken["waiting_on"]) == (
        "butler-wang", "draw_up", "butler")

    add(client, project["id"], CODE)
    add(client, project["id"], WORKS)
    drawn = add(client, project["id"], SITE, position=0).json()
    assert [i["implementation_code"] for i in drawn["items"]] == [SITE, CODE, WORKS]
    assert [i["done_by_day"] for i in drawn["items"]] == [8, 13, 20]
    assert drawn["total_days"] == 20
    assert drawn["items"][0]["materials"][0] == {"name": "建设用地规划许可申请表", "required": True}
    assert [i["next_step"] for i in drawn["items"]] == ["file", "file", "file"]
    assert [i["waiting_on"] for i in drawn["items"]] == ["butler", None, None]

    first = drawn["items"][0]
    filed = file_application(client, BUTLER, implementation_code=SITE,
                             project_item=str(first["id"]))
    assert filed.status_code == 201, filed.text
    assert filed.json()["agent"] == "butler-wang"
    followed = client.get(url, headers=ENTERPRISE_ACCOUNT).json()
    item = followed["items"][0]
    assert item["application"]["id"] == filed.json()["id"]
    assert (item["state"], item["waiting_on"], item["next_step"]) == (
        "submitted", "window", "accept")
    assert (followed["waiting_on"], followed["next_step"]) == ("window", "accept")
    assert followed["items"][1]["waiting_on"] == "butler"  # the next one may be filed now
    again = file_application(client, BUTLER, implementation_code=SITE,
                             project_item=str(first["id"]))
    assert again.status_code == 409

    client.post(f"{API}/applications/{filed.json()['id']}/accept", headers=CLERK)
    accepted = client.get(url, headers=BUTLER).json()["items"][0]
    assert (accepted["waiting_on"], accepted["next_step"]) == ("department", "decide")
    assert audit_actions(db_url, audit, entity="project", entity_id=str(project["id"])) == [
        "project.requested", "project.assigned", "project.item_added", "project.item_added",
        "project.item_added", "project.item_filed"]


def test_the_list_is_reordered_and_an_unfiled_matter_removed(client: TestClient) -> None:
    three_matters(client)
    project = requested(client)
    client.post(f"{API}/projects/{project['id']}/take", headers=BUTLER)
    ids = [i["id"] for i in [add(client, project["id"], c).json()["items"][-1]
                             for c in (CODE, SITE, WORKS)]]
    url = f"{API}/projects/{project['id']}/items"
    reordered = client.put(url, headers=BUTLER, json={"items": [ids[1], ids[0], ids[2]]})
    assert [i["id"] for i in reordered.json()["items"]] == [ids[1], ids[0], ids[2]]
    assert client.put(url, headers=BUTLER, json={"items": [ids[0]]}).status_code == 422
    assert add(client, project["id"], CODE).status_code == 409  # on the list already
    assert add(client, project["id"], "NO-SUCH-MATTER").status_code == 422
    removed = client.delete(f"{url}/{ids[2]}", headers=BUTLER)
    assert [i["id"] for i in removed.json()["items"]] == [ids[1], ids[0]]
    assert client.delete(f"{url}/{ids[2]}", headers=BUTLER).status_code == 404


def test_filing_a_project_matter_needs_an_active_mandate(client: TestClient) -> None:
    three_matters(client)
    project = requested(client)
    client.post(f"{API}/projects/{project['id']}/take", headers=BUTLER)
    item = add(client, project["id"], CODE).json()["items"][0]
    refused = file_application(client, BUTLER, project_item=str(item["id"]))
    assert refused.status_code == 403
    assert "no mandate" in refused.json()["detail"]
    mismatch = file_application(client, BUTLER, implementation_code=SITE,
                                project_item=str(item["id"]))
    assert mismatch.status_code == 422
    assert client.get(f"{API}/projects/{project['id']}",
                      headers=BUTLER).json()["items"][0]["state"] == "not_filed"


def test_who_may_request_take_assign_draw_up_and_follow(client: TestClient) -> None:
    three_matters(client)
    assert client.post(f"{API}/projects", headers=APPLICANT, json=PLANT).status_code == 403
    assert client.post(f"{API}/projects", headers=BUTLER, json=PLANT).status_code == 403
    assert client.get(f"{API}/projects", headers=CLERK).status_code == 403
    assert client.post(f"{API}/projects", headers=ENTERPRISE_ACCOUNT,
                       json=PLANT | {"kind": "castle"}).status_code == 422
    project = requested(client)
    url = f"{API}/projects/{project['id']}"
    assert client.get(url, headers=APPLICANT).status_code == 404
    assert [p["id"] for p in client.get(f"{API}/projects", headers=OTHER_BUTLER).json()] == [
        project["id"]]  # a request nobody took
    assert add(client, project["id"], CODE).status_code == 403  # not its butler yet
    assert client.post(f"{url}/assign", headers=BUTLER,
                       json={"butler": "butler-wang"}).status_code == 403
    assigned = client.post(f"{url}/assign", headers=ADMIN,
                           json={"butler": "butler-wang", "butler_name": "王管家"})
    assert assigned.json()["butler_name"] == "王管家"
    assert client.post(f"{url}/take", headers=OTHER_BUTLER).status_code == 404
    assert client.get(url, headers=OTHER_BUTLER).status_code == 404
    assert client.get(f"{API}/projects", headers=OTHER_BUTLER).json() == []
    assert client.post(f"{url}/assign", headers=ADMIN,
                       json={"butler": "butler-li"}).status_code == 409
    assert client.post(f"{url}/items", headers=ENTERPRISE_ACCOUNT,
                       json={"implementation_code": CODE}).status_code == 403
    assert client.get(url, headers=ADMIN).status_code == 200
