"""The validated dataset: typed, immutable records and the relations between them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..editions import N_
from .cameo import Category
from .dates import PartialDate, format_span


SOURCE_KINDS = {  # key: (short label beside a source, heading on the sources page)
    "official": (N_("Official"), N_("Official statements and documents")),
    "news": (N_("News"), N_("News reports")),
    "wire": (N_("Wire"), N_("Wire stories (news agencies)")),
    "analysis": (N_("Analysis"), N_("Analysis and opinion")),
    "reference": (N_("Reference"), N_("Reference works")),
    "blog": (N_("Blog or repost"), N_("Blogs, forums, reposts and mirrors")),
}


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    date: PartialDate | None  # None when the page shows no date
    kind: str = "news"  # a key of SOURCE_KINDS
    language: str | None = None
    note: str | None = None
    archive: str | None = None  # an archived copy's address


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2


SIDES = {
    "pakistan": "Islamabad",
    "russia": "Moscow",
    "india": "New Delhi",
    "united-states": "Washington",
    "china": "Beijing",
    "afghanistan": "Kabul",
}


@dataclass(frozen=True)
class Perspective:
    """One capital's view of an event: an attributed quote or paraphrase with its source,
    or a note that no public statement was found."""

    side: str  # a key of SIDES
    speaker: str | None = None
    quote: str | None = None
    language: str | None = None  # the quote's, when not English
    translation: str | None = None
    paraphrase: str | None = None
    none_found: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    summary: str
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Era:
    id: str
    title: str
    start: PartialDate
    end: PartialDate | None  # None: still going on
    summary: str
    body: str | None = None
    former_ids: tuple[str, ...] = ()

    def contains(self, date: PartialDate) -> bool:
        day = date.first_day
        return self.start.first_day <= day and (self.end is None or day <= self.end.last_day)

    @property
    def span(self) -> str:
        return format_span(self.start, self.end) if self.end else f"since {self.start}"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    summary: str
    role: str | None = None
    sources: tuple[Source, ...] = ()
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    title: str
    summary: str
    themes: tuple[str, ...]
    confidence: str
    sources: tuple[Source, ...]
    era: str
    end_date: PartialDate | None = None
    body: str | None = None
    significance: str | None = None
    article_quote: str | None = None
    actors: tuple[str, ...] = ()
    disputed: str | None = None
    unverified: str | None = None
    single_source: str | None = None
    former_ids: tuple[str, ...] = ()
    revised: PartialDate | None = None  # last changed in substance
    location: Place | None = None
    perspectives: tuple[Perspective, ...] = ()
    turning_point: str | None = None  # a short label for the timeline
    category: Category | None = None  # its CAMEO category, with the Goldstein weight
    category_reason: str | None = None
    third_party: bool = False  # both take part, but the coded action is not one between them
    article_quote_translation: str | None = None  # in a translated edition: the quote in its language

    @property
    def bilateral(self) -> bool:
        """The coded action is one between Pakistan and the USSR or Russia: the events the
        relationship chart counts."""
        return (not self.third_party and "pakistan" in self.actors
                and ("russia" in self.actors or "soviet-union" in self.actors))

    @property
    def when(self) -> str:
        return format_span(self.date, self.end_date)

    @property
    def sort_key(self):
        return (self.date.first_day, self.date.precision != "year", self.id)


@dataclass(frozen=True)
class Claim:
    id: str
    paragraph: int
    quote: str
    claim: str
    verdict: str
    explanation: str
    sources: tuple[Source, ...]
    events: tuple[str, ...] = ()
    reviewed: PartialDate | None = None
    quote_translation: str | None = None  # in a translated edition: the article's words in its language


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    definition: str
    sources: tuple[Source, ...]
    expansion: str | None = None
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    n: int
    summary: str


@dataclass(frozen=True)
class Expectation:
    id: str
    expectation: str
    outcome: str
    explanation: str
    events: tuple[str, ...]


OUTCOMES = {
    "held": N_("Held"),
    "partly-held": N_("Partly held"),
    "not-borne-out": N_("Not borne out"),
    "open": N_("Open question"),
}


@dataclass(frozen=True)
class Article:
    title: str
    author: str
    publisher: str
    published: PartialDate
    published_note: str
    url: str
    argument: tuple[str, ...]
    one_minute: str
    paragraphs: tuple[Paragraph, ...]
    sources: tuple[Source, ...]
    expectations: tuple[Expectation, ...] = ()
    central_finding: str | None = None
    central_claim: str | None = None  # the id of the claim the central finding is about
    record_checked: PartialDate | None = None  # when the record was last brought up to date
    newest_source: PartialDate | None = None  # the newest source found then
    record_note: str | None = None
    title_translation: str | None = None  # in a translated edition: the title in its language


CORRECTION_KINDS = {"correction": "Corrected", "change": "Changed"}
PAGES = {  # pages a correction may name besides events, claims and actors: their paths under docs/
    "home": "index.md", "about": "article/index.md", "next": "next.md",
    "glossary": "glossary.md", "sources": "sources.md", "data": "data.md", "timeline": "timeline.md",
}


@dataclass(frozen=True)
class Correction:
    id: str
    date: PartialDate
    kind: str  # a key of CORRECTION_KINDS
    what: str
    why: str
    events: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()


VERDICTS = {
    "supported": N_("Supported"),
    "partly-supported": N_("Partly supported"),
    "contradicted": N_("Contradicted by the record"),
    "unverified": N_("Unverified"),
    "opinion": N_("Opinion"),
}


@dataclass(frozen=True)
class TradeFigure:
    year: int
    basis: str  # calendar or fiscal (July to June, ending in ``year``)
    usd_million: float
    quote: str
    source: Source
    note: str | None = None


@dataclass(frozen=True)
class Dataset:
    events: tuple[Event, ...]  # in date order
    eras: tuple[Era, ...]  # in date order
    themes: tuple[Theme, ...]
    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()  # in article order
    glossary: tuple[GlossaryTerm, ...] = ()
    article: Article | None = None
    corrections: tuple[Correction, ...] = ()  # newest first
    trade: tuple[TradeFigure, ...] = ()  # by year

    def every_source(self):
        """Every source record, wherever it sits (some more than once)."""
        for event in self.events:
            yield from event.sources
            yield from (p.source for p in event.perspectives if p.source)
        for holder in (*self.actors, *self.claims, *self.glossary, *((self.article,) if self.article else ())):
            yield from holder.sources
        yield from (figure.source for figure in self.trade)

    def corrections_of(self, kind: str, ident: str) -> list[Correction]:
        """The corrections naming an event, claim, actor or page ("events", "x"), newest first."""
        return self._corrections_by_target.get((kind, ident), [])

    @cached_property
    def _corrections_by_target(self) -> dict[tuple[str, str], list[Correction]]:
        found: dict[tuple[str, str], list[Correction]] = {}
        for correction in self.corrections:
            for kind in ("events", "claims", "actors", "pages"):
                for ident in getattr(correction, kind):
                    found.setdefault((kind, ident), []).append(correction)
        return found

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def era_by_id(self) -> dict[str, Era]:
        return {e.id: e for e in self.eras}

    @cached_property
    def theme_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def actor_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    def _group(self, key):
        groups: dict[str, list[Event]] = {}
        for event in self.events:
            for k in key(event):
                groups.setdefault(k, []).append(event)
        return groups

    @cached_property
    def events_by_era(self) -> dict[str, list[Event]]:
        return self._group(lambda e: [e.era])

    @cached_property
    def events_by_theme(self) -> dict[str, list[Event]]:
        return self._group(lambda e: e.themes)

    @cached_property
    def events_by_actor(self) -> dict[str, list[Event]]:
        return self._group(lambda e: e.actors)

    @cached_property
    def claims_by_event(self) -> dict[str, list[Claim]]:
        groups: dict[str, list[Claim]] = {}
        for claim in self.claims:
            for event_id in claim.events:
                groups.setdefault(event_id, []).append(claim)
        return groups

    @cached_property
    def _position(self) -> dict[str, int]:
        return {e.id: i for i, e in enumerate(self.events)}

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        index = self._position[event.id]
        before = self.events[index - 1] if index > 0 else None
        after = self.events[index + 1] if index + 1 < len(self.events) else None
        return before, after
