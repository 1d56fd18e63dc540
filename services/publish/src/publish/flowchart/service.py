"""The flowchart and the business handbook (业务手册) of a matter on the lists."""

from sqlalchemy.orm import Session

from kit.errors import NotFound
from publish import repository
from publish.flowchart import handbook
from publish.flowchart.drawing import flowchart as draw


def flowchart(*, session: Session, implementation_code: str) -> str:
    """The current guide's flowchart as SVG; 404 when the matter is not on the lists."""
    return draw(_document(session, implementation_code))


def handbook_pdf(*, session: Session, implementation_code: str) -> bytes:
    """The staff business handbook of the current version, as PDF."""
    row = repository.current(session=session, code=implementation_code)
    if row is None:
        raise NotFound(f"No published matter {implementation_code}.")
    document = {**row.document, "department_name": row.department_name}
    return handbook.render_pdf(document, window=row.hall_window or {},
                               flowchart=draw(row.document))


def _document(session: Session, implementation_code: str) -> dict[str, object]:
    row = repository.current(session=session, code=implementation_code)
    if row is None:
        raise NotFound(f"No published matter {implementation_code}.")
    return row.document
