"""The texts of the pages: every text used has its English, no catalog entry is left unused,
placeholders agree, and pages render in both languages."""

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from gateway.i18n import KEYWORDS, LOCALE, NP_, translator
from tests.live import embedded_platform

GATEWAY = Path(__file__).resolve().parents[2] / "gateway"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
Key = tuple[str | None, str]


def extracted() -> dict[Key, list[str]]:
    """Every text the code and templates mark, as `make messages` extracts them: where each is."""
    with (GATEWAY / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[Key, list[str]] = {}
    for name, line, text, _, context in extract_from_dir(
            GATEWAY / "src" / "gateway", method_map, options_map,
            keywords={**DEFAULT_KEYWORDS, **KEYWORDS}):
        text = text[0] if isinstance(text, tuple) else text
        found.setdefault((context, text), []).append(f"{name}:{line}")
    return found


def english() -> Catalog:
    with (LOCALE / "en" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def test_every_text_used_has_its_english() -> None:
    catalog = english()
    missing = [f"{text!r} ({', '.join(where)})" for (context, text), where in extracted().items()
               if not (entry := catalog.get(text, context=context)) or not entry.string
               or entry.fuzzy]
    assert not missing, "no English (run `make messages`, then translate):\n" + "\n".join(missing)


def test_no_catalog_entry_is_unused() -> None:
    used = extracted()
    catalog = english()
    unused = [entry.id for entry in catalog if entry.id and (entry.context, entry.id) not in used]
    assert not unused, "in the catalog, used nowhere (run `make messages`):\n" + "\n".join(
        map(str, unused))
    assert not catalog.obsolete, "obsolete (#~) entries: run `make messages`"


def test_placeholders_agree_between_chinese_and_english() -> None:
    differ = [(entry.id, entry.string) for entry in english() if entry.id
              and sorted(PLACEHOLDER.findall(str(entry.id))) != sorted(
                  PLACEHOLDER.findall(str(entry.string)))]
    assert not differ


def test_the_translator_gives_each_entry_its_english() -> None:
    en, zh = translator("en"), translator("zh")
    for entry in english():
        if entry.id:
            text = NP_(entry.context, str(entry.id)) if entry.context else str(entry.id)
            assert en(text) == entry.string
            assert zh(text) == entry.id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of the whole platform (embedded, SQLite, demo data) on a free port."""
    with embedded_platform(tmp_path_factory.mktemp("i18n")) as url, \
            httpx.Client(base_url=url, timeout=10) as client:
        yield client


@pytest.mark.parametrize(("path", "chinese", "english"), [
    ("/sign-in", "用户名", "Username"),
    ("/power-list", "权力清单", "Power list"),
])
def test_a_page_renders_in_both_languages(site: httpx.Client, path: str, chinese: str,
                                          english: str) -> None:
    page = site.get(path)
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assert chinese in page.text and english not in page.text
    page = site.get(path, params={"lang": "en"})
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert english in page.text and chinese not in page.text
    assert "跳到主要内容" not in page.text  # the frame too
