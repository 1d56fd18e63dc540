"""The catalog app: create_app(settings) with its lifespan."""

import httpx
from fastapi import FastAPI

from catalog.config import CatalogSettings
from catalog.excel.routes import router as excel_router
from catalog.forms.routes import router as forms_router
from catalog.layout.routes import router as layout_router
from catalog.legal.routes import router as legal_router
from catalog.lint.routes import router as lint_router
from catalog.matters.events import HANDLERS, PARKED
from catalog.matters.routes import router as matters_router
from catalog.models import audit, inbox, outbox
from catalog.organisation.routes import router as organisation_router
from catalog.pilots.routes import router as pilots_router
from catalog.sync.routes import router as sync_router
from catalog.todo.routes import router as todo_router
from catalog.versions.answer_routes import router as answers_router
from catalog.versions.routes import router as versions_router
from catalog.versions.scheduling import run_scheduler
from kit.app import audit_router, create_part_app, events_router
from kit.dead_letters import dead_letters_router


def create_app(settings: CatalogSettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The catalog service; `transport` reaches the other parts in embedded mode."""
    settings = settings or CatalogSettings()
    return create_part_app(
        name="catalog", settings=settings, outbox=outbox, transport=transport,
        background=[run_scheduler], parked=PARKED,
        routers=[audit_router(audit, "/api/catalog/v1"),
                 matters_router, organisation_router, todo_router, sync_router,
                 events_router(inbox, HANDLERS), versions_router, answers_router, lint_router,
                 pilots_router, excel_router, legal_router, layout_router, forms_router,
                 dead_letters_router(outbox, audit, "/api/catalog/v1")])
