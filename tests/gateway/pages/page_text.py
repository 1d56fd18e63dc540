"""Reading what a page shows: its text, a field's error, the findings beside a field."""

import html
import re


def field_error(html: str, field: str) -> str:
    """The error message shown under one field of the form."""
    found = re.search(rf'<p class="field-error" id="e-{re.escape(field)}">([^<]*)</p>', html)
    return found[1] if found else ""


def findings_beside(page: str, field: str) -> list[str]:
    """The findings shown beside one field (or row) of the form: 'severity: message'."""
    block = re.search(rf'<ul class="findings" id="l-{re.escape(field)}">(.*?)</ul>', page, re.S)
    items = re.findall(r'<li class="finding (\w+)"><span class="tag">[^<]*</span>\s*([^<]*)</li>',
                       block[1] if block else "")
    return [f"{severity}: {html.unescape(message).strip()}" for severity, message in items]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def field(html: str, name: str) -> str:
    """The value of the first hidden field `name` of a page."""
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no field {name}"
    return found.group(1)
