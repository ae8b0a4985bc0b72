"""Facts about the published site that pages need: its name and its address.

They are read from mkdocs.yml, the one place they are set, as plain YAML: the generator
never imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # ends with "/"

    def page_url(self, path: str) -> str:
        """The published address of a page under docs/: "events/x.md" -> ".../events/x/"."""
        path = path.split("#")[0]
        if path.endswith("index.md"):
            path = path[: -len("index.md")]
        elif path.endswith(".md"):
            path = path[:-3] + "/"
        return self.url + path


def parse_site_info(mkdocs_yml: str) -> SiteInfo:
    config = yaml.safe_load(mkdocs_yml) or {}
    url = str(config.get("site_url", "")).rstrip("/") + "/"
    return SiteInfo(name=str(config.get("site_name", "")), url=url)
