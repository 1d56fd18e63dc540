"""The responsibility and process lists' content, and when the lists last changed."""

import pytest
from fastapi.testclient import TestClient

from tests.publish.conftest import MARKET, VISITOR, Deliver, Publish, cancelled, matter_document

CONSULTATION = {"phone": "0731-85891504", "address": "政务服务中心二楼市场监督管理局窗口",
                "online": None}
COMPLAINT = {"phone": "12345", "address": "政务服务中心一楼监督投诉窗口",
             "online": "https://www.tianxin.gov.cn/hdjl/"}
FOOD = matter_document("114301007072304006-XK-0001", name="食品经营许可", department=MARKET,
                       window="industry", committed=5, consultation=CONSULTATION,
                       complaint=COMPLAINT)


def listed(client: TestClient, path: str, **params: str) -> dict:
    response = client.get(f"/api/publish/v1/{path}", params=params, headers=VISITOR)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_responsibility_list_gives_each_stage_its_post_and_duty(
        client: TestClient, publish: Publish) -> None:
    publish(FOOD)

    item = listed(client, "responsibility-list")["items"][0]
    duties = [(d["stage"], d["step"], d["actor"]) for d in item["duties"]]

    assert item["department"] == MARKET
    assert duties == [("受理", "受理", "规划建设窗口"), ("审查", "审查", "规划许可科"),
                      ("决定", "决定", "分管局领导"), ("送达", None, "规划建设窗口"),
                      ("事后监管", None, "市场监督管理局")]
    assert "一次性告知" in item["duties"][0]["duty"]
    assert "监督检查" in item["duties"][-1]["duty"]


def test_a_step_that_delivers_is_the_delivery_duty(client: TestClient, publish: Publish) -> None:
    steps = [{"name": "受理", "actor": "产业服务窗口", "limit": 1},
             {"name": "现场核查", "actor": "食品经营科", "limit": 2},
             {"name": "审批", "actor": "分管负责人", "limit": 1},
             {"name": "制证送达", "actor": "产业服务窗口", "limit": 1}]
    publish({**FOOD, "steps": steps})

    duties = listed(client, "responsibility-list")["items"][0]["duties"]

    assert [d["stage"] for d in duties] == ["受理", "审查", "决定", "送达", "事后监管"]
    assert duties[3]["step"] == "制证送达"


def test_the_responsibility_list_states_accountability_and_contacts(
        client: TestClient, publish: Publish) -> None:
    publish(FOOD, matter_document())

    items = listed(client, "responsibility-list", department=MARKET["code"])["items"]
    item = items[0]
    articles = [a["article"] for a in item["accountability"]]

    assert len(items) == 1
    assert articles == ["第七十二条", "第七十三条", "第七十四条", "第七十五条", "第七十六条",
                        "第七十七条"]
    assert {a["law"] for a in item["accountability"]} == {"中华人民共和国行政许可法"}
    assert "对符合法定条件的申请不予受理" in item["accountability"][0]["situations"]
    assert item["consultation"] == CONSULTATION
    assert item["complaint"] == COMPLAINT


def test_a_matter_without_contacts_has_empty_ones(client: TestClient, publish: Publish) -> None:
    publish(matter_document(consultation={"phone": " ", "address": None, "online": None}))

    item = listed(client, "responsibility-list")["items"][0]

    assert item["consultation"] == item["complaint"] == {"phone": None, "address": None,
                                                         "online": None}


def test_the_process_list_gives_steps_posts_and_both_limits(client: TestClient,
                                                            publish: Publish) -> None:
    publish(FOOD)

    item = listed(client, "process-list", matter_type="01")["items"][0]

    assert [(s["name"], s["actor"], s["limit"]) for s in item["steps"]] == [
        ("受理", "规划建设窗口", 1), ("审查", "规划许可科", 3), ("决定", "分管局领导", 1)]
    assert (item["committed_limit"], item["statutory_limit"], item["limit_unit"]) == (
        5, 20, "working_day")


@pytest.mark.parametrize("path", ["power-list", "responsibility-list", "process-list"])
def test_each_list_says_when_it_last_changed(client: TestClient, publish: Publish,
                                             deliver: Deliver, path: str) -> None:
    assert listed(client, path)["last_changed"] is None
    publish(matter_document(version=1), FOOD)
    published = listed(client, path)["last_changed"]
    deliver(cancelled(FOOD["implementation_code"], 1))

    assert published == "2026-11-11T01:30:00Z"
    assert listed(client, path)["last_changed"] == "2026-11-30T02:00:00Z"
