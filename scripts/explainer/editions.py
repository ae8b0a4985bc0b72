"""The site's editions: one complete site per language, built from the same data.

English is the source: the data is written in it, and every other edition translates
it (data/translations/<lang>/). Each edition lives in its own folder under docs/ and is
built by MkDocs (or Zensical) from its own configuration file, so that the theme's own
language support sets the interface strings, the language and the direction of its pages.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    """Marks a string in the code for translation (``make messages`` collects it); it is
    translated where it is shown, by the edition's interface."""
    return message


@dataclass(frozen=True)
class Edition:
    lang: str  # a BCP 47 language code, also the theme's `language`
    name: str  # the language's name in itself, for the language switcher
    direction: str  # "ltr" or "rtl"
    locale: str  # the CLDR locale for dates, numbers and country names
    og_locale: str  # Open Graph's language_TERRITORY
    comma: str = ", "  # the punctuation that joins lists and ends sentences the templates build
    semicolon: str = "; "
    stop: str = "."
    dot: str = " · "  # between the parts of a line of facts (a middle dot reads as a zero in Nastaliq)

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE.lang

    @property
    def prefix(self) -> str:
        """Its folder under docs/ and under the site's address: "" or "ru/"."""
        return "" if self.is_source else f"{self.lang}/"

    @property
    def docs_dir(self) -> str:
        return "docs" if self.is_source else f"docs/{self.lang}"

    @property
    def config_file(self) -> str:
        return "mkdocs.yml" if self.is_source else f"mkdocs.{self.lang}.yml"


SOURCE = Edition("en", "English", "ltr", "en_GB", "en_GB")
EDITIONS = (
    SOURCE,
    Edition("ru", "Русский", "ltr", "ru", "ru_RU"),
    Edition("ur", "اردو", "rtl", "ur_PK", "ur_PK", comma="، ", semicolon="؛ ", stop="۔", dot=" | "),
)
TRANSLATIONS = tuple(e for e in EDITIONS if not e.is_source)
BY_LANG = {e.lang: e for e in EDITIONS}
