"""Reading a CPSV-AP export without internet: the official context URL maps to the copy here.

`cpsv-ap-3.2.0-context.jsonld` is the official CPSV-AP 3.2.0 JSON-LD context, unchanged from
the SEMIC release (© European Union, CC BY 4.0: https://creativecommons.org/licenses/by/4.0/).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from catalog.cpsv.export import CONTEXT_URL

CONTEXT_FILE = Path(__file__).with_name("cpsv-ap-3.2.0-context.jsonld")


@cache
def official_context() -> dict[str, Any]:
    """The official CPSV-AP 3.2.0 context (the file published by SEMIC, unchanged)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def load_document(url: str) -> dict[str, Any]:
    """A document loader that knows only the official context, and never goes online."""
    if url != CONTEXT_URL:
        raise ValueError(f"no local copy of the remote context {url}")
    return {"@context": official_context()}


def with_local_contexts(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every remote context replaced by what `load_document` returns."""
    contexts = document.get("@context", [])
    contexts = contexts if isinstance(contexts, list) else [contexts]
    local = [load_document(c)["@context"] if isinstance(c, str) else c for c in contexts]
    return {**document, "@context": local}


def to_graph(document: dict[str, Any]) -> Graph:
    """The RDF graph of a JSON-LD export, parsed by rdflib offline."""
    return Graph().parse(data=json.dumps(with_local_contexts(document)), format="json-ld")
