"""Facts about the published site that pages need: its name and its address.

They are read from mkdocs.yml, the one place they are set, as YAML: the generator never
imports MkDocs. MkDocs' own tags are understood as MkDocs reads them (``!ENV``, through
the same pyyaml_env_tag that MkDocs uses; ``!relative``); other tags, such as the
``!!python/name:`` of theme extensions, are read as inert text and never run.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml_env_tag import construct_env_tag

from .dataset.loader import unwanted_character
from .dataset.problems import DataError, Problem

CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class SiteInfo:
    """An edition's name and address (the English edition's, as mkdocs.yml sets them)."""

    name: str
    url: str  # ends with "/"
    lang: str = "en"
    description: str = ""

    def page_url(self, path: str) -> str:
        """The published address of a page under docs/: "events/x.md" -> ".../events/x/"."""
        path = path.split("#")[0]
        if path.endswith("index.md"):
            path = path[: -len("index.md")]
        elif path.endswith(".md"):
            path = path[:-3] + "/"
        return self.url + path


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML with MkDocs' tags."""


def _inert(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    """A tag the generator has no use for: its value as plain data, nothing executed."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", _inert)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _inert)


def parse_site_info(mkdocs_yml: str) -> SiteInfo:
    try:
        config = yaml.load(mkdocs_yml, Loader=_ConfigLoader) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DataError([Problem(CONFIG, mark.line + 1 if mark else 1, message=f"YAML syntax error: {error.problem or error}")]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(CONFIG, 1, message=f"YAML error: {error}")]) from None
    if not isinstance(config, dict):
        raise DataError([Problem(CONFIG, 1, message="expected the settings as `name: value` lines")])
    for key in ("site_name", "site_description", "site_url"):
        bad = unwanted_character(str(config.get(key) or ""))
        if bad:  # it would reach every page's title, the feeds and the social cards
            line = next((n for n, text in enumerate(mkdocs_yml.splitlines(), 1) if text.startswith(f"{key}:")), 1)
            raise DataError([Problem(CONFIG, line, message=f"{key} holds a character that pages cannot show ({bad}); delete it")])
    url = str(config.get("site_url") or "").rstrip("/") + "/"
    return SiteInfo(name=str(config.get("site_name") or ""), url=url, description=" ".join(str(config.get("site_description") or "").split()))


def read_config(mkdocs_yml: str) -> dict:
    """mkdocs.yml as data (tags inert), for deriving the other editions' configurations."""
    return yaml.load(mkdocs_yml, Loader=_ConfigLoader) or {}
