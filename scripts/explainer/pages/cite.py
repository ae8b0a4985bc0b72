"""How to cite a page: APA, Chicago and BibTeX, from the data and the site's address."""

from __future__ import annotations

import re

from ..editions import N_
from ..site import SiteInfo


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}&%$#_\\])", r"\\\1", text)


NO_DATE = N_("n.d.")
CONSULTED = N_("Add the date you consulted it")


def citations(site: SiteInfo, title: str, path: str, key: str, interface=None) -> dict[str, str]:
    """Citations of the page at ``path`` (under docs/). No access date: pages must not
    change from one build to the next; readers add the day they consulted it."""
    url = site.page_url(path)
    _ = interface.gettext if interface else str
    return {
        "APA": f"{site.name}. ({_(NO_DATE)}). {title}. {url}",
        "Chicago": f"“{title}.” {site.name}. {url}.",
        "BibTeX": (
            f"@misc{{{key},\n"
            f"  title = {{{_bibtex_escape(title)}}},\n"
            f"  author = {{{{{_bibtex_escape(site.name)}}}}},\n"
            f"  howpublished = {{\\url{{{url}}}}},\n"
            f"  note = {{{_bibtex_escape(_(CONSULTED))}}}\n"
            f"}}"
        ),
    }
