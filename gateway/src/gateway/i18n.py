"""Chinese first, English available: page texts through gettext, the language chosen per visitor.

Texts are written in Chinese where they are used, `_("共 %(n)s 项", n=3)` in templates and page
code; Chinese is the source language, so it needs no catalog. The English catalog is
`locale/en/LC_MESSAGES/messages.po` (`make messages` extracts new texts into it), compiled to
`messages.mo` by `make install` and the Docker build; a checkout set up with `uv sync` alone
compiles it on first use, and again whenever the `.po` is newer, so an edited translation is
never shown stale. Templates format every text with `%` (newstyle gettext): write a bare `%` as
`%%`.
"""

import gettext
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

LANG_COOKIE = "ow_lang"
LANGUAGES = ("zh", "en")
SOURCE_LANGUAGE = "zh"
LOCALE = Path(__file__).parent / "locale"
DOMAIN = "messages"
# Beyond Babel's defaults (_, gettext, pgettext, N_…): the marker of a text with a context.
KEYWORDS = {"NP_": ((1, "c"), 2)}


def language(request: Request) -> str:
    """Chinese first: English only when the visitor chose it (or asked for it by `?lang=en`)."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return chosen if chosen in LANGUAGES else SOURCE_LANGUAGE


class Message(str):
    """A text with a gettext context, for a Chinese text that needs two English ones."""

    context: str

    def __new__(cls, context: str, text: str) -> "Message":
        message = super().__new__(cls, text)
        message.context = context
        return message


def N_(text: str) -> str:
    """Mark `text` for extraction where it is defined; `_()` translates it where it is shown."""
    return text


def NP_(context: str, text: str) -> Message:
    """Mark `text` with its context for extraction; `_()` translates it where it is shown."""
    return Message(context, text)


class Labels(dict[str, str]):
    """Texts by code (a matter type, a state…); a code without one shows as itself."""

    def __getitem__(self, code: object) -> str:
        return self.get(str(code), str(code))


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations into `lang`; Chinese, the source language, is shown as written."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    compiled = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    source = compiled.with_suffix(".po")
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        _compile(source, compiled)
    with compiled.open("rb") as f:
        return gettext.GNUTranslations(f)


def _compile(source: Path, compiled: Path) -> None:
    """What `pybabel compile` does, for a checkout where `make install` did not run."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as f:
        messages = read_po(f)
    try:  # written aside, then moved: processes starting together never read half a file
        fd, temporary = tempfile.mkstemp(dir=compiled.parent, suffix=".mo")
        with os.fdopen(fd, "wb") as out:
            write_mo(out, messages)
        os.replace(temporary, compiled)
    except OSError as exc:
        raise RuntimeError(f"{compiled} is missing or older than {source.name} and cannot be "
                           "written here: run `make install` to compile the catalogs") from exc


class Translator:
    """`_("中文 %(n)s", n=3)`: a text in one language, its placeholders filled."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.translations = catalog(lang)

    def __call__(self, text: str, **values: Any) -> str:
        context = getattr(text, "context", None)
        translated = (self.translations.pgettext(context, text) if context
                      else self.translations.gettext(text))
        return translated % values if values else translated

    def gettext(self, text: str, **values: Any) -> str:
        """The same as calling the translator (a name extraction knows)."""
        return self(text, **values)

    def pgettext(self, context: str, text: str, **values: Any) -> str:
        """A text with its context: one of the English texts of a Chinese text."""
        return self(Message(context, text), **values)


@cache
def translator(lang: str) -> Translator:
    """The texts of one language, for page code: `_ = translator(language(request))`."""
    return Translator(lang if lang in LANGUAGES else SOURCE_LANGUAGE)


@pass_context
def _gettext(context: Context, text: str) -> Markup:
    # Escaped like any other value: a text never carries markup, and a code shown as itself
    # (an unknown one) may come from a visitor.
    return escape(translator(context.get("lang", SOURCE_LANGUAGE))(text))


@pass_context
def _pgettext(context: Context, message_context: str, text: str) -> Markup:
    return escape(translator(context.get("lang", SOURCE_LANGUAGE)).pgettext(message_context, text))


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> Markup:
    translations = catalog(context.get("lang", SOURCE_LANGUAGE))
    return escape(translations.ngettext(singular, plural, n))


def install_gettext(env: Environment) -> None:
    """Give `env`'s templates `_()`, `gettext()`, `pgettext()` in the page's `lang`, and the
    `N_()`/`NP_()` markers; newstyle, so `_("共 %(n)s 项", n=3)` fills and escapes `n`."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext, newstyle=True)
    env.globals.update(N_=N_, NP_=NP_)
