"""The catalog's legal basis registry as the pages use it: laws, their articles and the
changes recorded on them."""

from typing import Any

from gateway.clients.base import Answer, Link, read, read_list, send
from gateway.clients.catalog import API, SERVICE, Created


class Article(Answer):
    """An article (or clause) of a law, in force, amended or repealed, its changes latest
    first (each with the places it flagged and the departments asked)."""

    id: int
    law_id: int
    article: str
    clause: str | None = None
    status: str
    changes: list[dict[str, Any]] = []


class Law(Answer):
    """A law, regulation or rule of the registry, with its articles."""

    id: int
    articles: list[Article] = []


async def laws(link: Link, q: str = "") -> list[Law]:
    """Every law with its articles (those matching `q`)."""
    params = {"articles": "true", **({"q": q} if q else {})}
    return await read_list(link, Law, SERVICE, f"{API}/legal/laws", params=params)


async def article(link: Link, article_id: int) -> Article:
    """One article with its changes, the latest first."""
    return await read(link, Article, SERVICE, f"{API}/legal/articles/{article_id}")


async def register_law(link: Link, body: dict[str, Any]) -> Created:
    """Register a law, regulation or rule."""
    return await read(link, Created, SERVICE, f"{API}/legal/laws", method="POST", json=body)


async def register_article(link: Link, law_id: int, body: dict[str, Any]) -> Created:
    """Register an article (or one clause) of a law."""
    return await read(link, Created, SERVICE, f"{API}/legal/laws/{law_id}/articles",
                      method="POST", json=body)


async def record_change(link: Link, article_id: int, body: dict[str, Any]) -> None:
    """Record an amendment or a repeal of an article."""
    await send(link, SERVICE, "POST", f"{API}/legal/articles/{article_id}/changes", json=body)
