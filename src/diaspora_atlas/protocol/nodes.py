"""Reading a YAML document as nodes that remember their line, so every error names the file,
the line and the field (``protocols/x.yml:14: hosts[2].country: ...``).

PyYAML's ``compose`` gives the node tree before any value is built; each node keeps its
``start_mark``. ``Node`` wraps one with its dotted path and offers typed readers that raise
``ProtocolError`` at that node's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from diaspora_atlas.errors import DataFileError

HINT = "see docs/protocol.md for the file format"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class ProtocolError(DataFileError):
    """A protocol file that cannot be read or does not follow the format."""

    def __init__(self, file: Path, line: int, field: str, problem: str, hint: str = HINT) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {field + ': ' if field else ''}{problem}", hint)


@dataclass(frozen=True)
class Node:
    """A YAML node, where it is (1-based line) and what it is called (``hosts[0].country``)."""

    node: yaml.Node
    path: str
    file: Path

    @property
    def line(self) -> int:
        return int(self.node.start_mark.line) + 1

    def error(self, problem: str, hint: str = HINT) -> ProtocolError:
        return ProtocolError(self.file, self.line, self.path, problem, hint)

    def _child(self, node: yaml.Node, name: str) -> Node:
        if name.startswith("["):
            return Node(node, self.path + name, self.file)
        return Node(node, f"{self.path}.{name}" if self.path else name, self.file)

    def _kind(self) -> str:
        if isinstance(self.node, yaml.MappingNode):
            return "a mapping"
        if isinstance(self.node, yaml.SequenceNode):
            return "a list"
        if self.node.tag == _NULL:
            return "empty"
        return f"the value {self.node.value!r}"

    def mapping(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Fields:
        """The fields of a mapping; unknown keys, repeated keys and missing ones are errors."""
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error(f"expected a mapping of fields, found {self._kind()}")
        allowed = (*required, *optional)
        found: dict[str, Node] = {}
        for key_node, value_node in self.node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            where = self._child(key_node, str(name))
            if name not in allowed:
                close = ", ".join(allowed)
                raise where.error(f"unknown field {name!r}", f"the fields here are: {close}")
            if name in found:
                raise where.error(f"field {name!r} is given twice (line {found[name].line})")
            found[name] = self._child(value_node, name)
        missing = [name for name in required if name not in found]
        if missing:
            raise self.error(f"missing required field {missing[0]!r}")
        return Fields(self, found)

    def entries(self) -> Iterator[tuple[Node, Node]]:
        """(key, value) pairs of a mapping whose keys are data (language codes), each once."""
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error(f"expected a mapping, found {self._kind()}")
        seen: set[str] = set()
        for key_node, value_node in self.node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            key = self._child(key_node, name)
            if name in seen:
                raise key.error(f"{name!r} is given twice")
            seen.add(name)
            yield key, self._child(value_node, name)

    def items(self) -> Iterator[Node]:
        """The items of a list (an empty list is allowed; check the length where it matters)."""
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error(f"expected a list, found {self._kind()}")
        for index, item in enumerate(self.node.value):
            yield self._child(item, f"[{index}]")

    def text(self) -> str:
        """A non-empty string; scalars are read as written (``no`` stays ``"no"``)."""
        if not isinstance(self.node, yaml.ScalarNode) or self.node.tag == _NULL:
            raise self.error(f"expected text, found {self._kind()}")
        value = str(self.node.value).strip()
        if not value:
            raise self.error("expected text, found an empty string")
        return value

    def texts(self) -> tuple[str, ...]:
        """A list of non-empty strings."""
        return tuple(item.text() for item in self.items())

    def integer(self) -> int:
        if not isinstance(self.node, yaml.ScalarNode) or self.node.tag != _INT:
            raise self.error(f"expected a whole number, found {self._kind()}")
        return int(str(self.node.value).replace("_", ""), 0)

    def boolean(self) -> bool:
        if not isinstance(self.node, yaml.ScalarNode) or self.node.tag != _BOOL:
            raise self.error(f"expected true or false, found {self._kind()}")
        return str(self.node.value).lower() in ("true", "yes", "on", "y")

    def choice(self, allowed: tuple[str, ...]) -> str:
        value = self.text()
        if value not in allowed:
            raise self.error(f"{value!r} is not one of: {', '.join(allowed)}")
        return value


@dataclass(frozen=True)
class Fields:
    """The fields of one mapping, by name."""

    owner: Node
    found: dict[str, Node]

    def __getitem__(self, name: str) -> Node:
        return self.found[name]

    def get(self, name: str) -> Node | None:
        return self.found.get(name)

    def text(self, name: str, default: str = "") -> str:
        node = self.found.get(name)
        return node.text() if node is not None else default

    def texts(self, name: str) -> tuple[str, ...]:
        node = self.found.get(name)
        return node.texts() if node is not None else ()


def compose(file: Path) -> Node:
    """The document's root node; a syntax error names its line."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProtocolError(file, 0, "", f"cannot be read ({exc})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 0
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise ProtocolError(file, line, "", f"YAML syntax error: {problem}") from exc
    except yaml.YAMLError as exc:
        raise ProtocolError(file, 0, "", f"YAML error: {exc}") from exc
    if root is None:
        raise ProtocolError(file, 1, "", "the file is empty")
    return Node(root, "", file)
