"""The JSON Schemas in data/schema/ are the one source of truth for each file's shape.

Editors' YAML plugins read them for autocompletion (through the
``# yaml-language-server: $schema=...`` line at the top of each data file); this module
validates with the same files and turns each schema error into a sentence for an editor.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ..paths import SCHEMA_DIR

_TYPE_WORDS = {
    "array": "a list",
    "object": "a set of fields (name: value)",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


@lru_cache(maxsize=None)
def _registry(schema_dir: Path) -> Registry:
    """Every schema, under its $id (the address it is published at, against which its
    references to common.schema.json resolve) and under its file name."""
    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        resources += [(path.name, resource)] + ([(contents["$id"], resource)] if "$id" in contents else [])
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator_for(name: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    """The validator for ``data/<name>.yaml``, resolving references to common.schema.json."""
    registry = _registry(schema_dir)
    schema = registry.contents(f"{name}.schema.json")
    return Draft202012Validator(schema, registry=registry)


COMMON = "common.schema.json"


def bundle(name: str, schema_dir: Path = SCHEMA_DIR) -> dict:
    """The schema of ``name`` with common.schema.json's definitions copied in, so that it
    stands alone: references to them point inside the bundle."""

    def rewrite(node, from_common: bool):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    target, _, pointer = value.partition("#")
                    if target == COMMON or (from_common and target == ""):
                        value = "#/$defs/common__" + pointer.rsplit("/", 1)[-1]
                out[key] = rewrite(value, from_common)
            if "$ref" in out and len(set(out) - {"$ref", "description"}) > 0:
                # Draft 2020-12 applies the keywords beside a $ref (a maxLength beside a
                # reference to plainText); fastjsonschema, which follows draft 7, would
                # ignore them. Inside an allOf, both drafts apply both.
                out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
            return out
        if isinstance(node, list):
            return [rewrite(item, from_common) for item in node]
        return node

    registry = _registry(schema_dir)
    schema = rewrite(registry.contents(f"{name}.schema.json"), False)
    common = registry.contents(COMMON)
    defs = schema.setdefault("$defs", {})
    for key, value in common["$defs"].items():
        defs["common__" + key] = rewrite(value, True)
    schema.pop("$schema", None)
    schema.pop("$id", None)  # the bundle stands alone: nothing left to resolve against it
    return schema


@lru_cache(maxsize=None)
def fast_validator(name: str, schema_dir: Path = SCHEMA_DIR):
    """A compiled validator: fast, but it stops at the first error and says it tersely.
    It only answers "valid or not"; the errors themselves come from jsonschema."""
    return fastjsonschema.compile(bundle(name, schema_dir))


def locations_of(name: str, definition: str, schema_dir: Path = SCHEMA_DIR) -> tuple[tuple, ...]:
    """Where in ``data/<name>.yaml`` the schema uses common.schema.json's ``definition``
    (such as "markdown"), as paths with "*" for any list item: (("*", "body"), ...).
    The schemas say which fields are Markdown; the checks ask them rather than keep a list."""
    registry = _registry(schema_dir)
    schema = registry.contents(f"{name}.schema.json")
    wanted = f"{COMMON}#/$defs/{definition}"
    found: list[tuple] = []
    stack = [(schema, ())]
    while stack:
        node, path = stack.pop()
        if not isinstance(node, dict):
            continue
        ref = node.get("$ref")
        if ref == wanted:
            found.append(path)
            continue
        if isinstance(ref, str) and ref.startswith("#/"):
            target = schema
            for part in ref[2:].split("/"):
                target = target[part]
            stack.append((target, path))
        for key, sub in node.get("properties", {}).items():
            stack.append((sub, path + (key,)))
        if "items" in node:
            stack.append((node["items"], path + ("*",)))
        for keyword in ("anyOf", "oneOf", "allOf"):
            stack.extend((option, path) for option in node.get(keyword, []))
    return tuple(sorted(set(found)))


def describe_value(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


def shape_errors(name: str, data) -> list[tuple[tuple, str, str]]:
    """Check ``data`` against the schema of ``name``.

    Returns (path, field_name_or_empty, message) triples. ``path`` locates the problem
    in the data; the field is set when the problem is a field that is absent or unknown
    (it has no value of its own to point at).
    """
    try:
        fast_validator(name)(data)
        return []  # the common case, valid data, costs a fraction of a full validation
    except fastjsonschema.JsonSchemaException:
        pass
    results = []
    for error in validator_for(name).iter_errors(data):
        results.extend(_explain(error))
    return results


def _expected(schema: dict, fallback: str) -> str:
    return schema.get("description") or fallback


def _explain(error) -> list[tuple[tuple, str, str]]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    kind = error.validator

    if kind == "required":
        missing = error.validator_value
        present = value if isinstance(value, dict) else {}
        return [(path, f, f"missing required field {f!r}") for f in missing if f not in present]
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        out = []
        for extra in sorted(set(value) - set(allowed), key=str):
            guess = difflib.get_close_matches(str(extra), allowed, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            out.append((path + (extra,), "", f"unknown field {extra!r}{hint} Allowed fields: {', '.join(allowed)}"))
        return out
    if kind == "type":
        expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        if error.validator_value == "string" and "description" in schema:
            expected = schema["description"]
        if not path:
            expected = _TYPE_WORDS.get(error.validator_value, expected)
        return [(path, "", f"expected {expected}, got {describe_value(value)}")]
    if kind == "pattern":
        if error.validator_value == "\\S":
            return [(path, "", "must not be empty")]
        return [(path, "", f"expected {_expected(schema, 'a value matching ' + error.validator_value)}, got {describe_value(value)}")]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [(path, "", f"expected one of: {options}; got {describe_value(value)}")]
    if kind in ("anyOf", "oneOf"):
        return [(path, "", f"expected {_expected(schema, 'another kind of value')}, got {describe_value(value)}")]
    if kind == "minItems":
        if error.validator_value == 1:
            return [(path, "", f"needs at least one entry ({_expected(schema, 'a list')})")]
        return [(path, "", f"needs at least {error.validator_value} entries")]
    if kind == "maxItems":
        return [(path, "", f"has {len(value)} entries; at most {error.validator_value} are allowed")]
    if kind == "minLength":
        return [(path, "", "must not be empty")]
    if kind == "maxLength":
        return [(path, "", f"is {len(value)} characters long; at most {error.validator_value} are allowed")]
    if kind == "uniqueItems":
        return [(path, "", "lists the same id twice")]
    if kind in ("minimum", "maximum"):
        return [(path, "", f"expected a number {'at least' if kind == 'minimum' else 'at most'} {error.validator_value}, got {describe_value(value)}")]
    return [(path, "", error.message)]
