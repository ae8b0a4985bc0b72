"""Checks of text: every link of the Markdown fields, glossary terms the tooltips can use,
and the article's paragraph numbers."""

from __future__ import annotations

import re

from markdown import util as markdown_util
from markdown.extensions.abbr import AbbrBlockprocessor

from .checking import FILES, Checker, FileSpec, at, entries
from .links import link_problems
from .schema import locations_of

def _markdown_fields(check: Checker):
    """(file name, path, text) of every Markdown field, as the schemas name them."""
    for spec in FILES:
        for pattern in locations_of(spec.name, "markdown"):
            for path, value in at(check.files[spec.name].data, pattern):
                if isinstance(value, str):
                    yield spec.name, path, value


def check_markdown_links(check: Checker, specs: dict[str, FileSpec]) -> None:
    for name, path, text in _markdown_fields(check):
        for problem, address in link_problems(text):
            check.add(specs[name], path, problem, at=_position(text, address))


def _position(text: str, address: str) -> int | None:
    """Where ``address`` (as a browser reads it) starts in the editor's text, roughly."""
    for probe in (address, address[:12], address.strip()[:6]):
        index = text.find(probe) if probe else -1
        if index >= 0:
            return index
    return None


def check_glossary_terms(check: Checker, spec: FileSpec) -> None:
    seen: dict[str, int] = {}
    for i, entry in entries(check.files[spec.name].data):
        term = entry.get("term")
        if not isinstance(term, str):
            continue
        why = unusable_term(term)
        if why:
            check.add(spec, (i, "term"), why)
            continue
        key = term.strip().casefold()
        if key in seen:
            line = check.files[spec.name].line_of((seen[key],))
            check.add(spec, (i, "term"), f"the term {term!r} is already defined on line {line}; define each term once")
        else:
            seen[key] = i


# What Python-Markdown puts in a page while it works: a term matching inside one of these
# would break the page (an abbreviation "wzxhzdk" swallowed every raw HTML block).
_PLACEHOLDERS = (markdown_util.HTML_PLACEHOLDER % 0, markdown_util.INLINE_PLACEHOLDER % 0,
                 markdown_util.AMP_SUBSTITUTE, markdown_util.TAG_PLACEHOLDER % 0)


def unusable_term(term: str) -> str | None:
    """Why a glossary term cannot be a tooltip term, judged by the abbr extension's own
    rules: the line ``*[term]: ...`` must define exactly ``term``, and the pattern it
    becomes must not match Markdown's internal placeholders."""
    if term != term.strip() or "\n" in term:
        return "a term must be one line without spaces at either end"
    match = AbbrBlockprocessor.RE.search(f"*[{term}]: definition")
    if match is None or match.group("abbr") != term:
        return "the tooltip list could not define this term as written (it cannot hold a backslash, or a ] followed by a colon)"
    pattern = re.compile(rf"\b(?:{re.escape(term)})\b")
    if not re.search(r"[^\W\d_]", term) or any(pattern.search(p) for p in _PLACEHOLDERS):
        return f"the term {term!r} cannot be a tooltip term: it would match text Markdown uses internally; a term needs a letter and a word of its own"
    return None


def check_paragraphs(check: Checker, specs: dict[str, FileSpec]) -> None:
    article = check.files["article"].data
    if not isinstance(article, dict) or not isinstance(article.get("paragraphs"), list):
        return
    numbers = [p.get("n") for p in article["paragraphs"] if isinstance(p, dict)]
    if numbers != list(range(1, len(numbers) + 1)):
        check.add(specs["article"], ("paragraphs",), "paragraphs must be numbered 1, 2, 3 ... in order")
    last = None
    for i, claim in entries(check.files["claims"].data):
        n = claim.get("paragraph")
        if not isinstance(n, int) or isinstance(n, bool):
            continue
        if n > len(numbers):
            check.add(specs["claims"], (i, "paragraph"), f"the article has {len(numbers)} paragraphs; there is no paragraph {n}")
        if last is not None and n < last:
            check.add(specs["claims"], (i, "paragraph"), "claims must follow the article's order (paragraph numbers must not go down)")
        last = n
