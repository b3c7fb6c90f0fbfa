"""YAML that remembers where things are: line numbers for every key and list item.

The case map reader needs them to say `file.yaml:12: people[3].role: ...`. The
C parser is used when PyYAML was built with it; duplicate keys are refused,
because PyYAML would otherwise keep the last one and lose data in silence.
"""
from __future__ import annotations

from typing import Any, Iterator

import yaml

try:  # the C parser is several times faster; the constructor stays Python
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class MarkedDict(dict):
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list):
    """A sequence that knows the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class DuplicateKey(yaml.MarkedYAMLError):
    """Two equal keys in one mapping."""


class BadValue(yaml.MarkedYAMLError):
    """A value YAML cannot turn into what its tag says (!!float 1e400})."""


class _MarkedLoader(_Base):  # type: ignore[misc, valid-type]
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's constructors raise plain ValueErrors (an impossible date, a bad
        # !!float): make them YAML errors that carry the line, like any other.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as error:
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            kind = node.tag.rsplit(":", 1)[-1]
            what = "a date" if kind == "timestamp" else f"a {kind}"
            raise BadValue(None, None, f"{str(value)[:40]!r} is not {what} ({error}); "
                           "correct it, or quote it if it is text", node.start_mark) from None


def _mapping(loader: _MarkedLoader, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    result = MarkedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise DuplicateKey("while reading a mapping", node.start_mark,
                               "found a key that is not a plain value",
                               key_node.start_mark) from None
        if key in result:
            first = result.key_lines[key]
            raise DuplicateKey("while reading a mapping", node.start_mark,
                               f"duplicate key {key!r} (first at line {first}); "
                               "keep one of them", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _timestamp(loader: _MarkedLoader, node: yaml.ScalarNode) -> Any:
    """A date or time; an impossible one (2021-02-30, 2021-13-45) stays its text, so
    that the case map checks say which element holds it, as for any bad date."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _sequence(loader: _MarkedLoader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_MarkedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_marked_stream(text: str) -> Iterator[tuple[int, Any]]:
    """Yield (line where the document starts, document) for each document of a stream.

    Raises yaml.YAMLError (with a problem_mark) for text that is not YAML.
    """
    loader = _MarkedLoader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            line = node.start_mark.line + 1 if node is not None else 0
            yield line, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
