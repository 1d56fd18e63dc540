"""Chinese first, English available: the page language from a cookie or Accept-Language."""

from fastapi import Request

from gateway.messages import MESSAGES

LANG_COOKIE = "ow_lang"
LANGUAGES = ("zh", "en")


def language(request: Request) -> str:
    """The visitor's choice, else their browser's preference when it is English, else Chinese."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "zh"


def translator(lang: str):  # type: ignore[no-untyped-def]
    """`t(key)`: the message in `lang`, falling back to Chinese, then to the key itself."""

    def t(key: str, **values: object) -> str:
        entry = MESSAGES.get(key)
        text = (entry.get(lang) or entry.get("zh")) if entry else key
        return text.format(**values) if values else text  # type: ignore[union-attr]

    return t
