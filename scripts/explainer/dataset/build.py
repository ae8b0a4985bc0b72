"""Turn checked data into the typed, immutable records of model.py."""

from __future__ import annotations

from .dates import PartialDate
from .loader import LoadedFile
from .model import (
    Actor,
    Article,
    Claim,
    Dataset,
    Era,
    Event,
    Expectation,
    GlossaryTerm,
    Correction,
    Paragraph,
    SIDES,
    Perspective,
    Place,
    Source,
    Theme,
    TradeFigure,
)
from .cameo import categories

SIDE_ORDER = {side: i for i, side in enumerate(SIDES)}

def _source(raw: dict) -> Source:
    date = raw["date"]
    return Source(
        title=raw["title"],
        publisher=raw["publisher"],
        url=raw["url"],
        date=None if date == "undated" else PartialDate.parse(date),
        kind=raw["kind"],
        language=raw.get("language"),
        note=raw.get("note"),
        archive=raw.get("archive"),
    )


def _perspective(raw: dict) -> Perspective:
    return Perspective(
        side=raw["side"], speaker=raw.get("speaker"), quote=raw.get("quote"), language=raw.get("language"),
        translation=raw.get("translation"), paraphrase=raw.get("paraphrase"), none_found=raw.get("none_found"),
        source=_source(raw["source"]) if "source" in raw else None,
    )


def _optional_date(raw: dict, field: str) -> PartialDate | None:
    return PartialDate.parse(raw[field]) if field in raw else None


def _sources(raw: dict) -> tuple[Source, ...]:
    return tuple(_source(s) for s in raw.get("sources") or ())


def build_dataset(files: dict[str, LoadedFile]) -> Dataset:
    """Turn valid data into typed records. Only called once every check has passed."""
    eras = sorted(
        (
            Era(
                id=e["id"], title=e["title"], start=PartialDate.parse(e["start"]),
                end=PartialDate.parse(e["end"]) if "end" in e else None,
                summary=e["summary"], body=e.get("body"), former_ids=tuple(e.get("former_ids") or ()),
            )
            for e in files["eras"].data
        ),
        key=lambda era: era.start.first_day,
    )
    events = []
    for e in files["events"].data:
        date = PartialDate.parse(e["date"])
        era = next(era.id for era in eras if era.contains(date))
        events.append(
            Event(
                id=e["id"], date=date,
                end_date=PartialDate.parse(e["end_date"]) if "end_date" in e else None,
                title=e["title"], summary=e["summary"], body=e.get("body"),
                significance=e.get("significance"), article_quote=e.get("article_quote"),
                themes=tuple(e["themes"]), actors=tuple(e.get("actors") or ()),
                confidence=e["confidence"], disputed=e.get("disputed"),
                unverified=e.get("unverified"), single_source=e.get("single_source"),
                sources=_sources(e), era=era, former_ids=tuple(e.get("former_ids") or ()),
                revised=_optional_date(e, "revised"),
                location=Place(e["location"]["name"], e["location"]["country"]) if "location" in e else None,
                # Islamabad first, then Moscow, then the others, whatever the order in the file
                turning_point=e.get("turning_point"),
                category=categories().get(e["cameo"]) if "cameo" in e else None, category_reason=e.get("cameo_reason"),
                third_party=e.get("bilateral") is False,
                perspectives=tuple(sorted((_perspective(p) for p in e.get("perspectives") or ()), key=lambda p: SIDE_ORDER[p.side])),
            )
        )
    events.sort(key=lambda event: event.sort_key)
    article = files["article"].data
    return Dataset(
        events=tuple(events),
        eras=tuple(eras),
        themes=tuple(Theme(t["id"], t["title"], t["summary"], tuple(t.get("former_ids") or ())) for t in files["themes"].data),
        actors=tuple(
            Actor(a["id"], a["name"], a["kind"], a["summary"], a.get("role"), _sources(a), tuple(a.get("former_ids") or ()))
            for a in files["actors"].data
        ),
        claims=tuple(
            Claim(
                c["id"], c["paragraph"], c["quote"], c["claim"], c["verdict"], c["explanation"],
                _sources(c), tuple(c.get("events") or ()), _optional_date(c, "reviewed"),
            )
            for c in files["claims"].data
        ),
        glossary=tuple(
            GlossaryTerm(g["id"], g["term"], g["definition"], _sources(g), g.get("expansion"), tuple(g.get("events") or ()))
            for g in files["glossary"].data
        ),
        article=Article(
            title=article["title"], author=article["author"], publisher=article["publisher"],
            published=PartialDate.parse(article["published"]), published_note=article["published_note"],
            url=article["url"], argument=tuple(article["argument"]), one_minute=article["one_minute"],
            paragraphs=tuple(Paragraph(p["n"], p["summary"]) for p in article["paragraphs"]),
            sources=_sources(article),
            expectations=tuple(
                Expectation(x["id"], x["expectation"], x["outcome"], x["explanation"], tuple(x["events"]))
                for x in article["expectations"]
            ),
            central_finding=(article.get("central_finding") or {}).get("text"),
            central_claim=(article.get("central_finding") or {}).get("claim"),
            record_checked=_optional_date(article, "record_checked"), newest_source=_optional_date(article, "newest_source"),
            record_note=article.get("record_note"),
        ),
        corrections=tuple(sorted(
            (Correction(c["id"], PartialDate.parse(c["date"]), c["kind"], c["what"], c["why"],
                        *(tuple(c.get(k) or ()) for k in ("events", "claims", "actors", "pages")))
             for c in files["corrections"].data or ()),
            key=lambda c: (c.date.first_day, c.id), reverse=True,
        )),
        trade=tuple(sorted(
            (TradeFigure(t["year"], t["basis"], float(t["usd_million"]), t["quote"], _source(t["source"]), t.get("note"))
             for t in files["trade"].data or ()),
            key=lambda t: (t.year, t.basis),
        )),
    )
