"""Story YAML as plain data that remembers where each key and value was written.

The text is composed with libyaml's C parser when present (the safe loader;
never one that can build Python objects), straight from its event stream
into `YMap` and `YList`, so later diagnostics can point at `file:line:col`.
Refused as it is built: tags that would construct something other than
plain data (`!!python/object`), anchors and aliases (the way alias bombs
are built), duplicate keys, and nesting deeper than `MAX_NESTING`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from iss.authoring.characters import check_escaped
from iss.authoring.diagnostics import Report
from iss.authoring.yaml_data import Pos, YList, YMap

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NESTING = 64
"""How deep mappings and lists may nest in a story file.

The deepest real story file nests about six levels. The limit is ours, not the
parser's: libyaml 0.2.6 stops at 1,000 levels on its own while the pure-Python
parser has no limit, so without it the two would disagree about a file.
"""

FLOW_QUESTION = "YAML syntax: unquoted text inside `{…}` or `[…]` cannot contain `?`"
FLOW_QUESTION_HINT = 'put the text in quotes: hint: "Who holds the key?"'

_TAG = "tag:yaml.org,2002:"
_BIG_INT = 10**18
"""Integers beyond this are kept as written (every bound in `iss.engine.limits` is far below)."""
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

_ScalarEvent = yaml.ScalarEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class TooDeep(Exception):
    """Raised by the builder at the first mapping or list past `MAX_NESTING`."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.mark = mark


