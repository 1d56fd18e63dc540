"""Applying on the pages: who applies, a slot per material, the pre-check, refused files said in
Chinese beside their slot, the case number, and numbers masked except at the window."""

import re

import httpx
import pytest

from tests.gateway.pages.page_text import field
from tests.gateway.pages.test_applications import ENTERPRISE, signed_in

PERSON_MATTER = "/apply/430103-20-0021"  # 就业创业证申领, for persons
ENTERPRISE_MATTER = "/apply/430103-01-0002"  # 建设工程规划许可证核发, for enterprises
PDF = b"%PDF-1.4 demo"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
PERSON = {"kind": "person", "applicant_name": "张三", "id_number": "11010519491231002X",
          "phone": "13812345678"}


@pytest.fixture(scope="module")
def site(work_url: str) -> httpx.Client:
    return httpx.Client(base_url=work_url, timeout=10)


def form_of(client: httpx.Client, path: str) -> dict[str, str]:
    page = client.get(path).text
    return {"csrf_token": field(page, "csrf_token"),
            "idempotency_key": field(page, "idempotency_key")}


def test_the_form_has_a_slot_per_material_with_its_form_and_whether_it_is_required(
        site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise:
        page = enterprise.get(ENTERPRISE_MATTER).text
        slots = re.findall(r'<input id="slot-(\d+)" name="slot-\1" type="file"', page)
        assert len(slots) >= 2 and slots[0] == "0"
        assert "建设工程规划许可申请表" in page and "必需" in page
        assert "接受格式" in page and "PDF / JPEG / PNG / OFD" in page
        assert 'value="enterprise" checked' in page  # the enterprise's account applies for it
        assert 'value="914301035T4L8D200D"' in page


def test_the_pre_check_says_what_is_missing_and_what_is_refused_in_place(
        site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise:
        data = form_of(enterprise, ENTERPRISE_MATTER) | ENTERPRISE
        checked = enterprise.post(f"{ENTERPRISE_MATTER}/precheck", data=data,
                                  headers={"HX-Request": "true"},
                                  files=[("slot-0", ("申请表.pdf", EXE, "application/pdf"))])
        assert checked.status_code == 200
        assert "<html" not in checked.text and 'id="precheck"' in checked.text
        assert "这是可执行程序，不能作为申请材料" in checked.text
        assert "必需材料尚未上传" in checked.text


def test_an_exe_named_pdf_is_refused_beside_its_slot_and_nothing_is_filed(
        site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise:
        before = enterprise.get("/my/applications").text.count('href="/my/applications/')
        data = form_of(enterprise, ENTERPRISE_MATTER) | ENTERPRISE
        refused = enterprise.post(ENTERPRISE_MATTER, data=data,
                                  files=[("slot-0", ("申请表.pdf", PDF, "application/pdf")),
                                         ("slot-1", ("设计方案.pdf", EXE, "application/pdf"))])
        assert refused.status_code == 415
        assert "有文件未通过检查，均未保存" in refused.text
        assert re.search(r'id="slot-1"[^>]*aria-invalid="true"', refused.text)
        assert "设计方案.pdf" in refused.text and "这是可执行程序" in refused.text
        assert "王立" in refused.text  # what was filled in stays
        after = enterprise.get("/my/applications").text.count('href="/my/applications/')
        assert after == before


def test_missing_materials_need_the_confirmation_and_the_clerk_sees_the_flag(
        site: httpx.Client) -> None:
    with signed_in(site, "enterprise") as enterprise, signed_in(site, "clerk") as clerk:
        unconfirmed = ENTERPRISE | {"confirm_incomplete": ""}
        data = form_of(enterprise, ENTERPRISE_MATTER) | unconfirmed
        refused = enterprise.post(ENTERPRISE_MATTER, data=data,
                                  files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])
        assert refused.status_code == 422 and "请勾选下方的确认" in refused.text
        data["confirm_incomplete"] = "1"
        filed = enterprise.post(ENTERPRISE_MATTER, data=data,
                                files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])
        assert filed.status_code == 303
        application = int(filed.headers["location"].split("/")[-1].split("?")[0])
        page = enterprise.get(filed.headers["location"]).text
        number = re.search(r'办件编号 <strong class="case-number">(430103-\d{8}-\d{5})</strong>',
                           page)
        assert number and "查询码" in page and "材料不全" in page
        card = clerk.get("/clerk/applications").text
        assert f'href="/clerk/applications/{application}">{number.group(1)}</a>' in card
        assert re.search(rf'id="app-{application}".*?材料不全', card, re.S)


def test_a_person_is_masked_on_their_pages_and_shown_in_full_only_to_the_clerk(
        site: httpx.Client) -> None:
    with signed_in(site, "applicant") as person, signed_in(site, "clerk") as clerk:
        refused = person.post(ENTERPRISE_MATTER, data=form_of(person, ENTERPRISE_MATTER) | PERSON
                              | {"confirm_incomplete": "1"},
                              files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])
        assert refused.status_code == 403 and "办理对象不包括" in refused.text
        data = form_of(person, PERSON_MATTER) | PERSON | {"confirm_incomplete": "1"}
        filed = person.post(PERSON_MATTER, data=data,
                            files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])
        assert filed.status_code == 303, filed.text
        application = filed.headers["location"].split("/")[-1].split("?")[0]
        mine = person.get(filed.headers["location"]).text
        assert "110***********002X" in mine and "138****5678" in mine
        assert "11010519491231002X" not in mine
        queue = clerk.get("/clerk/applications").text
        assert "11010519491231002X" not in queue
        at_window = clerk.get(f"/clerk/applications/{application}").text
        assert "11010519491231002X" in at_window and "13812345678" in at_window
        wrong = person.post(PERSON_MATTER, data=form_of(person, PERSON_MATTER) | PERSON
                            | {"id_number": "110105194912310021"},
                            files=[("slot-0", ("申请表.pdf", PDF, "application/pdf"))])
        assert wrong.status_code == 422 and "身份证号码有误" in wrong.text
