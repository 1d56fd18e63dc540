"""A clerk's hand: the downloaded template filled in by header names, and the import API's
steps (upload, wait for the job), for the Excel tests of the catalog and of the pages."""

import time
from io import BytesIO
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.builders import BASIS, EDITOR, PLANNING

EXCEL = "/api/catalog/v1/excel"
MATTERS = "/api/catalog/v1/matters"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = ["填写说明", "事项", "设定依据", "受理条件", "申请材料", "收费", "办理流程", "裁量基准",
          "特别程序", "常见问题", "联办部门", "代码表"]


def clerk_matter(code: str, name: str, changes: dict[tuple[str, int, str], Any] | None = None,
                 ) -> dict[str, list[dict[str, Any]]]:
    """One matter as a clerk types it into the template, sheet by sheet; `changes` sets
    (sheet, row of this matter on that sheet, header) to another value."""
    rows: dict[str, list[dict[str, Any]]] = {
        "事项": [{"实施编码": code, "基本编码": "XK00009100", "事项名称": name,
                "事项类型": "01 行政许可", "行使层级": "3 市级",
                "实施主体统一社会信用代码": PLANNING, "实施主体名称": "自然资源和规划局",
                "办理窗口": "规划建设窗口", "服务对象": "企业法人、自然人", "法定办结时限": 20,
                "承诺办结时限": 5, "时限单位": "工作日", "网上办理": "是", "网办深度": "4 四级",
                "到现场次数": 0, "审批结果名称": f"{name}决定书", "审批结果类型": "批文",
                "生效日期": "2027-01-01", "咨询电话": "0731-85000000"}],
        "设定依据": [{"实施编码": code, "依据序号": 1, "法律法规名称": "中华人民共和国城乡规划法",
                  "条": "第四十条", "条文内容": BASIS[0]["text"], "作为事项设定依据": "是"},
                 {"实施编码": code, "依据序号": 2, "法律法规名称": "湖南省城乡规划条例",
                  "条": "第三十条", "款项": "第二款",
                  "条文内容": "申请人应当提交建设工程设计方案。", "施行日期": "2021-03-01",
                  "作为事项设定依据": "否"}],
        "受理条件": [{"实施编码": code, "条件内容": "已取得建设项目批准文件", "设定依据序号": "1"}],
        "申请材料": [{"实施编码": code, "材料名称": f"{name}申请表", "是否必需": "是",
                  "材料形式": "纸质或电子", "原件份数": 1, "复印件份数": 0,
                  "材料来源": "申请人自备", "设定依据序号": "1"},
                 {"实施编码": code, "材料名称": "建设工程设计方案", "是否必需": "是",
                  "材料形式": "电子", "原件份数": 1, "复印件份数": 0, "材料来源": "申请人自备",
                  "出具单位": "设计单位", "设定依据序号": "1、2"}],
        "收费": [{"实施编码": code, "收费项目名称": "工本费", "收费标准": "不收费",
                "是否可减免": "是", "设定依据序号": 1}],
        "办理流程": [{"实施编码": code, "环节名称": "受理", "办理人员": "规划建设窗口",
                  "环节时限": 1},
                 {"实施编码": code, "环节名称": "审查", "办理人员": "规划科", "环节时限": 3},
                 {"实施编码": code, "环节名称": "决定", "办理人员": "分管局领导", "环节时限": 1}],
        "裁量基准": [{"实施编码": code, "适用情形": "材料齐全、符合法定形式",
                  "裁量标准": "当场受理"}],
    }
    for (sheet, index, header), value in (changes or {}).items():
        rows[sheet][index][header] = value
    return rows


def merged(*matters: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for matter in matters:
        for sheet, rows in matter.items():
            out.setdefault(sheet, []).extend(rows)
    return out


def filled(template: bytes, rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """The template with `rows` appended under the matching headers of each sheet."""
    book = load_workbook(BytesIO(template))
    for sheet, entries in rows.items():
        ws = book[sheet]
        headers = [str(c.value).rstrip("*") for c in ws[1]]
        for entry in entries:
            assert set(entry) <= set(headers), set(entry) - set(headers)
            ws.append([entry.get(h) for h in headers])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def template(client: TestClient, headers: dict[str, str] = EDITOR) -> bytes:
    response = client.get(f"{EXCEL}/template", headers=headers)
    assert response.status_code == 200, response.text
    return response.content


def upload(client: TestClient, content: bytes, name: str = "规划局事项.xlsx",
           headers: dict[str, str] = EDITOR) -> Any:
    return client.post(f"{EXCEL}/imports", files={"file": (name, content, XLSX)},
                       headers=headers)


def finished(client: TestClient, job_id: int, headers: dict[str, str] = EDITOR,
             seconds: float = 60) -> dict[str, Any]:
    """Poll the job until it succeeded or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"{EXCEL}/imports/{job_id}", headers=headers).json()
        if job["state"] in ("succeeded", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"import {job_id} did not finish: {job}")


def imported(client: TestClient, content: bytes, **kwargs: Any) -> dict[str, Any]:
    response = upload(client, content, **kwargs)
    assert response.status_code == 202, response.text
    return finished(client, response.json()["id"])


def version_count(client: TestClient) -> int:
    matters = client.get(MATTERS, headers=EDITOR, params={"size": 200}).json()["items"]
    return sum(m["latest_version"] for m in matters)
