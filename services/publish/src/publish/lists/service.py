"""The three lists, a page at a time or whole, and the open-data dump."""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from publish import repository as pages
from publish.lists import repository
from publish.lists.accountability import ACCOUNTABILITY
from publish.lists.duties import contact, duties
from publish.lists.schemas import (
    ListName,
    ListPage,
    PowerListItem,
    ProcessItem,
    ResponsibilityItem,
)
from publish.models import PublicMatter
from publish.schemas import DepartmentRef, ListFilters, Step

Item = PowerListItem | ResponsibilityItem | ProcessItem
# The official CPSV-AP 3.2.0 context and the prefixes catalog's export uses: the dump's context
# when no matter carries one yet.
CONTEXT: list[Any] = [
    "https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/"
    "cpsv-ap.jsonld",
    {"cpsv": "http://purl.org/vocab/cpsv#", "cv": "http://data.europa.eu/m8g/",
     "dct": "http://purl.org/dc/terms/", "eli": "http://data.europa.eu/eli/ontology#",
     "locn": "http://www.w3.org/ns/locn#", "skos": "http://www.w3.org/2004/02/skos/core#",
     "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#"}]


def _department(row: PublicMatter) -> DepartmentRef:
    return DepartmentRef(code=row.department_code, name=row.department_name)


def _steps(row: PublicMatter) -> list[Step]:
    return [Step.model_validate(step) for step in row.document.get("steps", [])]


def power_item(row: PublicMatter) -> PowerListItem:
    """A line of the power list (权力清单)."""
    return PowerListItem(
        implementation_code=row.implementation_code, name=row.name,
        matter_type=row.matter_type, department=_department(row), window=row.window,
        committed_limit=row.committed_limit, statutory_limit=row.statutory_limit,
        limit_unit=row.limit_unit, online=row.online, version=row.version,
        published_at=row.published_at)


def responsibility_item(row: PublicMatter) -> ResponsibilityItem:
    """A line of the responsibility list (责任清单): duties, accountability, contacts."""
    return ResponsibilityItem(
        implementation_code=row.implementation_code, name=row.name,
        matter_type=row.matter_type, department=_department(row), window=row.window,
        duties=duties(steps=_steps(row), department=row.department_name),
        accountability=ACCOUNTABILITY, consultation=contact(row.document.get("consultation")),
        complaint=contact(row.document.get("complaint")), version=row.version)


def process_item(row: PublicMatter) -> ProcessItem:
    """A line of the process list (流程清单): the steps, each with its post and limit."""
    return ProcessItem(
        implementation_code=row.implementation_code, name=row.name,
        matter_type=row.matter_type, department=_department(row), window=row.window,
        steps=_steps(row), committed_limit=row.committed_limit,
        statutory_limit=row.statutory_limit, limit_unit=row.limit_unit, version=row.version)


LINES: dict[str, Callable[[PublicMatter], Item]] = {
    "power-list": power_item, "responsibility-list": responsibility_item,
    "process-list": process_item}


def page(*, session: Session, name: ListName, filters: ListFilters) -> ListPage[Any]:
    """One page of a list, with the date the lists last changed."""
    rows, total = pages.page_of(session=session, filters=filters)
    return ListPage(items=[LINES[name](r) for r in rows], total=total, page=filters.page,
                    size=filters.size, last_changed=repository.last_changed(session=session))


def whole(*, session: Session, name: ListName, filters: ListFilters) -> Sequence[Item]:
    """Every line of a list matching `filters` (for a download)."""
    return [LINES[name](r) for r in repository.every(session=session, filters=filters)]


def last_changed(*, session: Session) -> Any:
    """When the lists last changed (None before anything was published)."""
    return repository.last_changed(session=session)


def open_data(*, session: Session) -> dict[str, Any]:
    """The whole catalog as one CPSV-AP JSON-LD document: every current matter's graph, each
    shared node (an authority, a concept, a law) once."""
    documents = repository.linked(session=session)
    nodes: dict[str, Any] = {}
    for document in documents:
        for node in document.get("@graph", []):
            if isinstance(node, dict):
                nodes.setdefault(str(node.get("@id")), node)
    context = next((d["@context"] for d in documents if "@context" in d), CONTEXT)
    return {"@context": context, "@graph": list(nodes.values())}
