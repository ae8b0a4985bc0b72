"""MkDocs hook: regenerate the pages from data/*.yaml before each build.

Thin on purpose: it calls the same generator as `make pages`, which writes only files
whose content changed (so `mkdocs serve` does not rebuild in a loop). Bad data stops
the build with the generator's own report; under `mkdocs serve` the last good site
stays up until the data is fixed.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from explainer.cli import generate  # noqa: E402


def on_pre_build(config, **kwargs) -> None:
    out, err = io.StringIO(), io.StringIO()
    if generate(out=out, err=err) != 0:
        raise PluginError("The data has problems; no page was changed:\n" + err.getvalue())
