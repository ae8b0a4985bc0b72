"""What "nothing dangerous in the output" means, for the tests that feed the generator
hostile data: every address a page or an export holds, read as a browser reads it."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from explainer.dataset.links import normalised

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                  "xlink:href", "longdesc", "usemap", "manifest", "ping", "codebase", "archive", "profile", "icon"}
EVENT_HANDLER_PREFIX = "on"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


# The theme's own inline scripts begin so (Material 9); any other inline script is foreign.
THEME_SCRIPTS = ("__md_scope=", "var palette=", "var target=document.getElementById")
# The site's one inline script, whole (overrides/main.html): it marks the page as running
# scripts before it is drawn.
OWN_SCRIPTS = ('document.documentElement.classList.add("site-js")',)


class _Tags(HTMLParser):
    def __init__(self, allowed_tags: set[str] | None = None):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: dict | None = None  # the attributes of the <script> being read
        self.allowed_tags = allowed_tags

    def handle_starttag(self, tag, attrs):
        if self.allowed_tags is not None and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}> is not expected here")
        for name, value in attrs:
            if name.startswith(EVENT_HANDLER_PREFIX):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value is not None:
                url = normalised(value)
                scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
                if scheme not in ("", "https") or url.startswith("//"):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            target = (dict(attrs).get("content") or "").partition("url=")[2]
            if target and (":" in target.split("/", 1)[0] and not target.lower().startswith("https:")):
                self.problems.append(f"<meta refresh {target!r}>")
        if tag == "script":
            self.script = dict(attrs)
            self.script_text = ""

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.script is not None:
            self.script_text += data

    def handle_endtag(self, tag):
        if tag != "script" or self.script is None:
            return
        script, text = self.script, self.script_text.strip()
        self.script = None
        if script.get("src"):
            return  # its address was checked with the other attributes
        if script.get("type") in ("application/json", "application/ld+json"):
            try:
                json.loads(text)
            except ValueError:
                self.problems.append(f"<script type={script.get('type')}> is not JSON: {text[:80]!r}")
        elif not text.startswith(THEME_SCRIPTS) and text not in OWN_SCRIPTS:
            self.problems.append(f"<script>{text[:80]}")


def unsafe_in_html(html: str, allowed_tags: set[str] | None = None) -> list[str]:
    """Addresses outside the allow-list (https, or relative), event handlers, foreign
    scripts, and (when ``allowed_tags`` is given) any other tag."""
    reader = _Tags(allowed_tags)
    reader.feed(html)
    reader.close()
    return reader.problems


def unsafe_in_site(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        problems += [f"{page.relative_to(site)}: {p}" for p in unsafe_in_html(page.read_text(encoding="utf-8"))]
    return problems


def check_exports(docs: Path) -> None:
    """Every export parses with its real parser and carries nothing dangerous."""
    from icalendar import Calendar

    downloads = docs / "downloads"
    json.loads((downloads / "pakistan-russia-events.json").read_text(encoding="utf-8"))
    timeline = json.loads((downloads / "pakistan-russia-timelinejs.json").read_text(encoding="utf-8"))
    for event in timeline["events"]:
        for part in (event["text"]["headline"], event["text"]["text"]):
            assert unsafe_in_html(part, {"p", "a"}) == [], part
    rows = list(csv.reader(io.StringIO((downloads / "pakistan-russia-events.csv").read_text(encoding="utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.match(cell), cell
    Calendar.from_ical((downloads / "pakistan-russia-events.ics").read_bytes())
    feed = ElementTree.fromstring((docs / "feed.xml").read_bytes())
    for link in feed.iter("{http://www.w3.org/2005/Atom}link"):
        assert normalised(link.get("href", "")).startswith("https://"), link.get("href")
