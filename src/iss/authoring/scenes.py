"""Compiling scene files: scenes, their choices, and `extend:` additions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iss.authoring.choices import ChoiceCompiler
from iss.authoring.compiling import CompileCache
from iss.authoring.fields import Fields
from iss.authoring.suggestions import suggest
from iss.authoring.titles import TitleProblem, TitleVariants, title_variants
from iss.authoring.yaml_data import Pos, YMap
from iss.engine.limits import MAX_NAME_CHARS
from iss.engine.model import RETURN, Choice, Route, Scene
from iss.engine.text import compile_template, count_words

FILE_KEYS = (
    "scenes",
    "extend",
    "endings",
    "groups",
    "properties",
    "facts",
    "flags",
    "items",
    "variables",
    "walkthroughs",
    "conditions",
)
SCENE_KEYS = (
    "title",
    "text",
    "location",
    "tags",
    "beat",
    "do",
    "time",
    "time_labels",
    "choices",
    "next",
    "ending",
    "requires",
    "mentions_absent",
    "mentions_unknown",
)
_SCENE_KEY_SET = frozenset(SCENE_KEYS)
_MARKUP = re.compile(r"(?<!\\)[{}*]")
"""What `SceneCompiler.plain_heading` refuses in a title or location."""
_STAR = re.compile(r"(?<!\\)\*")


@dataclass
class PendingScene:
    """A compiled scene plus where its targets were written, for checking later."""

    scene: Scene
    targets: list[tuple[str, Pos, str]] = field(default_factory=list)
    """(scene id, position, file) of each `go:`."""
    ending_pos: Pos | None = None
    """Where its `ending:` value is written, for a diagnostic about it."""
    fact_refs: list[tuple[str, Pos, str]] = field(default_factory=list)
    """(fact, position, file) of each `mentions_unknown:` entry, checked once facts are known."""


@dataclass
class Extension:
    """Choices a file adds to a scene defined elsewhere."""

    scene: str
    pos: Pos
    file: str
    choices: list[Choice]
    targets: list[tuple[str, Pos, str]]


def scene_ids(f: Fields, data: object) -> list[tuple[str, Pos]]:
    """The ids of the scenes a file defines (first pass, so `seen.x` can be checked)."""
    if not isinstance(data, YMap) or not isinstance(data.get("scenes"), YMap):
        return []
    scenes: YMap = data["scenes"]
    return [
        (sid, scenes.key_pos[sid])
        for sid in scenes
        if f.check_id(sid, scenes.key_pos[sid], "scene")
    ]


def _breaks(text: str) -> tuple[int, ...]:
    """Where the lines of a block scalar's text break."""
    breaks = []
    at = text.find("\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n", at + 1)
    return tuple(breaks)


def _scene(sid: str) -> str:
    return f"scene `{sid}`"


