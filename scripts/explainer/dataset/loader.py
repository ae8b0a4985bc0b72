"""Stage 1: read a YAML data file into plain Python values, keeping line numbers.

Only the YAML that editors need is accepted: no anchors or aliases (which would also
let a few lines expand into millions of nodes), no explicit tags such as
``!!python/object`` (nothing may execute), no duplicate keys and no tab indentation.
Dates stay strings, exactly as typed, so that "1965" and 1965-06-02 are checked by the
schema rather than silently converted by YAML 1.1's rules.

Text must be text a page can show: YAML's escapes ("\x85", "\u2028") can put control
characters, line separators and Unicode noncharacters into a value, which would break a
page's front matter or an export without an error. They are refused here, with the line
and the field, like a tab.
"""

from __future__ import annotations

import math
import re
import unicodedata
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
_FLOAT = "tag:yaml.org,2002:float"
_SCALAR_TAGS = ("tag:yaml.org,2002:int", _FLOAT, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
_KEY_TAGS = {_STR, *_SCALAR_TAGS}

def _unwanted_characters() -> re.Pattern:
    """Characters no value may hold: C0 and C1 controls (a newline aside), DEL, the line and
    paragraph separators, surrogates and Unicode's noncharacters (U+FDD0-U+FDEF, and the
    last two code points of every plane)."""
    ranges = ["\x00-\x09", "\x0b-\x1f", "\x7f-\x9f", "\u2028\u2029", "\ud800-\udfff", "\ufdd0-\ufdef"]
    ranges += [chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)]
    return re.compile("[" + "".join(ranges) + "]")


_UNWANTED = _unwanted_characters()


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

    def line_in_text(self, path: Path_, index: int) -> int:
        """The line of character ``index`` of the text at ``path``: exact in a literal
        block (``|``), the field's own line otherwise. Only called to report a problem."""
        node = self.root
        for part in path:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            elif isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
                if node is None:
                    return self.line_of(path)
            else:
                return self.line_of(path)
        if isinstance(node, yaml.ScalarNode) and node.style == "|":
            return node.start_mark.line + 2 + node.value.count("\n", 0, max(0, index))
        return self.line_of(path)

    def path_of(self, node) -> tuple:
        return _path_to(self.root, node)


