"""A published matter as CPSV-AP 3.2.0 JSON-LD, self-contained.

Every node the public service points to (authority, location, requirements, evidence, costs,
channels, output, legal resources) and every concept it uses (matter type, sector, window,
audience, requirement type, material form, channel type, result type, currency) is typed in
the same `@graph`, so the document validates against the official SHACL shapes on its own.
The official context is referenced by its URL; `CONTEXT_FILE` is the official file, so a
consumer without internet maps that URL to it (see `catalog.cpsv.offline`). Identifiers are
URNs (`urn:onewindow:…`): the platform has no public base address of its own.
"""

import re
from typing import Any
from urllib.parse import quote

from catalog.cpsv.vocabulary import (
    AUDIENCE,
    CHANNEL_TYPES,
    MATERIAL_FORMS,
    SECTORS,
    Concepts,
    matter_type_label,
)
from catalog.layout.lookup import choice_labels

CONTEXT_URL = ("https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/"
               "context/cpsv-ap.jsonld")
PREFIXES = {
    "cpsv": "http://purl.org/vocab/cpsv#", "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/", "eli": "http://data.europa.eu/eli/ontology#",
    "locn": "http://www.w3.org/ns/locn#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPE = "application/ld+json"
BASE = "urn:onewindow:"
CHINESE = "http://publications.europa.eu/resource/authority/language/ZHO"
UNITS = {unit: f"个{label}" for unit, label in choice_labels("limit_unit").items()}
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*元")


def zh(text: str) -> dict[str, str]:
    """A Chinese language-tagged literal."""
    return {"@value": text, "@language": "zh"}


def ref(iri: str) -> dict[str, str]:
    """A reference to another node."""
    return {"@id": iri}


def iri(*parts: str | int) -> str:
    """A URN of the platform; codes are opaque, so each part is percent-encoded."""
    return BASE + ":".join(quote(str(p), safe="") for p in parts)


class Export:
    """The nodes of one matter's graph, keyed by IRI (each node written once)."""

    def __init__(self, document: dict[str, Any], window_name: str) -> None:
        self.doc, self.window_name = document, window_name
        self.service = iri("matter", document["implementation_code"])
        self.nodes: dict[str, dict[str, Any]] = {}
        self.concepts = Concepts(self.nodes)

    def add(self, node_iri: str, node_type: str | list[str], **props: Any) -> str:
        """Write a node (`dct__title` for `dct:title`, empty values left out); its IRI."""
        self.nodes[node_iri] = {"@id": node_iri, "@type": node_type,
                                **{k.replace("__", ":"): v for k, v in props.items()
                                   if v not in (None, [])}}
        return node_iri

    def part(self, kind: str, index: int | str) -> str:
        """The IRI of one part of the matter: a material, a fee, a channel…"""
        return f"{self.service}:{kind}:{index}"


def public_service(document: dict[str, Any], *, window_name: str) -> dict[str, Any]:
    """The CPSV-AP JSON-LD of a contract matter document (a published version)."""
    export = Export(document, window_name)
    doc, add = document, export.add
    authority = _authority(export)
    add(export.service, "PublicService",
        dct__identifier=doc["implementation_code"], dct__title=zh(doc["name"]),
        dct__description=zh(_description(doc, window_name)),
        owl__versionInfo=str(doc["version"]),
        dct__modified={"@value": doc["published_at"], "@type": "xsd:dateTime"}
        if doc.get("published_at") else None,
        dct__type=ref(export.concepts.matter_type(doc["matter_type"])),
        cv__sector=ref(export.concepts.of(SECTORS, "20" if doc["matter_type"] == "20"
                                          else "power")),
        cv__thematicArea=ref(export.concepts.window(doc["window"], window_name)),
        dct__audience=[ref(export.concepts.of(AUDIENCE, o)) for o in doc["service_objects"]],
        dct__language=ref(_language(export)),
        dct__spatial=ref(_location(export)),
        cv__hasCompetentAuthority=ref(authority),
        cv__hasLegalResource=[ref(r) for r in _legal_resources(export)],
        cv__holdsRequirement=[ref(r) for r in _requirements(export)],
        cpsv__hasInput=[ref(e) for e in _evidence(export)],
        cv__hasCost=[ref(c) for c in _costs(export)],
        cv__processingTime={"@value": f"P{doc['committed_limit']}D", "@type": "xsd:duration"},
        cv__hasChannel=[ref(c) for c in _channels(export, authority)],
        cv__contactPoint=[ref(c) for c in _contacts(export)],
        cpsv__produces=ref(_output(export)))
    service = export.nodes.pop(export.service)  # the public service first, then what it uses
    return {"@context": [CONTEXT_URL, PREFIXES], "@graph": [service, *export.nodes.values()]}


def _description(doc: dict[str, Any], window_name: str) -> str:
    unit = UNITS[doc["limit_unit"]]
    return (f"{doc['department']['name']}实施的{matter_type_label(doc['matter_type'])}事项"
            f"“{doc['name']}”，在{window_name}办理；法定办结时限{doc['statutory_limit']}{unit}，"
            f"承诺办结时限{doc['committed_limit']}{unit}。")


def _language(export: Export) -> str:
    return export.add(CHINESE, "LinguisticSystem", skos__prefLabel=zh("中文"))


def _location(export: Export) -> str:
    """The administrative division of the authority: characters 3–8 of a unified social
    credit code are the division code of the body that registered it (GB 32100-2015)."""
    division = export.doc["department"]["code"][2:8]
    return export.add(iri("division", division), "Location", dct__identifier=division,
                      skos__notation=division)


def _authority(export: Export) -> str:
    department = export.doc["department"]
    return export.add(iri("department", department["code"]), ["PublicOrganization",
                                                             "Organization"],
                      dct__identifier=department["code"], skos__prefLabel=zh(department["name"]),
                      dct__spatial=ref(_location(export)))


def _legal_resources(export: Export) -> list[str]:
    """Every provision the matter, its conditions, materials and fees cite, once each."""
    doc = export.doc
    cited = list(doc["legal_basis"])
    for group in ("materials", "fees"):
        cited += [b for row in doc[group] for b in row.get("legal_basis", [])]
    cited += [b for row in doc.get("condition_details", []) for b in row.get("legal_basis", [])]
    found: list[str] = []
    for basis in cited:
        node = iri("law", basis["law"], basis["article"], *filter(None, [basis.get("clause")]))
        if node not in found:
            found.append(export.add(node, "LegalResource",
                                    dct__title=zh(f"《{basis['law']}》{basis['article']}"
                                                  f"{basis.get('clause') or ''}"),
                                    dct__description=zh(basis["text"])))
    return found


def _requirements(export: Export) -> list[str]:
    kind = export.concepts.requirement_type()
    return [export.add(export.part("condition", i), "Requirement",
                       dct__identifier=f"{export.doc['implementation_code']}-condition-{i}",
                       dct__title=zh(text), dct__type=ref(kind))
            for i, text in enumerate(export.doc["conditions"], start=1)]


def _evidence(export: Export) -> list[str]:
    code = export.doc["implementation_code"]
    return [export.add(export.part("material", i), "Evidence",
                       dct__identifier=f"{code}-material-{i}", dct__title=zh(m["name"]),
                       dct__description=zh(_material_text(m)),
                       dct__type=ref(export.concepts.of(MATERIAL_FORMS, m["form"])))
            for i, m in enumerate(export.doc["materials"], start=1)]


def _material_text(material: dict[str, Any]) -> str:
    need = "必要" if material["required"] else "非必要"
    text = f"{need}材料；原件{material['originals']}份，复印件{material['copies']}份"
    return text + (f"；{material['notes']}" if material.get("notes") else "")


def _costs(export: Export) -> list[str]:
    code, found = export.doc["implementation_code"], []
    for i, fee in enumerate(export.doc["fees"], start=1):
        amount = AMOUNT.search(fee["standard"])
        found.append(export.add(
            export.part("fee", i), "Cost", dct__identifier=f"{code}-fee-{i}",
            dct__description=zh(f"{fee['name']}：{fee['standard']}"
                                + ("（可减免）" if fee["waivable"] else "")),
            cv__hasValue={"@value": float(amount[1]), "@type": "xsd:double"} if amount else None,
            cv__currency=ref(export.concepts.currency()) if amount else None))
    return found


def _channels(export: Export, authority: str) -> list[str]:
    doc, code = export.doc, export.doc["implementation_code"]
    channels = doc["channels"]
    described = []
    if channels["online"]:
        described.append(("online", f"网上办理，网办深度{channels.get('online_depth') or '-'}级"))
    reason = f"：{channels['onsite_reason']}" if channels.get("onsite_reason") else ""
    described.append(("onsite", f"{export.window_name}办理，到现场{channels['onsite_visits']}次"
                                + reason))
    if channels.get("delivery_by_post"):
        described.append(("post", "审批结果可邮寄送达"))
    return [export.add(export.part("channel", kind), "Channel",
                       dct__identifier=f"{code}-channel-{kind}", dct__description=zh(text),
                       dct__type=ref(export.concepts.of(CHANNEL_TYPES, kind)),
                       cv__ownedBy=ref(authority))
            for kind, text in described]


def _contacts(export: Export) -> list[str]:
    found = []
    for kind, label in (("consultation", "咨询"), ("complaint", "投诉")):
        contact = export.doc.get(kind) or {}
        if contact.get("phone"):
            found.append(export.add(export.part("contact", kind), "ContactPoint",
                                    cv__telephone=contact["phone"],
                                    dct__description=zh(f"{label}：{contact.get('address') or ''}"
                                                        .rstrip("："))))
    return found


def _output(export: Export) -> str:
    result, code = export.doc["result"], export.doc["implementation_code"]
    return export.add(export.part("result", 1), "Output", dct__identifier=f"{code}-result",
                      dct__title=zh(result["name"]),
                      dct__type=ref(export.concepts.result_type(result["type"])))