class SceneCompiler(ChoiceCompiler):
    """Compiles the scenes of one file against the story's names."""

    def __init__(
        self,
        f: Fields,
        cache: CompileCache,
        beats: tuple[str, ...],
        groups: dict[str, list[Choice]] | None = None,
    ) -> None:
        super().__init__(f, cache, groups)
        self.beats = beats

    def file(self, data: object) -> tuple[list[PendingScene], list[Extension], YMap | None]:
        """Compile a scene file; returns its scenes, extensions and raw `endings:`."""
        f = self.f
        root = f.mapping(data, (1, 1), "a scene file")
        if root is None:
            return [], [], None
        f.keys(root, FILE_KEYS, "a scene file")
        scenes: list[PendingScene] = []
        body = f.mapping(root.get("scenes"), root.val_pos.get("scenes", root.pos), "`scenes`")
        for sid, value in (body or {}).items():
            assert body is not None
            m = (
                value
                if isinstance(value, YMap)
                else f.mapping(value, body.val_pos[sid], _scene(sid))
            )
            if m is not None and f.check_id(sid, body.key_pos[sid], "scene"):
                scenes.append(self.scene(sid, m, body.key_pos[sid]))
        extensions: list[Extension] = []
        extend = f.mapping(root.get("extend"), root.val_pos.get("extend", root.pos), "`extend`")
        for sid, value in (extend or {}).items():
            assert extend is not None
            m = f.mapping(value, extend.val_pos[sid], f"`extend: {sid}`")
            if m is None:
                continue
            f.keys(m, ("choices",), f"`extend: {sid}`")
            targets: list[tuple[str, Pos, str]] = []
            choices = self.choices(m, sid, targets)
            extensions.append(Extension(sid, extend.key_pos[sid], f.file, choices, targets))
        endings = f.mapping(root.get("endings"), root.val_pos.get("endings", root.pos), "`endings`")
        return scenes, extensions, endings if "endings" in root else None

    def scene(self, sid: str, m: YMap, pos: Pos) -> PendingScene:
        f = self.f
        if not _SCENE_KEY_SET.issuperset(m):
            f.keys(m, SCENE_KEYS, _scene(sid))
        if m.get("text") is None:
            f.require(m, "text", _scene(sid))
        text_source = f.text(m, "text")
        text = self.template(m, "text", text_source)
        ending = f.text(m, "ending") or None
        targets: list[tuple[str, Pos, str]] = []
        choices: list[Choice] = []
        if "choices" in m:
            choices = self.choices(m, sid, targets)
        if "next" in m:
            target = f.text(m, "next")
            if target != RETURN:
                targets.append((target, m.val_pos["next"], f.file))
            choices.append(
                Choice(
                    "continue",
                    compile_template("Continue", self.names),
                    (Route(target),),
                    pos=f.position(m.val_pos["next"]),
                    origin=f.file,
                    key=f"{sid}.continue",
                )
            )
        if ("choices" in m) + ("next" in m) + ("ending" in m) != 1:
            kinds = [k for k in ("choices", "next", "ending") if k in m]
            what = "has none of" if not kinds else "has more than one of"
            f.error(
                "E132",
                pos,
                f"scene `{sid}` {what} `choices`, `next` and `ending`",
                "give it choices, `next: <scene>`, or `ending: <ending id>`",
            )
        beat = f.text(m, "beat") or None
        if beat is not None and beat not in self.beats:
            f.error(
                "E134",
                m.val_pos["beat"],
                f"beat `{beat}` is not in the manifest's beats",
                suggest(beat, self.beats) or "add it to `beats:` in story.yaml",
            )
        tags = tuple(t for t, _ in f.strings(m, "tags")) if "tags" in m else ()
        unknown = f.strings(m, "mentions_unknown") if "mentions_unknown" in m else []
        title, titles = self.title(m, sid)
        scene = Scene(
            id=sid,
            title=title,
            text=text,
            choices=tuple(choices),
            ending=ending,
            location=f.line(m, "location"),
            tags=tags,
            beat=beat,
            effects=self.effects(m),
            minutes=self.minutes(m),
            pos=f.position(pos),
            words=count_words(text_source),
            choice_index={c.id: c for c in choices},
            requires=self.condition(m, "requires", None),
            mentions_absent=self.absent(m, sid) if "mentions_absent" in m else (),
            mentions_unknown=tuple(name for name, _ in unknown),
            text_pos=f.position(f.text_pos(m, "text", 0)) if "text" in m else None,
            text_breaks=_breaks(text_source) if "text" in m.block else (),
            titles=titles.titles if titles is not None else (),
            titles_cycle=titles is not None and titles.cycles,
            time_labels_always=self.time_labels(m),
        )
        self.plain_heading(m, "location")
        refs = [(name, pos, f.file) for name, pos in unknown]
        return PendingScene(scene, targets, m.val_pos.get("ending"), refs)

    def title(self, m: YMap, sid: str) -> tuple[str, TitleVariants | None]:
        """The scene's title, and each visit's when it varies (`iss.authoring.titles`)."""
        f = self.f
        title = m.get("title")
        if not isinstance(title, str) or len(title) > MAX_NAME_CHARS:
            title = f.line(m, "title", sid.replace("_", " ").capitalize())
        found = title_variants(title)
        if isinstance(found, TitleProblem):
            f.error("E180", f.text_pos(m, "title", found.offset), found.message, found.hint)
            return title, None
        if found is None:
            self.plain_heading(m, "title")
            return title, None
        star = _STAR.search(title)
        if star is not None:
            f.error(
                "E180",
                f.text_pos(m, "title", star.start()),
                "a scene's `title` is shown as written: `*` would show raw",
                "write no emphasis in a title",
            )
        for each in found.titles:
            f.check_length(each, m.val_pos.get("title", m.pos), "visit's title", MAX_NAME_CHARS)
        return found.titles[0], found

    def time_labels(self, m: YMap) -> bool:
        """`time_labels: always` (True), or `auto`, the default: a decision labels its
        choices' time only where they differ by half an hour or more on this route."""
        value = m.get("time_labels", "auto")
        if not isinstance(value, str) or value not in ("always", "auto"):
            shown = f"`{value}`" if isinstance(value, str) else "a yes/no value"
            self.f.error(
                "E113",
                m.val_pos.get("time_labels", m.pos),
                f"`time_labels` is `always` or `auto`, not {shown}",
                "write `time_labels: always` for a decision whose every route should show "
                "each choice's time (`iss report` lists the uneven ones), or leave it out",
            )
            return False
        return value == "always"

    def plain_heading(self, m: YMap, key: str) -> None:
        """`title:` and `location:` are shown as they are (in headers, saves and
        lists): a `{...}` or `*` in them would show raw, so it is refused."""
        value = m.get(key)
        if not isinstance(value, str) or not ("{" in value or "}" in value or "*" in value):
            return
        found = _MARKUP.search(value)
        if found is not None:
            self.f.error(
                "E180",
                self.f.text_pos(m, key, found.start()),
                f"a scene's `{key}` is plain text: `{found.group()}` would show as it is",
                "write the name itself (Alexey, not {alexey}) and no emphasis; "
                "names, conditions and variations belong in `text:`",
            )

    def absent(self, m: YMap, sid: str) -> tuple[str, ...]:
        """`mentions_absent:` the characters the scene may name while dead or missing."""
        out = []
        for who, pos in self.f.strings(m, "mentions_absent"):
            if who in self.names.crew:
                out.append(who)
            else:
                self.f.error(
                    "E141",
                    pos,
                    f"`mentions_absent` of scene `{sid}` names `{who}`, who is not in the crew",
                    suggest(who, self.names.crew) or "list crew ids from `characters:`",
                )
        return tuple(out)
