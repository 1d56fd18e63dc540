"""What every part's OpenAPI promises about requests: each integer fits PostgreSQL's `integer`
(kit.types.Id, Count, Number) and each body refuses fields it does not know (kit.types.Input)."""

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.openapi.utils import get_openapi

from gateway.config import GatewaySettings
from gateway.main import create_app as gateway_app
from kit.types import INT32_MAX

# The linter's dry run takes any matter document on purpose (the contract's or the stored
# standard's shape) and validates it as a strict MatterStandard itself.
LOOSE_BY_DESIGN = {"POST /api/catalog/v1/lint"}


def specs() -> dict[str, dict[str, Any]]:
    """The OpenAPI of the four services and the gateway's own API."""
    found = {name: importlib.import_module(f"{name}.main").create_app().openapi()
             for name in ("catalog", "intake", "review", "publish")}
    gateway = gateway_app(GatewaySettings())
    found["gateway"] = get_openapi(title="gateway", version="1", routes=gateway.routes)
    return found


SPECS = specs()


def request_schemas(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(operation, where, schema) of every parameter and request body, references followed."""
    components = spec.get("components", {}).get("schemas", {})

    def follow(node: Any, where: str, seen: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, list):
            for item in node:
                yield from follow(item, where, seen)
        elif isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[-1]
                if name not in seen:
                    yield from follow(components[name], name, seen | {name})
                return
            yield where, node
            for key, value in node.items():
                yield from follow(value, f"{where}.{key}", seen)

    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                for where, schema in follow(parameter.get("schema"), parameter["name"], set()):
                    yield name, where, schema
            for where, schema in follow(operation.get("requestBody"), "body", set()):
                yield name, where, schema


@pytest.mark.parametrize("part", sorted(SPECS))
def test_every_integer_a_request_carries_fits_a_32_bit_column(part: str) -> None:
    def fits(schema: dict[str, Any]) -> bool:
        low, high = schema.get("minimum", -(2**63)), schema.get("maximum", 2**63)
        return low >= -INT32_MAX - 1 and high <= INT32_MAX

    unbounded = [f"{operation}: {where}" for operation, where, schema in
                 request_schemas(SPECS[part]) if schema.get("type") == "integer"
                 and not fits(schema)]
    assert not unbounded, "\n".join(unbounded)


@pytest.mark.parametrize("part", sorted(SPECS))
def test_every_request_body_refuses_fields_it_does_not_know(part: str) -> None:
    loose = [f"{operation}: {where}" for operation, where, schema in
             request_schemas(SPECS[part])
             if (schema.get("type") == "object" or "properties" in schema)
             and schema.get("additionalProperties") is not False
             # a map whose keys are a closed list (area → reviewer) refuses any other key
             and "enum" not in schema.get("propertyNames", {})
             and operation not in LOOSE_BY_DESIGN]
    assert not loose, "\n".join(loose)
