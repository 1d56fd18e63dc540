"""The SKOS concepts a CPSV-AP export uses, each typed in the export that references it."""

from typing import Any
from urllib.parse import quote

from catalog.layout.lookup import choice_labels
from catalog.standard import MATTER_TYPES

BASE = "urn:onewindow:concept:"
SECTORS = ("sector", {"power": "行政权力", "20": "公共服务"})
AUDIENCE = ("audience", choice_labels("service_objects"))
MATERIAL_FORMS = ("material-form", {"paper": "纸质材料", "electronic": "电子材料",
                                    "either": "纸质或电子材料"})
CHANNEL_TYPES = ("channel-type", {"online": "网上办理", "onsite": "窗口办理", "post": "邮寄送达"})
CNY = "http://publications.europa.eu/resource/authority/currency/CNY"
SCHEMES = {"sector": "事项领域", "audience": "服务对象", "material-form": "材料形式",
           "channel-type": "办理渠道", "matter-type": "事项类型", "window": "办事窗口",
           "requirement-type": "要求类型", "result-type": "审批结果类型"}


def matter_type_label(code: str) -> str:
    """The Chinese name of a matter type."""
    return MATTER_TYPES.get(code, code)


class Concepts:
    """Adds concepts (and their schemes) to the nodes of one export, each once."""

    def __init__(self, nodes: dict[str, dict[str, Any]]) -> None:
        self.nodes = nodes

    def concept(self, scheme: str, notation: str, label: str) -> str:
        scheme_iri = BASE + scheme
        node = f"{scheme_iri}:{quote(notation, safe='')}"
        self.nodes.setdefault(scheme_iri, {"@id": scheme_iri, "@type": "skos:ConceptScheme",
                                           "skos:prefLabel": {"@value": SCHEMES[scheme],
                                                              "@language": "zh"}})
        self.nodes.setdefault(node, {"@id": node, "@type": "Concept",
                                     "skos:prefLabel": {"@value": label, "@language": "zh"},
                                     "skos:notation": notation,
                                     "skos:inScheme": {"@id": scheme_iri}})
        return node

    def of(self, vocabulary: tuple[str, dict[str, str]], key: str) -> str:
        """A concept of one of the fixed vocabularies above."""
        scheme, labels = vocabulary
        return self.concept(scheme, key, labels[key])

    def matter_type(self, code: str) -> str:
        return self.concept("matter-type", code, matter_type_label(code))

    def window(self, code: str, name: str) -> str:
        return self.concept("window", code, name)

    def requirement_type(self) -> str:
        return self.concept("requirement-type", "acceptance-condition", "受理条件")

    def result_type(self, label: str) -> str:
        return self.concept("result-type", label, label)

    def currency(self) -> str:
        self.nodes.setdefault(CNY, {"@id": CNY, "@type": "Concept", "skos:notation": "CNY",
                                    "skos:prefLabel": {"@value": "人民币", "@language": "zh"}})
        return CNY
