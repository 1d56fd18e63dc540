"""One source of field limits for what events carry: what catalog accepts, review, publish and
intake take (issue 7, point 14); one character more is refused where it enters."""

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from catalog.standard import MatterStandard, contract_document
from intake.schemas import MatterPublished
from kit import limits
from publish.schemas import PublishedEvent
from review.schemas import SubmittedVersion
from tests.builders import PLANNING, standard


def longest(**more: int) -> dict[str, Any]:
    """A standard with every field an event carries as long as kit.limits allows (+ `more`)."""
    def text(field: str, most: int) -> str:
        return "长" * (most + more.get(field, 0))
    steps = [{"name": text("step", limits.STEP_TEXT), "actor": text("step", limits.STEP_TEXT),
              "limit": 1}]
    return standard(
        implementation_code="4" * (limits.CODE + more.get("code", 0)),
        name=text("name", limits.MATTER_NAME), steps=steps,
        department={"code": PLANNING, "name": text("department", limits.DEPARTMENT_NAME)},
        window="w" * (limits.WINDOW_CODE + more.get("window", 0)),
        result={"name": text("result", limits.RESULT_NAME), "type": "证照"})


def payloads(doc: dict[str, Any]) -> list[tuple[type[BaseModel], dict[str, Any]]]:
    """What catalog's events carry for this standard, with each receiver's model."""
    submitted = {"implementation_code": doc["implementation_code"], "version": 1,
                 "name": doc["name"], "window": doc["window"], "department": doc["department"],
                 "standard": doc, "previous_version": None, "submitted_by": "x" * limits.SUBJECT}
    matter = contract_document(doc, version=1, published_at="2026-11-26T08:00:00+00:00")
    published = {"operation": "upsert", "matter": matter}
    return [(SubmittedVersion, submitted), (PublishedEvent, published),
            (MatterPublished, published)]


def test_what_catalog_accepts_at_the_limits_every_receiver_takes() -> None:
    doc = MatterStandard.model_validate(longest()).model_dump(mode="json")
    for model, payload in payloads(doc):
        model.model_validate(payload)  # raises when a receiver is stricter than catalog


@pytest.mark.parametrize("field", ["name", "code", "department", "window", "step", "result"])
def test_one_character_past_a_limit_is_refused_by_catalog(field: str) -> None:
    with pytest.raises(ValidationError):
        MatterStandard.model_validate(longest(**{field: 1}))

