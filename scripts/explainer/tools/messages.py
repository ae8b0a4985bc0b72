"""The interface's words, for translators: `make messages` collects every string marked
for translation (the templates' {% trans %} blocks and _(), the code's N_(), the words
of mkdocs.yml, the names of the CAMEO categories the data uses) and brings each
language's catalogue, data/translations/<lang>/interface.po, up to date: new strings are
added untranslated, changed ones are marked fuzzy (a translator checks them; until then
the English is shown), and strings no longer used are kept as obsolete (#~) comments.

    make messages                       update the catalogues
    python -m explainer.tools.messages --check
                                        exit 1 if a catalogue is not up to date, or holds a
                                        fuzzy (out of date) translation; list what is missing
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from ..cli import read_data_files
from ..editions import TRANSLATIONS
from ..pages.configs import config_messages
from ..pages.i18n import interface_path
from ..paths import REPO_ROOT, TEMPLATES_DIR
from ..pipeline import load_dataset
from ..site import read_config

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "trim_blocks": "true", "lstrip_blocks": "true"}
# The catalogues' dates stay fixed, so that the same strings give the same file.
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
PROJECT = "pakistan-russia-explainer"
LANGUAGE_NAMES = {"ru": "Russian", "ur": "Urdu"}


def collect(root: Path = REPO_ROOT) -> Catalog:
    """Every string to translate, with where it comes from."""
    catalog = Catalog(project=PROJECT, creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)

    def add(message, location, lineno, flags=()):
        catalog.add(message, locations=[(location, lineno)], flags=flags)

    for path in sorted(TEMPLATES_DIR.glob("*.j2")):
        with path.open("rb") as handle:
            for lineno, _funcname, message, _comments in babel_extract(handle, KEYWORDS, [], JINJA_OPTIONS):
                rel = path.relative_to(root).as_posix()
                if isinstance(message, (tuple, list)):
                    add(tuple(m for m in message if m is not None)[:2], rel, lineno)
                elif message:
                    add(message, rel, lineno)
    for path in sorted((root / "scripts" / "explainer").rglob("*.py")):
        with path.open("rb") as handle:
            for lineno, _funcname, message, _comments in extract_python(handle, KEYWORDS, [], {}):
                if isinstance(message, (tuple, list)):
                    message = tuple(m for m in message if m)
                    if len(message) != 2:
                        continue
                if message:
                    add(message, path.relative_to(root).as_posix(), lineno)
    config = read_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for text, where in config_messages(config):
        add(text, f"mkdocs.yml ({where})", 0)
    data = load_dataset(read_data_files(root / "data"))
    codes = {}
    for event in data.events:
        if event.category:
            codes.setdefault(event.category.code, event.category.description)
    for code, description in sorted(codes.items()):
        add(description, f"data/reference/cameo-goldstein.json (CAMEO {code})", 0)
    return catalog


def updated(lang: str, template: Catalog, current_text: str | None) -> Catalog:
    if current_text is None:
        catalog = Catalog(locale=lang, project=PROJECT, creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    else:
        catalog = read_po(io.StringIO(current_text), locale=lang)
    catalog.update(template, update_header_comment=False)
    catalog.header_comment = (f"# The {LANGUAGE_NAMES[lang]} translation of the site's interface: the words of the templates,\n"
                              "# the generator and mkdocs.yml. Updated by `make messages`; see CONTRIBUTING.md (\"Translating\").")
    catalog.copyright_holder = "the editors of the Pakistan-Russia explainer"
    catalog.msgid_bugs_address = "https://github.com/pakistan-russia-explainer/pakistan-russia-explainer.github.io/issues"
    catalog.last_translator = "the editors"
    catalog.language_team = LANGUAGE_NAMES[lang]
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    catalog.fuzzy = False
    catalog.project = PROJECT
    return catalog


def as_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=False, include_previous=True)
    return out.getvalue().decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="explainer.tools.messages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalogue is out of date")
    args = parser.parse_args(argv)
    template = collect()
    status = 0
    for edition in TRANSLATIONS:
        path = REPO_ROOT / interface_path(edition.lang)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        text = as_text(updated(edition.lang, template, current))
        catalog = read_po(io.StringIO(text), locale=edition.lang)
        messages = [m for m in catalog if m.id]
        missing = [m for m in messages if not m.string or (isinstance(m.string, tuple) and not all(m.string))]
        fuzzy = [m for m in messages if m.fuzzy and m.string]
        rel = interface_path(edition.lang)
        if args.check:
            if text != current:
                print(f"{rel}: not up to date with the templates: run `make messages` and commit the result", file=sys.stderr)
                status = 1
            for message in fuzzy:
                print(f"{rel}:{message.lineno}: out of date: the English changed to {message.id!r}; update the "
                      "translation, then remove the `#, fuzzy` line", file=sys.stderr)
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if text != current:
                path.write_text(text, encoding="utf-8")
        done = len(messages) - len(missing) - len(fuzzy)
        print(f"{rel}: {done} of {len(messages)} strings translated"
              + (f", {len(fuzzy)} out of date" if fuzzy else "") + (f", {len(missing)} missing" if missing else "") + ".")
    return status


if __name__ == "__main__":
    sys.exit(main())
