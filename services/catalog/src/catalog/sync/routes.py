"""The provincial catalog system's API (the provincial sync contract), kept exactly."""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import JSONResponse

from catalog.cpsv import service as cpsv
from catalog.sync import service
from catalog.sync.schemas import AnomalyAck, AnomalyIn, BaseCatalogBatch, BatchResult, FeedPage
from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import Id

router = APIRouter(prefix="/api/sync/v1", tags=["provincial sync"])
Province = Annotated[Principal, require("provincial_system")]


@router.post("/base-catalog/batches", response_model=BatchResult)
def push_base_catalog(batch: BaseCatalogBatch, session: SessionDep, _: Province) -> Any:
    """Apply a basic-catalog batch; the same batch_id again returns the first response."""
    return service.push_batch(session=session, batch=batch)


@router.get("/matters", response_model=FeedPage)
def feed(session: SessionDep, _: Province, cursor: str | None = None,
         limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Any:
    """Every publication and cancellation after `cursor`, once, in order."""
    return service.feed_page(session=session, cursor=cursor, limit=limit)


@router.get("/matters/{implementation_code}")
def matter(implementation_code: str, session: SessionDep, _: Province, response: Response,
           version: Annotated[Id | None, Query()] = None,
           if_none_match: Annotated[str | None, Header()] = None,
           accept: Annotated[str | None, Header()] = None) -> Any:
    """The current published matter document (or `?version=N`), with an ETag; as CPSV-AP
    3.2.0 JSON-LD when `Accept` prefers `application/ld+json`, else the contract's JSON."""
    doc = service.published_document(session=session, code=implementation_code, version=version)
    linked = cpsv.prefers_jsonld(accept)
    tag = f'"{doc["implementation_code"]}-v{doc["version"]}{"-ld" if linked else ""}"'
    headers = {"ETag": tag, "Vary": "Accept"}
    if if_none_match == tag:
        return Response(status_code=304, headers=headers)
    if linked:
        return JSONResponse(cpsv.public_service_of(session=session, document=doc),
                            headers=headers, media_type=cpsv.MEDIA_TYPE)
    return JSONResponse(doc, headers=headers)


@router.post("/anomalies", response_model=AnomalyAck, status_code=202)
def anomaly(body: AnomalyIn, session: SessionDep, _: Province) -> Any:
    """Record an anomaly in the owning department's to-do list (idempotent by anomaly_id)."""
    return service.receive_anomaly(session=session, anomaly=body)
