"""Escaping: no text from the data reaches a page as markup.

Pages are Markdown that MkDocs (or Zensical) turns into HTML, and Markdown passes raw
HTML through. So every value a template prints is escaped by default (see
``render.make_environment``): plain text is HTML-escaped and its Markdown punctuation
backslash-escaped; Markdown fields keep their Markdown but lose the means to inject
HTML or attributes. Output that is already safe is wrapped in ``Markup``.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup

# Characters that start Markdown (or the enabled extensions') syntax inside a line. Only
# characters Python-Markdown lets a backslash escape; "-" is left alone so that a term
# like "ISIS-K" still gets its glossary tooltip, and handled at the start of a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|!])")
_LIST_MARKER = re.compile(r"^([-+])|^([0-9]+)\.")
# Line breaks and runs of spaces become one space; no-break spaces (CLDR puts them in dates
# and numbers: "2018\u202fг.", "1\xa0000") stay, so that a line never breaks there.
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


@lru_cache(maxsize=65536)  # titles and summaries appear on many pages: escape each once
def _plain(text: str) -> Markup:
    text = _WHITESPACE.sub(" ", text)
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LIST_MARKER.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", text)
    return Markup(text)


def plain(value) -> Markup:
    """Plain text as inert Markdown: one line, HTML-escaped, punctuation escaped."""
    return _plain(str(value))


def markdown(value) -> Markup:
    """An editor's Markdown field: formatting kept, HTML and attribute lists disabled."""
    text = str(value).strip().replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("{", "\\{").replace("}", "\\}")
    return Markup(text)


def attribute(value) -> str:
    """Text for an HTML attribute or a <title> that the theme prints without escaping."""
    return html.escape(_WHITESPACE.sub(" ", str(value)).strip(), quote=True)


def front_matter_value(value) -> Markup:
    """A front-matter string: HTML-escaped for the theme, JSON-quoted for YAML."""
    return Markup(json.dumps(attribute(value), ensure_ascii=False))


def href(url: str) -> Markup:
    """A URL for a Markdown link target: characters that would end the link are encoded."""
    return Markup(quote(url, safe=":/?#@!$&'*+,;=%~.-_"))


def abbreviation_term(value) -> Markup:
    """The text of an abbreviation definition ``*[TERM]: ...``. The validator has checked
    with the abbr extension's own pattern that it defines exactly this term."""
    return Markup(str(value))


def abbreviation_title(value) -> Markup:
    """An abbreviation's tooltip. Python-Markdown stores it as an attribute value and
    escapes it when it writes the HTML, so it needs no escaping here, only one line."""
    return Markup(_WHITESPACE.sub(" ", str(value)).strip())
