"""The demo zone's registry: every law and article the demo matters cite."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.demo_data import MATTERS
from catalog.legal import service
from catalog.legal.models import Law, LawArticle
from catalog.legal.schemas import ArticleIn, LawIn

NPC = "全国人民代表大会常务委员会"
STATE_COUNCIL = "国务院"
DEMO = "demo"
# Issuer (制定机关) and original date of entry into force of each cited law.
LAWS: dict[str, tuple[str, date | None]] = {
    "中华人民共和国城乡规划法": (NPC, date(2008, 1, 1)),
    "中华人民共和国土地管理法": (NPC, date(1987, 1, 1)),
    "中华人民共和国建筑法": (NPC, date(1998, 3, 1)),
    "城市商品房预售管理办法": ("住房和城乡建设部", date(1995, 1, 1)),
    "建设工程质量管理条例": (STATE_COUNCIL, date(2000, 1, 30)),
    "建设工程勘察设计管理条例": (STATE_COUNCIL, date(2000, 9, 25)),
    "中华人民共和国食品安全法": (NPC, date(2009, 6, 1)),
    "中华人民共和国市场主体登记管理条例": (STATE_COUNCIL, date(2022, 3, 1)),
    "中华人民共和国药品管理法": (NPC, date(1985, 7, 1)),
    "中华人民共和国特种设备安全法": (NPC, date(2014, 1, 1)),
    "中华人民共和国环境影响评价法": (NPC, date(2003, 9, 1)),
    "排污许可管理条例": (STATE_COUNCIL, date(2021, 3, 1)),
    "中华人民共和国固体废物污染环境防治法": (NPC, date(1996, 4, 1)),
    "就业服务与就业管理规定": ("人力资源和社会保障部", date(2008, 1, 1)),
    "失业保险条例": (STATE_COUNCIL, date(1999, 1, 22)),
    "中华人民共和国劳动合同法": (NPC, date(2008, 1, 1)),
    "中华人民共和国劳动法": (NPC, date(1995, 1, 1)),
    "工伤保险条例": (STATE_COUNCIL, date(2004, 1, 1)),
    "医疗机构管理条例": (STATE_COUNCIL, date(1994, 9, 1)),
    "公共场所卫生管理条例": (STATE_COUNCIL, date(1987, 4, 1)),
    "中华人民共和国医师法": (NPC, date(2022, 3, 1)),
    "放射诊疗管理规定": ("国家卫生健康委员会", date(2006, 3, 1)),
    "企业投资项目核准和备案管理条例": (STATE_COUNCIL, date(2017, 2, 1)),
    "中华人民共和国节约能源法": (NPC, date(1998, 1, 1)),
    "湖南省优化经济发展环境规定": ("湖南省人民政府", None),
    "优化营商环境条例": (STATE_COUNCIL, date(2020, 1, 1)),
}


def cited_articles() -> dict[str, dict[str, list[str]]]:
    """law → article → names of the demo matters citing it, in the demo's order."""
    found: dict[str, dict[str, list[str]]] = {}
    for name, _, _, _, law, article, *_ in MATTERS:
        found.setdefault(law, {}).setdefault(article, []).append(name)
    return found


def load_registry(*, session: Session) -> int:
    """Register the demo matters' laws and articles once, through the registry's own service;
    return how many articles were new."""
    added = 0
    for law_name, articles in cited_articles().items():
        law = session.scalars(select(Law).where(col(Law.name) == law_name)).first()
        if law is None:
            issuer, since = LAWS.get(law_name, ("", None))
            law = service.create_law(session=session, actor=DEMO, body=LawIn(
                name=law_name, issuer=issuer or "未登记", effective_date=since))
        known = set(session.scalars(select(col(LawArticle.article))
                                    .where(col(LawArticle.law_id) == law.id)))
        for article, names in articles.items():
            if article in known:
                continue
            service.add_article(session=session, law=law, actor=DEMO, body=ArticleIn(
                article=article, text=f"《{law_name}》{article}：{'、'.join(names)}的设定依据"
                                      "（条文全文以正式公布的文本为准）。"))
            added += 1
    return added
