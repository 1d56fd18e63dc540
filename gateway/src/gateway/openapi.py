"""One OpenAPI document for the whole platform: the gateway's own plus every service's."""

import json
from typing import Any

from fastapi import FastAPI, Request

from gateway.config import SERVICES
from gateway.identity import ANONYMOUS

REF = '"#/components/schemas/'


def merge(own: dict[str, Any], service: str, spec: dict[str, Any]) -> None:
    """Add a service's paths and schemas to `own`, its schema names prefixed by the service."""
    text = json.dumps(spec).replace(REF, f'{REF}{service}.')
    spec = json.loads(text)
    own.setdefault("paths", {}).update(
        {path: ops for path, ops in spec.get("paths", {}).items() if path.startswith("/api/")})
    schemas = own.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        schemas[f"{service}.{name}"] = schema


async def combined(app: FastAPI, request: Request) -> dict[str, Any]:
    """The gateway's OpenAPI with every service's API merged in."""
    own = json.loads(json.dumps(app.openapi()))
    for service in SERVICES:
        response = await request.app.state.upstreams.call(service, "GET", "/openapi.json",
                                                          ANONYMOUS)
        if response.status_code == 200:
            merge(own, service, response.json())
    own["info"]["title"] = "OneWindow API"
    return own


def operations(spec: dict[str, Any]) -> list[dict[str, str]]:
    """(method, path, summary, tag) of every operation, sorted by path."""
    found = []
    for path, ops in sorted(spec.get("paths", {}).items()):
        for method, op in ops.items():
            if isinstance(op, dict) and "responses" in op:
                found.append({"method": method.upper(), "path": path,
                              "summary": op.get("summary") or op.get("description", ""),
                              "tag": (op.get("tags") or [""])[0]})
    return found
