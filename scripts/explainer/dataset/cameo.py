"""The CAMEO event codes and their Goldstein weights (data/reference/cameo-goldstein.json).

The table is the GDELT Project's, as the pinned gdelt package ships it; see
data/reference/README.md. Each event names one code; its weight comes from the table,
never from the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import REFERENCE_DIR

TABLE = "cameo-goldstein.json"


@dataclass(frozen=True)
class Category:
    code: str
    description: str
    weight: float  # on the Goldstein scale, -10 (conflict) to +10 (cooperation)


@lru_cache(maxsize=None)
def categories(reference_dir: Path = REFERENCE_DIR) -> dict[str, Category]:
    table = json.loads((reference_dir / TABLE).read_text(encoding="utf-8"))
    return {
        code: Category(code, table["Description"][code], float(table["GoldsteinScale"][code]))
        for code in table["cameoCode"]
    }
