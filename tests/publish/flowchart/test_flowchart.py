"""The flowchart of a guide (public SVG) and the business handbook (staff PDF)."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.conftest import envelope, token
from tests.publish.conftest import HEALTH, VISITOR, Deliver, Publish, matter_document

SVG = "{http://www.w3.org/2000/svg}"
CODE = "11430100707230200T-XK-0001"
STAFF = ["editor", "approver", "clerk", "reviewer", "lead", "supervisor", "admin", "leader",
         "publisher"]
NOT_STAFF = ["public", "applicant", "butler", "guidance", "provincial_system"]
CO_HANDLING = [{"code": HEALTH["code"], "name": HEALTH["name"], "step": "卫生学审查", "limit": 5},
               {"code": "114301007072305005", "name": "生态环境分局", "step": None,
                "limit": None}]
SPECIAL = [{"name": "专家评审", "limit": 10, "legal_basis": []}]
WINDOW = {"code": "planning", "name": "规划建设窗口",
          "address": "长沙市天心区书院南路1号 天心区政务服务中心二楼B区 11—16号窗口",
          "hours": "周一至周五 上午9:00–12:00 下午13:30–17:30（法定节假日除外）",
          "phone": "0731-85899102"}


@pytest.fixture
def joint(publish: Publish) -> None:
    """A matter with co-handling departments, a special procedure and review standards."""
    steps = [{"name": "受理", "actor": "规划建设窗口", "limit": 1},
             {"name": "审查", "actor": "规划许可科", "limit": 8,
              "review_standard": "设计方案符合控制性详细规划和规划条件"},
             {"name": "决定", "actor": "分管局领导", "limit": 1}]
    publish(matter_document(CODE, steps=steps, co_handling_departments=CO_HANDLING,
                            special_procedures=SPECIAL,
                            discretion_benchmarks=[{"circumstance": "材料齐全、符合法定形式",
                                                    "standard": "当场受理"}]))


def texts(svg: str) -> list[str]:
    """Every line of text drawn in the chart."""
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_the_flowchart_draws_each_step_the_parallel_branches_and_the_side_branch(
        client: TestClient, joint: None) -> None:
    answer = client.get(f"/api/publish/v1/guides/{CODE}/flowchart.svg", headers=VISITOR)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(answer.text)
    assert root.get("role") == "img" and root.get("viewBox", "").startswith("0 0 360 ")
    assert "CJK" in (root.get("font-family") or "")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "建设工程规划许可证核发办理流程图"
    assert desc is not None and "受理（规划建设窗口，1 个工作日） → 审查" in (desc.text or "")
    assert "卫生健康局（卫生学审查）5 个工作日" in (desc.text or "")
    assert "特别程序（不计入办理时限）：专家评审10 天" in (desc.text or "")
    drawn = "".join(texts(answer.text))
    for words in ("受理", "规划许可科", "8 个工作日", "决定", "送达", "出具建设工程规划许可证",
                  "并联审批", "卫生健康局", "卫生学审查", "承诺时限内", "特别程序：专家评审",
                  "不计入办理时限"):
        assert words in drawn
    sides = [g for g in root.iter(f"{SVG}g") if g.get("class") == "fc-side"]
    assert len(sides) == 1  # the special procedure, dashed, beside the flow
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "fc-step"]) == 5


def test_a_long_name_wraps_inside_the_phone_width(client: TestClient, publish: Publish) -> None:
    long_actor = "自然资源和规划局建设工程规划许可科（行政审批服务科）审查岗位工作人员" * 2
    publish(matter_document(CODE, steps=[{"name": "受理", "actor": long_actor, "limit": 1}]))
    svg = client.get(f"/api/publish/v1/guides/{CODE}/flowchart.svg", headers=VISITOR).text
    widths = [float(x) for x in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert max(widths) <= 360 - 2 * 16
    assert "".join(texts(svg)).count("审查岗位工作人员") == 2


def test_no_flowchart_for_a_matter_off_the_lists(client: TestClient) -> None:
    answer = client.get("/api/publish/v1/guides/NOPE/flowchart.svg", headers=VISITOR)
    assert answer.status_code == 404


def test_the_guide_carries_the_window_catalog_sent(client: TestClient, deliver: Deliver) -> None:
    event = envelope("matter_version.published", {"operation": "upsert",
                                                  "matter": matter_document(CODE),
                                                  "window": WINDOW})
    assert deliver(event).status_code == 200
    guide = client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR).json()
    assert guide["hall_window"] == WINDOW


def test_an_event_without_the_window_still_publishes(client: TestClient,
                                                     publish: Publish) -> None:
    publish(matter_document(CODE))
    assert client.get(f"/api/publish/v1/guides/{CODE}", headers=VISITOR).json()[
        "hall_window"] is None


@pytest.mark.parametrize("role", STAFF)
def test_staff_read_the_handbook(client: TestClient, joint: None, role: str) -> None:
    answer = client.get(f"/api/publish/v1/guides/{CODE}/handbook.pdf", headers=token(role))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" in answer.headers["content-disposition"]


@pytest.mark.parametrize("role", NOT_STAFF)
def test_the_public_never_reads_the_handbook(client: TestClient, joint: None, role: str) -> None:
    answer = client.get(f"/api/publish/v1/guides/{CODE}/handbook.pdf", headers=token(role))
    assert answer.status_code == 403


def test_the_handbook_holds_the_standard_the_flowchart_and_the_review_standards(
        client: TestClient, joint: None) -> None:
    answer = client.get(f"/api/publish/v1/guides/{CODE}/handbook.pdf", headers=token("clerk"))
    pdf = PdfReader(io.BytesIO(answer.content))
    assert len(pdf.pages) >= 3
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    for words in ("建设工程规划许可证核发", "业务手册", "事项标准", "办理流程图",
                  "设计方案符合控制性详细规划和规划条件", "自由裁量基准", "当场受理",
                  "卫生学审查", "不计入办理时限"):
        assert words in text
    missing = client.get("/api/publish/v1/guides/NOPE/handbook.pdf", headers=token("clerk"))
    assert missing.status_code == 404
