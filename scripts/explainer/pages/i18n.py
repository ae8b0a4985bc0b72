"""An edition's interface: its strings (from a gettext catalogue) and its formats for
dates, numbers, countries and languages (from CLDR, through Babel).

The templates' own words are marked for translation (``{% trans %}`` blocks and
``_()``); ``make messages`` collects them into data/translations/<lang>/interface.po,
where translators write each string's translation. English needs no catalogue.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal

from ..dataset.dates import PartialDate
from ..dataset.loader import decode_utf8, unwanted_character
from ..dataset.problems import DataError, Problem
from ..editions import N_, Edition  # noqa: F401 (N_ is re-exported)


def interface_path(lang: str) -> str:
    return f"data/translations/{lang}/interface.po"


def read_catalogue(lang: str, text: str | bytes | None):
    """The catalogue of an interface.po file, or DataError naming the line of every problem."""
    if text is None:
        return None
    rel = interface_path(lang)
    if isinstance(text, bytes):
        text, problem = decode_utf8(rel, text)
        if problem:
            raise DataError([problem])
    try:
        catalogue = read_po(io.StringIO(text), locale=lang, abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", 1) or 1
        raise DataError([Problem(rel, line, message=f"not a valid gettext catalogue: {error}")]) from None
    problems = [Problem(rel, message.lineno or 1, message=why) for message in catalogue if message.id
                for why in translation_problems(message.id, message.string)]
    if problems:
        raise DataError(problems)
    return catalogue


# Markup a translation may hold only where the English has the same: the interface's
# strings are trusted as ours (pages show them as written), so a translation must not add
# a link, a tag, a placeholder or a character that a page cannot show.
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
_TAG = re.compile(r"<[^<>]*>")
_LINK_TARGET = re.compile(r"\]\s*[(:]\s*([^)\s]*)")


def translation_problems(english, translated) -> list[str]:
    """What is wrong with one catalogue entry's translation (singular and plural forms)."""
    sources = english if isinstance(english, (tuple, list)) else (english,)
    targets = [t for t in (translated if isinstance(translated, (tuple, list)) else (translated,)) if t]
    problems = []
    for target in targets:
        bad = unwanted_character(target)
        if bad:
            problems.append(f"the translation holds a character that pages cannot show ({bad}); delete it")
        if set(_PLACEHOLDER.findall(target)) - {name for s in sources for name in _PLACEHOLDER.findall(s)}:
            problems.append("the translation uses a placeholder that the English does not have: "
                            f"{sorted(set(_PLACEHOLDER.findall(target)))}; keep the English's %(name)s placeholders as they are")
        if sorted(_TAG.findall(target)) != sorted(_TAG.findall(sources[0])) or target.count("<") != sources[0].count("<"):
            problems.append("the translation's HTML differs from the English's: keep its tags exactly as they are, add none")
        if sorted(_LINK_TARGET.findall(target)) != sorted(_LINK_TARGET.findall(sources[0])):
            problems.append("the translation's links differ from the English's: translate a link's words, keep its address, add none")
    return list(dict.fromkeys(problems))


class Interface:
    """What the templates and the exports ask of an edition besides its data."""

    def __init__(self, edition: Edition, catalogue=None):
        self.edition = edition
        self.lang = edition.lang
        self.direction = edition.direction
        self.locale = Locale.parse(edition.locale)
        if catalogue is None:
            self._translations = gettext_module.NullTranslations()
        else:  # fuzzy entries are left out: a translation marked doubtful is not shown
            buffer = io.BytesIO()
            write_mo(buffer, catalogue, use_fuzzy=False)
            buffer.seek(0)
            self._translations = gettext_module.GNUTranslations(buffer)

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    # Dates at the precision the sources allow, in the edition's language.
    def date(self, date: PartialDate) -> str:
        return _format_date(self.edition.locale, date)

    def span(self, start: PartialDate, end: PartialDate | None) -> str:
        """A date or a span, without repeating what both ends share: "18–23 February
        2018", "30 June – 2 July 2019", "June – July 2019", "1972 – 1973"."""
        loc = self.edition.locale
        if end is None or end == start:
            return self.date(start)
        if start.precision == end.precision == "day" and start.year == end.year:
            if start.month == end.month:
                return f"{start.day}–{self.date(end)}"
            return f"{_skeleton(loc, 'MMMMd', start.first_day)} – {self.date(end)}"
        if start.precision == end.precision == "month" and start.year == end.year:
            return f"{_month(loc, start.first_day)} – {self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"

    def since(self, start: PartialDate) -> str:
        return self.gettext("since %(date)s") % {"date": self.date(start)}

    def number(self, value) -> str:
        return _format_number(self.edition.locale, value)

    def decimal(self, value: float) -> str:
        """One decimal place, as the language writes it: "5.8", "5,8"."""
        return format_decimal(value, format="0.0", locale=self.edition.locale)

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def language(self, code: str) -> str:
        return self.locale.languages.get(code, code)


@lru_cache(maxsize=65536)  # thousands of events share a few thousand dates
def _format_date(locale: str, date: PartialDate) -> str:
    if date.day:
        return _skeleton(locale, "yMMMMd", date.first_day)
    if date.month:
        return _skeleton(locale, "yMMMM", date.first_day)
    return str(date.year)


@lru_cache(maxsize=65536)
def _skeleton(locale: str, skeleton: str, day: dt.date) -> str:
    return format_skeleton(skeleton, day, locale=locale)


@lru_cache(maxsize=4096)
def _month(locale: str, day: dt.date) -> str:
    """The month's name on its own ("June", "июнь"): CLDR's stand-alone form."""
    return format_date(day, "LLLL", locale=locale)


@lru_cache(maxsize=4096)
def _format_number(locale: str, value) -> str:
    return format_decimal(value, locale=locale)
