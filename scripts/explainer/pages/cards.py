"""Social cards: the 1200 x 630 PNG that a link to any page shows in social media and
messengers (its og:image), drawn at build time from the page's own title and its date or
verdict, with the site's name.

Rendering a page only describes its card (a ``CardSpec``, pure and cheap); drawing it is
the command line's job (``draw_card``), and only for cards whose description changed:
``cards.json`` beside the images records each card's key. The drawing uses Pillow with
the fonts bundled in scripts/fonts (Noto Sans, Noto Nastaliq Urdu), so that every machine
draws the same pixels, and one colour ramp (indigo to white, 16 shades), which keeps the
files small (about 15 KB) and quick to write.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import lru_cache

from ..paths import FONTS_DIR

CARD_DIR = "docs/assets/cards"  # the English edition's; an edition's are under docs/<lang>/
MANIFEST = f"{CARD_DIR}/cards.json"
WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes, so that every card is drawn again.
RENDERER = "3"
INK = (0x1A, 0x23, 0x7E)  # Material's indigo 900
PAPER = (0xFF, 0xFF, 0xFF)
FONTS = {  # (regular, bold) by script
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "urdu": ("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"),
}


@dataclass(frozen=True)
class CardSpec:
    """What a page's card shows."""

    title: str
    kicker: str  # the page's date, verdict or kind, above the title
    site_name: str
    address: str  # the site's address, at the foot
    lang: str = "en"

    @property
    def key(self) -> str:
        text = json.dumps([RENDERER, self.title, self.kicker, self.site_name, self.address, self.lang], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def card_dir(prefix: str = "") -> str:
    """The folder of an edition's cards ("" or "ru/")."""
    return f"docs/{prefix}assets/cards"


def manifest_path(prefix: str = "") -> str:
    return f"{card_dir(prefix)}/cards.json"


def is_manifest(path: str) -> bool:
    return path.endswith("assets/cards/cards.json")


def card_path(page_path: str, prefix: str = "") -> str:
    """Where the card of the page at ``page_path`` (under the edition's folder) goes:
    events/x.md -> docs/<prefix>assets/cards/events/x.png."""
    return f"{card_dir(prefix)}/{page_path.removesuffix('.md')}.png"


def card_url(page_path: str) -> str:
    """The card's address relative to the site's root (for og:image, after the site's address)."""
    return card_path(page_path).removeprefix("docs/")


def manifest(cards: dict[str, CardSpec]) -> str:
    """cards.json: each card's key, so that a later run draws only the cards that changed."""
    return json.dumps({path: spec.key for path, spec in sorted(cards.items())}, indent=0, ensure_ascii=False) + "\n"


def read_manifest(text: str | None) -> dict[str, str]:
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


# --- Drawing (Pillow) -------------------------------------------------------------------

@lru_cache(maxsize=None)
def _font(script: str, bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS_DIR / FONTS[script][int(bold)]), size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=1)
def _palette() -> list[int]:
    """16 shades from the ink to the paper: shade i of an "L" image drawn in 16 levels."""
    ramp = []
    for i in range(16):
        t = i / 15
        ramp += [round(INK[k] * (1 - t) + PAPER[k] * t) for k in range(3)]
    return ramp


def _wrap(text: str, font, width: int, direction: str | None) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate, direction=direction) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


TITLE_TOP, TITLE_BOTTOM = 200, HEIGHT - 80  # the title's room, between the kicker and the address


def _fit_title(title: str, script: str, direction: str | None, width: int) -> tuple[object, list[str], int]:
    """The largest size at which the title fits its room in up to five lines (the last one
    cut if it must). Nastaliq's letters reach far above and below the line: its lines are
    measured with the font's own extent, not assumed."""
    sizes = ((68, 86), (58, 74), (50, 64), (44, 56)) if script == "latin" else ((56, 92), (48, 80), (42, 70), (36, 60))
    for size, leading in sizes:
        font = _font(script, True, size)
        lines = _wrap(title, font, width, direction)
        if len(lines) <= 5 and _title_height(font, len(lines), leading) <= TITLE_BOTTOM - TITLE_TOP:
            return font, lines, leading
    most = max(1, (TITLE_BOTTOM - TITLE_TOP - _title_height(font, 1, leading)) // leading + 1)
    lines = lines[:most]
    while lines[-1] and font.getlength(lines[-1] + " …", direction=direction) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += " …"
    return font, lines, leading


def _title_height(font, lines: int, leading: int) -> int:
    ascent, descent = font.getmetrics()
    return (lines - 1) * leading + ascent + descent


def draw_card(spec: CardSpec) -> bytes:
    """The card as PNG bytes: the same bytes for the same spec, on any machine with the
    pinned Pillow (its text layout needs libraqm and FriBiDi; see the README)."""
    from PIL import Image, ImageDraw, features

    if not features.check("raqm"):
        raise RuntimeError("drawing the social cards needs Pillow's complex text layout (libraqm with FriBiDi): "
                           "install Debian's libfribidi0 (apt-get install libfribidi0)")
    rtl = spec.lang == "ur"
    script = "urdu" if rtl else "latin"
    direction = "rtl" if rtl else None
    margin = 64
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 96], fill=0)
    draw.rectangle([0, HEIGHT - 12, WIDTH, HEIGHT], fill=0)
    x, anchor = (WIDTH - margin, "r") if rtl else (margin, "l")
    options = {"direction": direction, "language": spec.lang} if rtl else {}
    draw.text((x, 48), spec.site_name, font=_font(script, False, 34 if not rtl else 30), fill=255, anchor=anchor + "m", **options)
    kicker_size = 36 if not rtl else 32
    while kicker_size > 22 and _font(script, False, kicker_size).getlength(spec.kicker, direction=direction) > WIDTH - 2 * margin:
        kicker_size -= 2  # a long kicker (the claims page's verdict counts) gets smaller, not cut
    draw.text((x, 150), spec.kicker, font=_font(script, False, kicker_size), fill=110, anchor=anchor + "m", **options)
    font, lines, leading = _fit_title(spec.title, script, direction, WIDTH - 2 * margin)
    y = TITLE_TOP
    for line in lines:
        draw.text((x, y), line, font=font, fill=0, anchor=anchor + "a", **options)
        y += leading
    draw.text((x, HEIGHT - 48), spec.address, font=_font("latin", False, 28), fill=110, anchor=anchor + "m")
    shades = image.point([min(15, (v + 8) // 17) for v in range(256)])
    indexed = Image.frombytes("P", shades.size, shades.tobytes())
    indexed.putpalette(_palette())
    out = io.BytesIO()
    indexed.save(out, "PNG", bits=4, compress_level=6)
    return out.getvalue()


def _draw_all(specs: list[tuple[str, CardSpec]]) -> list[tuple[str, bytes]]:
    return [(path, draw_card(spec)) for path, spec in specs]


def draw_cards(cards: dict[str, CardSpec], jobs: int = 1) -> dict[str, bytes]:
    """Draw many cards, on several cores when there are many (forked workers: only the
    command line calls this)."""
    items = sorted(cards.items())
    if jobs <= 1 or len(items) < 64:
        return dict(_draw_all(items))
    import multiprocessing

    slices = [items[i::jobs] for i in range(jobs)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return {path: png for part in pool.map(_draw_all, slices) for path, png in part}
