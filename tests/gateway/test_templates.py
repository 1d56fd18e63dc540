"""Templates shown with a full standard: the guide and the reviewer's view of the elements."""

from typing import Any

from gateway.standard.layout import Reader
from tests.gateway.standard.documents import LAYOUT, full_standard


class Visitor:
    """An anonymous visitor, as the guide's apply button needs one."""

    signed_in = False

    class principal:  # noqa: N801 — shaped like access.Caller.principal
        @staticmethod
        def has(*roles: str) -> bool:
            return False


def guide_html(document: dict[str, Any]) -> str:
    """The guide's content as publish's contract document would show."""
    from jinja2_fragments import render_block

    from gateway.i18n import translator
    from gateway.page import env, helpers

    _ = translator("zh")
    return render_block(env, "guide.html", "content", {
        "caller": Visitor(), **helpers(_), "guide": document,
        "layout": Reader(LAYOUT)})


def contract(standard: dict[str, Any]) -> dict[str, Any]:
    """The contract document of a standard (catalog.standard.contract_document)."""
    from catalog.standard import contract_document
    return contract_document(standard, version=1, published_at="2027-01-01T00:00:00+00:00")


def test_the_guide_shows_the_richer_elements_and_nothing_of_them_when_absent() -> None:
    page = guide_html(contract(full_standard()))
    for shown in ("第四十四条第一款", "2019-04-23 起施行", "依据：《中华人民共和国城乡规划法》",
                  "用黑色签字笔填写", "即办件", "自受理之日起计算", "专家评审",
                  "最多延长 10 天", "小微企业免收", "审查标准：材料齐全", "支持预约办理",
                  "支持邮寄送达", "临时建设可以使用多久？", "住房和城乡建设局", "0731-88888888",
                  "投诉电话", "2030-12-31"):
        assert shown in page, shown
    bare = {**full_standard(), "special_procedures": [], "faq": [],
            "extension": {"allowed": False, "max_days": None, "legal_basis": []},
            "consultation": {"phone": None, "address": None, "online": None},
            "complaint": {"phone": None, "address": None, "online": None},
            "co_handling_departments": [], "cancel_date": None, "limit_explanation": None}
    page = guide_html(contract(bare))
    for absent in ("特别程序", "常见问题", "延期办理", "咨询与投诉", "联办部门", "取消", "None"):
        assert absent not in page, absent


def test_the_reviewer_sees_the_richer_elements_of_a_stored_standard() -> None:
    from gateway.page import env

    view = env.from_string('{% import "_matter_standard.html" as rv with context %}'
                           '{{ rv.standard(std, ["faq"]) }}')
    page = view.render(lang="zh", window_names={}, std=full_standard(), layout=Reader(LAYOUT))
    for shown in ("第一款", "依据：《湖南省实施", "受理标准：</span>内容完整", "即办件",
                  "专家评审", "小微企业免收", "审查标准", "支持邮寄送达",
                  "临时建设可以使用多久？", "网上咨询", "2030-12-31"):
        assert shown in page, shown
    assert 'id="el-faq-h">常见问题 <span class="badge changed">' in page
