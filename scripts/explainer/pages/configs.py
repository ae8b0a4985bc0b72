"""The translated editions' MkDocs configurations, derived from mkdocs.yml.

mkdocs.yml is the English edition's configuration and the one an editor changes. Each
other edition gets a complete configuration of its own (mkdocs.ru.yml, mkdocs.ur.yml),
generated from it: the same theme, extensions and checks, with the edition's folder,
address, language and translated words. Complete files rather than MkDocs' INHERIT, so
that any engine that reads mkdocs.yml (Zensical too) can build each edition alone.
"""

from __future__ import annotations

import copy

import yaml

from ..editions import EDITIONS, Edition
from ..site import SiteInfo
from .i18n import Interface

HEADER = (
    "# Generated from mkdocs.yml by scripts/explainer (run `make pages`). Do not edit: edit\n"
    "# mkdocs.yml, or the translations in data/translations/{lang}/interface.po, and regenerate.\n"
)


def one_line(text) -> str:
    """A setting's text as the catalogue holds it (YAML's folded lines joined)."""
    return " ".join(str(text).split())


def _relative_root(here: Edition, there: Edition) -> str:
    """From one edition's root to another's: "./", "ru/", "../", "../ur/"."""
    if here == there:
        return "./"
    up = "" if here.is_source else "../"
    return (up + there.prefix) or "./"


def _translate_nav(nav, _):
    out = []
    for item in nav:
        if isinstance(item, dict):
            out.append({_(title): _translate_nav(value, _) if isinstance(value, list) else value for title, value in item.items()})
        else:
            out.append(item)
    return out


def _markdown_extensions(extensions: list, edition: Edition) -> list:
    out = []
    for item in extensions:
        if isinstance(item, dict) and "pymdownx.snippets" in item:
            options = dict(item["pymdownx.snippets"])
            options["auto_append"] = [f"abbreviations.{edition.lang}.md"]
            out.append({"pymdownx.snippets": options})
        else:
            out.append(item)
    return out


def edition_config(config: dict, edition: Edition, site: SiteInfo, interface: Interface) -> str:
    """The text of ``edition``'s configuration, from mkdocs.yml's ``config``."""
    _ = lambda text: interface.gettext(one_line(text))  # noqa: E731
    out = copy.deepcopy(config)
    # The English build builds the editions (see hooks/); an edition keeps the hook only to
    # show the preview's data problems on its pages.
    for key in ("watch", "exclude_docs"):
        out.pop(key, None)
    out["site_name"] = site.name
    if "site_description" in out:
        out["site_description"] = _(out["site_description"])
    out["site_url"] = site.url
    out["docs_dir"] = edition.docs_dir
    out["site_dir"] = f"site/{edition.lang}"
    if "copyright" in out:
        out["copyright"] = _(out["copyright"])
    theme = out.setdefault("theme", {})
    theme["language"] = edition.lang
    for scheme in theme.get("palette", []):
        if isinstance(scheme, dict) and "toggle" in scheme:
            scheme["toggle"]["name"] = _(scheme["toggle"]["name"])
    extra = out.setdefault("extra", {})
    alternates = extra.get("alternate") or []
    by_lang = {e.lang: e for e in EDITIONS}
    extra["alternate"] = [dict(alt, link=_relative_root(edition, by_lang[alt["lang"]])) for alt in alternates]
    extra["ui"] = {key: _(value) for key, value in (extra.get("ui") or {}).items()}
    if "nav" in out:
        out["nav"] = _translate_nav(out["nav"], _)
    out["markdown_extensions"] = _markdown_extensions(out.get("markdown_extensions", []), edition)
    if "search_bundle" in extra:  # the one search index, at the site's root
        extra["search_bundle"] = f"../{extra['search_bundle']}"
    text = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return HEADER.format(lang=edition.lang) + text


def config_messages(config: dict) -> list[tuple[str, str]]:
    """The words of mkdocs.yml that the editions translate: (text, where)."""
    found = []
    for key in ("site_name", "site_description", "copyright"):
        if config.get(key):
            found.append((one_line(config[key]), key))
    for scheme in (config.get("theme") or {}).get("palette", []):
        if isinstance(scheme, dict) and "toggle" in scheme:
            found.append((one_line(scheme["toggle"]["name"]), "theme.palette"))
    for key, value in ((config.get("extra") or {}).get("ui") or {}).items():
        found.append((one_line(value), f"extra.ui.{key}"))

    def walk(nav):
        for item in nav:
            if isinstance(item, dict):
                for title, value in item.items():
                    found.append((one_line(title), "nav"))
                    if isinstance(value, list):
                        walk(value)
    walk(config.get("nav") or [])
    return found