def mark_pos(mark: Any) -> Pos:
    """A libyaml mark (0-based) as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's own implicit-type rules (YAML 1.1), by first character."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        table[first or ""] = list(rules)
    return table


class Builder:
    """Builds YMap/YList straight from libyaml's event stream.

    This skips PyYAML's node graph and its per-scalar resolver calls for keys:
    with the garbage collector paused by the caller, reading a story costs
    about a third of a plain `yaml.load` of the same text.
    """

    def __init__(self, shown: str, report: Report) -> None:
        self.shown = shown
        self.report = report
        self.ok = True
        self.resolvers = _implicit_resolvers()
        self.scalars = yaml.constructor.SafeConstructor()
        self.plain: dict[str, Any] = {}
        """Plain scalars already typed, by text."""
        self.depth = 0
        """How many mappings and lists enclose the value being read."""

    def fail(self, code: str, mark: Any, message: str, hint: str = "") -> None:
        self.ok = False
        self.report.add(code, self.shown, mark.line + 1, mark.column + 1, message, hint)

    def build(self, text: str | bytes) -> Any:
        loader = _Loader(text)
        try:
            return self._document(loader)
        finally:
            loader.dispose()

    def _document(self, loader: Any) -> Any:
        get = loader.get_event
        get()  # StreamStart
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        value = self._value(get, get())  # after DocumentStart
        get()  # DocumentEnd
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "a story file holds one document; remove the extra `---`",
                event.start_mark,
            )
        return value

    def _value(self, get: Any, event: Any) -> Any:
        cls = event.__class__
        if cls is _ScalarEvent:
            return self._scalar(event)
        if cls is _MappingStart:
            self._check_tag(event)
            return self._mapping(get, event)
        if cls is _SequenceStart:
            self._check_tag(event)
            return self._sequence(get, event)
        if cls is yaml.AliasEvent:
            self.fail(
                "E104",
                event.start_mark,
                "aliases (*name) are refused",
                "write the value out in full",
            )
            return None
        raise yaml.composer.ComposerError(None, None, "unexpected YAML structure", event.start_mark)

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in _PLAIN_TAGS and tag != "!":
            self.fail(
                "E102",
                event.start_mark,
                f"the YAML tag `{tag}` is refused",
                "story files hold plain data only; remove the tag",
            )

    def _nested(self, get: Any, event: Any) -> Any:
        """A value that is not an untagged scalar: an untagged mapping or list is read
        straight away (the common case), anything else through `_value`."""
        cls = event.__class__
        if cls is _MappingStart and event.tag is None:
            return self._mapping(get, event)
        if cls is _SequenceStart and event.tag is None:
            return self._sequence(get, event)
        return self._value(get, event)

    def _sequence(self, get: Any, event: Any) -> YList:
        mark = event.start_mark
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise TooDeep(mark)
        seq = YList((mark.line + 1, mark.column + 1))
        append, append_pos = seq.append, seq.item_pos.append
        flow = event.flow_style
        scalar_event, mapping_start = _ScalarEvent, _MappingStart
        while True:
            item: Any = get()
            cls = item.__class__
            if cls is _SequenceEnd:
                self.depth -= 1
                return seq
            m: Any = item.start_mark
            append_pos((m.line + 1, m.column + 1))
            if cls is scalar_event and item.tag is None:
                text = item.value
                style = item.style
                if flow and not style and "?" in text:
                    self._flow_question(item, text)
                if style == '"':
                    self._escaped(item, text)
                if style or (len(text) > 5 and text[0].isalpha()):
                    append(text)  # the common case, without a call
                else:
                    append(self._plain(text))
            elif cls is mapping_start and item.tag is None:
                append(self._mapping(get, item))
            else:
                append(self._nested(get, item))

    def _mapping(self, get: Any, event: Any) -> YMap:
        mark = event.start_mark
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise TooDeep(mark)
        mapping = YMap((mark.line + 1, mark.column + 1))
        key_pos, val_pos = mapping.key_pos, mapping.val_pos
        scalar_event = _ScalarEvent
        flow = event.flow_style
        while True:
            key_event: Any = get()
            if key_event.__class__ is not scalar_event:
                if key_event.__class__ is _MappingEnd:
                    self.depth -= 1
                    return mapping
                self.fail("E112", key_event.start_mark, "keys must be plain words")
                self._value(get, key_event)
                self._value(get, get())
                continue
            key = key_event.value
            km: Any = key_event.start_mark
            if key_event.style == '"':
                self._escaped(key_event, key)
            value_event: Any = get()
            if key in mapping or (key == "<<" and not key_event.style):
                self._reject_key(mapping, key, km)
                self._value(get, value_event)
                continue
            key_pos[key] = (km.line + 1, km.column + 1)
            vm: Any = value_event.start_mark
            val_pos[key] = (vm.line + 1, vm.column + 1)
            if value_event.__class__ is scalar_event and value_event.tag is None:
                text = value_event.value
                style = value_event.style
                if style:
                    if style in "|>":
                        mapping.block = {**mapping.block, key: vm.index}
                    elif style == '"':
                        self._escaped(value_event, text)
                    mapping[key] = text
                elif flow and "?" in text:
                    self._flow_question(value_event, text)
                elif len(text) > 5 and text[0].isalpha():
                    mapping[key] = text
                else:
                    mapping[key] = self._plain(text)
            else:
                mapping[key] = self._nested(get, value_event)

    def _escaped(self, event: Any, text: str) -> None:
        """Check a double-quoted scalar, whose escapes can make any character."""
        if not check_escaped(text, self.shown, mark_pos(event.start_mark), self.report):
            self.ok = False

    def _flow_question(self, event: Any, text: str) -> None:
        """Refuse what only libyaml reads: a plain `?` inside `{…}` or `[…]`.

        PyYAML's pure-Python parser stops there with a syntax error, so a story
        that leaned on it would load on one machine and not on another.
        """
        mark = event.start_mark
        self.report.add(
            "E100",
            self.shown,
            mark.line + 1,
            mark.column + 1 + text.index("?"),
            FLOW_QUESTION,
            FLOW_QUESTION_HINT,
        )
        self.ok = False

    def _reject_key(self, mapping: YMap, key: str, mark: Any) -> None:
        if key == "<<":
            self.fail("E104", mark, "merge keys (<<) are refused", "write the keys out in full")
        else:
            first = mapping.key_pos[key]
            self.fail(
                "E121",
                mark,
                f"`{key}` appears twice in this mapping (first at line {first[0]})",
                "remove or rename one of them",
            )

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if event.style == '"':
            self._escaped(event, value)
        if tag is not None and tag != "!":
            self._check_tag(event)
            # An explicit plain tag such as !!int or !!str.
            return value if tag in (_TAG + "str", _TAG + "timestamp") else self._typed(tag, value)
        if event.style:
            return value  # quoted or block text is always text
        return self._plain(value)

    def _plain(self, value: str) -> Any:
        """A plain (unquoted, untagged) scalar typed by YAML 1.1's implicit rules."""
        if len(value) > 5 and value[0].isalpha():
            return value  # no YAML 1.1 bool or null word is longer than "false"
        known = self.plain.get(value, self)
        if known is not self:
            return known  # short words repeat: `10m`, `true`, `1`
        typed: Any = value
        for rule_tag, regexp in self.resolvers.get(value[:1], ()):
            if regexp.match(value):
                typed = self._typed(rule_tag, value)
                break
        self.plain[value] = typed
        return typed

    def _typed(self, tag: str, value: str) -> Any:
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() in ("yes", "true", "on", "y")
        node = ScalarNode(tag, value)
        try:
            if tag == _TAG + "int":
                number = self.scalars.construct_yaml_int(node)
                # A hex or base-60 literal can have thousands of digits; such a number
                # stays the text it was written as, and any field that needs a number
                # reports it with its bound (Python cannot even print it in decimal).
                return number if -_BIG_INT <= number <= _BIG_INT else value
            if tag == _TAG + "float":
                return self.scalars.construct_yaml_float(node)
        except (ValueError, yaml.YAMLError):
            return value
        return value