def decode_utf8(name: str, raw: bytes) -> tuple[str, Problem | None]:
    """The text of the file ``name``, or a problem naming the line of its first bad byte."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return "", Problem(name, line, message=f"the file is not valid UTF-8 text (byte {err.start + 1}); save it as UTF-8")


def unwanted_character(text: str) -> str | None:
    """The first character of ``text`` that no value may hold, described; None if none."""
    found = _UNWANTED.search(text)
    return _describe(found.group(0)) if found else None


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    if not name:
        name = "a surrogate" if 0xD800 <= ord(char) <= 0xDFFF else "a noncharacter" if unicodedata.category(char) == "Cn" else "a control character"
    return f"U+{ord(char):04X}, {name}"


def _path_to(root, target) -> tuple:
    """The data path (3, "sources", 0, "url") of ``target``, a node under ``root``; for a
    field name, the path of its field. Only called to report a problem."""
    stack = [(root, ())]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key is target:
                    return path + (key.value,)
                stack.append((value, path + (key.value,)))
    return ()


def parse_yaml(name: str, raw: bytes) -> tuple[LoadedFile, list[Problem]]:
    """Parse ``raw`` bytes of the file called ``name``. Pure: returns problems, never raises."""
    loaded = LoadedFile(name)
    text, problem = decode_utf8(name, raw)
    if problem:
        return loaded, [problem]
    text = text.removeprefix("\ufeff")
    # YAML reads these as line breaks, so its own message would point at the wrong place.
    odd_break = re.search("[\x85\u2028\u2029]", text)
    if odd_break:
        line = text.count("\n", 0, odd_break.start()) + 1
        return loaded, [Problem(name, line, message=f"the file holds an invisible character that pages cannot show "
                                                   f"({_describe(odd_break.group(0))}); delete it")]

    loader = _DataLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        found = _syntax_problem(name, err, text)
        return loaded, found if isinstance(found, list) else [found]
    except yaml.reader.ReaderError as err:  # a raw control character in the file
        line = text.count("\n", 0, err.position) + 1
        return loaded, [Problem(name, line, message=f"the file holds an invisible character that pages cannot show ({_describe(chr(err.character))}); delete it")]
    except yaml.YAMLError as err:  # a problem without a position
        return loaded, [Problem(name, 1, message=f"YAML syntax error: {err}")]
    finally:
        loader.dispose()

    if root is None:
        return loaded, [Problem(name, 1, message="the file is empty")]

    loaded.data, problems, unwanted = _construct_checked(root, name)
    if problems:
        return LoadedFile(name), problems
    loaded.root = root
    return loaded, [_unwanted_problem(loaded, node, key) for node, key in unwanted]


def _unwanted_problem(loaded: LoadedFile, node, in_key: bool) -> Problem:
    """A value holding a character it may not hold, located by path so that the report can
    name the entry and the field (see checking.Checker.locate)."""
    match = _UNWANTED.search(node.value)
    char = match.group(0)
    line = node.start_mark.line + 1
    if node.style in ("|", ">"):  # a block scalar's text starts on the line after its indicator
        line += 1 + node.value.count("\n", 0, match.start())
    if char == "\t":
        message = "a tab character is in the text; replace it with spaces"
    else:
        message = f"the text holds an invisible character that pages cannot show ({_describe(char)}); delete it"
    path = loaded.path_of(node)
    if in_key:
        message = "a field name " + message.removeprefix("the text ").removeprefix("a tab character is in the text")
    return Problem(loaded.name, line, message=message, path=path)


def _syntax_problem(name: str, err: yaml.MarkedYAMLError, text: str) -> Problem | list[Problem]:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    what = err.problem or "syntax error"
    hint = ""
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        if re.match(r" *\t", lines[line - 1]):  # every such line at once, not one per run
            tab_indented = [n for n, text_line in enumerate(lines, 1) if re.match(r" *\t", text_line)]
            return [Problem(name, n, message="a tab is used for indentation; YAML needs spaces") for n in tab_indented]
        hint = "; the line holds a tab: use spaces"
    elif "mapping values are not allowed" in what:
        hint = "; a value holding a colon followed by a space must be put in quotes"
    elif "could not find expected ':'" in what:
        hint = "; check the indentation and that every field is written as `name: value`"
    return Problem(name, line, message=f"YAML syntax error: {what}{hint}")


def _construct_checked(root, name: str) -> tuple[object, list[Problem], list]:
    """Turn the node tree into Python values, refusing what editors' data must not hold.

    One pass over every node, in document order, without recursion (so deep nesting
    cannot exhaust the stack). A node met a second time is an alias. Strings, the bulk
    of the data, are taken as they are; other scalars go through PyYAML's safe
    constructor, so "0x1F" or "yes" mean what YAML 1.1 says they mean.
    """
    problems: list[Problem] = []
    unwanted: list = []  # (string node, whether it is a field name) holding a character no text may hold
    unwanted_search = _UNWANTED.search
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
            if unwanted_search(node.value):
                unwanted.append((node, False))
        elif kind is scalar and tag in scalar_constructors:
            value = parent[slot] = scalar_constructors[tag](constructor, node)
            if tag == _FLOAT and not math.isfinite(value):
                problems.append(Problem(name, node.start_mark.line + 1,
                                        message=f"{node.value!r} is not a number a page can show; write a finite number"))
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
                    if key_node.tag == _STR and unwanted_search(key_node.value):
                        unwanted.append((key_node, True))
                    if key in entry:
                        problems.append(Problem(name, key_line, message=f"the field {key_node.value!r} appears twice in the same entry"))
                        continue
                    entry[key] = None  # keeps the keys in document order
                    children.append((value_node, key_line, entry, key))
            stack.extend(reversed(children))
        else:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(name, node.start_mark.line + 1, message=f"the tag {shown} is not allowed; write plain values only"))
    return result[0], problems, unwanted
