"""Where things live. Every path resolves from the repository root, never from the
working directory, so the generator behaves the same wherever it is started."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
SCHEMA_DIR = DATA_DIR / "schema"
REFERENCE_DIR = DATA_DIR / "reference"
FONTS_DIR = REPO_ROOT / "scripts" / "fonts"
TEMPLATES_DIR = REPO_ROOT / "scripts" / "templates"
