"""Every generated HTML page validates with the Nu Html Checker (vnu-jar, on Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

from browser_fixtures import NODE_MODULES, require

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material for MkDocs' own templates, not from our templates or
# content. Each is listed once, here, with why it is accepted. Anything else fails.
MATERIAL_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is":
        "Material's hidden checkbox toggles (drawer, search, navigation sections) carry autocomplete=off "
        "so browsers do not restore their state; harmless, and only a conformance error for checkboxes.",
    "Bad value “” for attribute “tabindex” on element “label”":
        "Material's navigation section labels render tabindex=\"\" when a section has an index page.",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control":
        "Material's labels point at its visually hidden toggle checkboxes (navigation, table of contents).",
}


def test_every_page_is_valid_html(built_site):
    require(VNU.is_file(), "vnu-jar is not installed (npm ci)")
    require(shutil.which("java") is not None, "Java is not installed")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only", str(built_site)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    assert any(m["url"].endswith("index.html") for m in messages) or result.returncode == 0
    ours = [
        f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not any(m["message"].startswith(known) for known in MATERIAL_ERRORS)
    ]
    assert ours == [], "\n".join(ours[:30])
    seen = Counter(known for m in messages for known in MATERIAL_ERRORS if m["message"].startswith(known))
    assert set(seen) <= set(MATERIAL_ERRORS)
