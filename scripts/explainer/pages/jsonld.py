"""schema.org JSON-LD for each kind of page, built from the data, never typed by hand."""

from __future__ import annotations

import json

from ..dataset.model import VERDICTS, Actor, Claim, Dataset, Event
from ..site import SiteInfo

# The verdicts on a numeric scale from 1 (false) to 5 (true), as ClaimReview's reviewRating
# needs one. "Unverified" and "opinion" are not ratings of truth: those claims get no
# ClaimReview (the Method page says so).
RATING = {"supported": 5, "partly-supported": 3, "contradicted": 1}
RATING_SCALE = {"bestRating": 5, "worstRating": 1}
ACTOR_TYPES = {"person": "Person", "organisation": "Organization", "state": "Country", "project": "Project"}


def to_script_json(value) -> str:
    """JSON that is safe inside <script>: no "<", ">" or "&" can end the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _publisher(site: SiteInfo) -> dict:
    return {"@type": "Organization", "name": site.name, "url": site.url}


def website(site: SiteInfo, description: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.name,
        "url": site.url,
        "description": description,
        "inLanguage": site.lang,
    }


def _page_of(site: SiteInfo, url: str) -> dict:
    """The page an entity is the subject of, with the page's language."""
    return {"@type": "WebPage", "url": url, "inLanguage": site.lang}


def webpage(site: SiteInfo, title: str, path: str) -> dict:
    """A page without an entity of its own (a list, a reference page)."""
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "url": site.page_url(path),
        "inLanguage": site.lang,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
    }


def event(site: SiteInfo, data: Dataset, item: Event, image: str | None = None) -> dict:
    ld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "description": item.summary,
        "startDate": item.date.iso(),
        "url": site.page_url(f"events/{item.id}.md"),
        "mainEntityOfPage": _page_of(site, site.page_url(f"events/{item.id}.md")),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if item.location:
        ld["location"] = {
            "@type": "Place",
            "name": item.location.name,
            "address": {"@type": "PostalAddress", "addressLocality": item.location.name,
                        "addressCountry": item.location.country},
        }
    if image:
        ld["image"] = [image]
    if item.end_date:
        ld["endDate"] = item.end_date.iso()
    if item.actors:
        ld["about"] = [{"@type": ACTOR_TYPES[data.actor_by_id[a].kind], "name": data.actor_by_id[a].name} for a in item.actors]
    return ld


def claim_reviews(site: SiteInfo, data: Dataset, interface=None) -> dict:
    article = data.article
    _ = interface.gettext if interface else str

    def review(claim: Claim) -> dict:
        rating = {"@type": "Rating", "ratingValue": RATING[claim.verdict], **RATING_SCALE,
                  "alternateName": _(VERDICTS[claim.verdict])}
        return {
            "@type": "ClaimReview",
            "inLanguage": site.lang,
            "url": site.page_url("article/claims.md") + f"#{claim.id}",
            "claimReviewed": claim.quote,
            "datePublished": claim.reviewed.iso(),
            "author": _publisher(site),
            "reviewRating": rating,
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": article.author},
                "datePublished": article.published.iso(),
                "appearance": {
                    "@type": "OpinionNewsArticle",
                    "headline": article.title,
                    "url": article.url,
                    "publisher": {"@type": "Organization", "name": article.publisher},
                },
            },
        }

    return {"@context": "https://schema.org", "@graph": [review(c) for c in data.claims if c.verdict in RATING]}


def actor(site: SiteInfo, item: Actor) -> dict:
    ld = {
        "@context": "https://schema.org",
        "@type": ACTOR_TYPES[item.kind],
        "name": item.name,
        "description": item.summary,
        "url": site.page_url(f"actors/{item.id}.md"),
        "mainEntityOfPage": _page_of(site, site.page_url(f"actors/{item.id}.md")),
    }
    if item.role and item.kind == "person":
        ld["jobTitle"] = item.role
    return ld
