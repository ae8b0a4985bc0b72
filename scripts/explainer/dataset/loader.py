"""Stage 1: read a YAML data file into plain Python values, keeping line numbers.

Only the YAML that editors need is accepted: no anchors or aliases (which would also
let a few lines expand into millions of nodes), no explicit tags such as
``!!python/object`` (nothing may execute), no duplicate keys and no tab indentation.
Dates stay strings, exactly as typed, so that "1965" and 1965-06-02 are checked by the
schema rather than silently converted by YAML 1.1's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .problems import Problem

Path_ = tuple  # a location inside the data: (3, "sources", 0, "url")

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class _DataLoader(_BaseLoader):
    """The safe loader without the timestamp resolver: dates are validated as text."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALAR_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
_KEY_TAGS = {_STR, *_SCALAR_TAGS}
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


@dataclass
class LoadedFile:
    """A data file's content, and its YAML nodes to find the line of any value on demand."""

    name: str  # relative path, e.g. "data/events.yaml"
    data: object = None
    root: object = None  # the composed yaml.Node tree

    def line_of(self, path: Path_) -> int:
        """The 1-based line of the deepest location on ``path`` that exists: a field's
        name, a list item's start. Only called to report a problem, so it may be slow."""
        node, line = self.root, 1
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in path:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            elif isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
                if match is None:
                    break
                line, node = match[0].start_mark.line + 1, match[1]
            else:
                break
        return line


def parse_yaml(name: str, raw: bytes) -> tuple[LoadedFile, list[Problem]]:
    """Parse ``raw`` bytes of the file called ``name``. Pure: returns problems, never raises."""
    loaded = LoadedFile(name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return loaded, [Problem(name, line, message=f"the file is not valid UTF-8 text (byte {err.start + 1}); save it as UTF-8")]
    text = text.removeprefix("\ufeff")

    if _TAB_INDENT.search(text):  # rare: only then find every line that has one
        tab_lines = [n for n, line in enumerate(text.splitlines(), 1) if _TAB_INDENT.match(line)]
        return loaded, [Problem(name, n, message="a tab is used for indentation; YAML needs spaces") for n in tab_lines]

    loader = _DataLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return loaded, [_syntax_problem(name, err, text)]
    except yaml.YAMLError as err:  # a problem without a position
        return loaded, [Problem(name, 1, message=f"YAML syntax error: {err}")]
    finally:
        loader.dispose()

    if root is None:
        return loaded, [Problem(name, 1, message="the file is empty")]

    loaded.data, problems = _construct_checked(root, name)
    if problems:
        return LoadedFile(name), problems
    loaded.root = root
    return loaded, []


def _syntax_problem(name: str, err: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    what = err.problem or "syntax error"
    hint = ""
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        hint = "; the line holds a tab: use spaces"
    elif "mapping values are not allowed" in what:
        hint = "; a value holding a colon followed by a space must be put in quotes"
    elif "could not find expected ':'" in what:
        hint = "; check the indentation and that every field is written as `name: value`"
    return Problem(name, line, message=f"YAML syntax error: {what}{hint}")


def _construct_checked(root, name: str) -> tuple[object, list[Problem]]:
    """Turn the node tree into Python values, refusing what editors' data must not hold.

    One pass over every node, in document order, without recursion (so deep nesting
    cannot exhaust the stack). A node met a second time is an alias. Strings, the bulk
    of the data, are taken as they are; other scalars go through PyYAML's safe
    constructor, so "0x1F" or "yes" mean what YAML 1.1 says they mean.
    """
    problems: list[Problem] = []
    seen: set[int] = set()
    constructor = yaml.constructor.SafeConstructor()
    scalar_constructors = {tag: constructor.yaml_constructors[tag] for tag in _SCALAR_TAGS}
    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    result = [None]
    # (node, the line where it is used, the list or dict that receives its value, the slot)
    stack = [(root, root.start_mark.line + 1, result, 0)]
    while stack:
        node, used_at, parent, slot = stack.pop()
        if id(node) in seen:
            problems.append(Problem(name, used_at, message="anchors and aliases (& and *) are not allowed; write the value out"))
            continue
        seen.add(id(node))
        kind, tag = node.__class__, node.tag
        if kind is scalar and tag == _STR:
            parent[slot] = node.value
        elif kind is scalar and tag in scalar_constructors:
            parent[slot] = scalar_constructors[tag](constructor, node)
        elif kind is sequence and tag == _SEQ:
            items = parent[slot] = [None] * len(node.value)
            # An alias item has no position of its own: report the list's line for it.
            stack.extend((item, used_at if id(item) in seen else item.start_mark.line + 1, items, index)
                         for index, item in reversed(list(enumerate(node.value))))
        elif kind is mapping and tag == _MAP:
            entry = parent[slot] = {}
            children = []
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    problems.append(Problem(name, key_line, message="merge keys (<<) are not allowed"))
                elif key_node.__class__ is not scalar or key_node.tag not in _KEY_TAGS:
                    problems.append(Problem(name, key_line, message="a field name must be plain text"))
                else:
                    key = key_node.value if key_node.tag == _STR else scalar_constructors[key_node.tag](constructor, key_node)
                    if key in entry:
                        problems.append(Problem(name, key_line, message=f"the field {key_node.value!r} appears twice in the same entry"))
                        continue
                    entry[key] = None  # keeps the keys in document order
                    children.append((value_node, key_line, entry, key))
            stack.extend(reversed(children))
        else:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(name, node.start_mark.line + 1, message=f"the tag {shown} is not allowed; write plain values only"))
    return result[0], problems
