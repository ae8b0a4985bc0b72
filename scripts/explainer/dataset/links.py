"""Which links and images an editor's Markdown really produces, judged by Markdown itself.

A link can be written in many forms: inline, reference-style (with its definition on
another line, even in another field of the same page), with a line break inside its
target, with entities or odd case in its scheme. Rather than guess with patterns, each
Markdown field is converted exactly as a page will show it (escaped by pages.markup,
then Python-Markdown with the site's extensions, the parser MkDocs and Zensical use)
and the HTML that comes out is read for every address it holds. Every reference
definition is checked too, used or not, since another field on the same page may use it.

One allow-list: an address must be https:// with a host, or a link to a place on the
same page (#...). No images: a picture from another site would be a request to a third
party each time the page loads.
"""

from __future__ import annotations

import html as html_text
import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
from markdown.extensions.abbr import AbbrBlockprocessor

from ..pages.markup import markdown as escaped_markdown

# The site's Markdown extensions (mkdocs.yml), but for pymdownx.snippets, which includes
# files: tests check that the two lists agree.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]

# Attributes that hold an address in HTML (and SVG). Python-Markdown writes only href and
# src, but the check does not rely on knowing that.
_URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
    "xlink:href", "longdesc", "usemap", "manifest", "ping", "codebase", "archive", "profile", "icon",
}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # entities decoded, as a browser would
        self.found: list[tuple[str, str]] = []  # (tag, address)

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "picture", "image"):
            self.found.append(("img", dict(attrs).get("src") or ""))
            return
        for name, value in attrs:
            if name in _URL_ATTRIBUTES and value is not None:
                self.found.append((tag, value))

    handle_startendtag = handle_starttag


def normalised(address: str) -> str:
    """An address as a browser reads it (WHATWG URL parsing): leading and trailing
    controls and spaces stripped, tabs and line breaks removed anywhere."""
    return re.sub(r"[\t\n\r]", "", address.strip(_C0_OR_SPACE))


def refusal(address: str) -> str | None:
    """Why ``address`` may not appear on a page, or None if it may."""
    url = normalised(address)
    if url.startswith("#"):
        return None
    scheme = _SCHEME.match(url)
    if scheme is None:
        return "links must start with https:// (or # for a place on the same page)"
    if scheme.group(1).lower() != "https":
        return "links must start with https://"
    parts = urlsplit(url)
    if not url[len("https:"):].startswith("//") or not parts.hostname:
        return "an https:// address needs a host name, as in https://www.dawn.com/..."
    return None


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


@lru_cache(maxsize=65536)  # thousands of entries repeat the same text (and the benchmark's copies do)
def link_problems(text: str) -> tuple[tuple[str, str], ...]:
    """Problems with the links and images of one Markdown field: (sentence, address)."""
    if "[" not in text:
        # Links and images need a bracket once "<" is escaped (autolinks and raw HTML
        # are impossible): nothing to judge.
        return ()
    escaped = str(escaped_markdown(text))
    # Not a link, but markup that reaches beyond its field the same way: an abbreviation
    # definition (found by the abbr extension's own rule) would apply to the whole page.
    definition = AbbrBlockprocessor.RE.search(escaped)
    if definition:
        return ((f"a line {definition.group(0).strip()!r} would define a tooltip for the whole page; "
                 "terms are defined in data/glossary.yaml", definition.group(0).strip()),)
    parser = _parser()
    parser.reset()
    html = parser.convert(escaped)
    reader = _Addresses()
    reader.feed(html)
    reader.close()
    addresses = [("reference", html_text.unescape(url)) for url, _title in parser.references.values()] + reader.found
    problems = []
    for tag, address in addresses:
        if tag == "img":
            problems.append((f"images are not allowed in the text (a page may load nothing from another site): {address!r}", address))
            continue
        why = refusal(address)
        if why:
            problems.append((f"the link {address!r} is not allowed: {why}", address))
    return tuple(dict.fromkeys(problems))
