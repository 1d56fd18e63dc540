"""Chinese first, English available: the page language from a cookie or Accept-Language."""

from collections.abc import Callable

from fastapi import Request

from gateway.messages import MESSAGES

LANG_COOKIE = "ow_lang"
LANGUAGES = ("zh", "en")


def language(request: Request) -> str:
    """Chinese first: English only when the visitor chose it (or asked for it by `?lang=en`)."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return chosen if chosen in LANGUAGES else "zh"


def translator(lang: str) -> Callable[..., str]:
    """`t(key)`: the message in `lang`, falling back to Chinese, then to the key itself."""

    def t(key: str, **values: object) -> str:
        entry = MESSAGES.get(key)
        text = (entry.get(lang) or entry["zh"]) if entry else key
        return text.format(**values) if values else text

    return t
