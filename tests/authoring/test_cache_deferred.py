"""Text read from the story cache is compiled when first read, and is then the compiled text."""

from __future__ import annotations

from pathlib import Path

import pytest

from iss.authoring import story_cache
from iss.authoring.compiling import CompileCache
from iss.authoring.loader import load_story
from iss.engine.expressions import Names
from iss.engine.runner import new_game
from iss.engine.template import Template, deferred
from iss.engine.text import compile_template
from iss.paths import bundled_story_dir

FIELDS = ("source", "pieces", "names", "styled", "dynamic", "per_visit")


def test_a_deferred_template_compiles_once_when_a_field_is_first_read() -> None:
    names = Names(characters={"alexey": "Alexey"}, crew=frozenset({"alexey"}))
    source = "You *see* {if trust.alexey >= 5: a nod | nothing}."
    compiled = compile_template(source, names)
    calls: list[str] = []

    def compile_it() -> Template:
        calls.append(source)
        return compiled

    template = deferred(source, compile_it)
    assert template.source == source and not calls
    assert template.dynamic and calls == [source]
    assert [getattr(template, f) for f in FIELDS] == [getattr(compiled, f) for f in FIELDS]
    assert template == compiled and hash(template) == hash(compiled)
    assert template.pending is None and calls == [source], "compiled once"
    with pytest.raises(AttributeError):
        template.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_cached_scenes_compile_their_text_only_when_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(story_cache.ENV, str(tmp_path / "cache"))
    compiled = load_story(bundled_story_dir(), cache=False).story
    assert load_story(bundled_story_dir()).story is not None  # writes the entry
    read: list[str] = []
    template = CompileCache.template

    def counted(self: CompileCache, source: str) -> Template:
        read.append(source)
        return template(self, source)

    monkeypatch.setattr(CompileCache, "template", counted)
    cached = load_story(bundled_story_dir()).story
    assert compiled is not None and cached is not None
    for scene in cached.scenes.values():  # every scene decoded, as an explorer does
        assert scene.choices is not None
    assert read == []
    state = new_game(compiled).state
    marked = [s for s in cached.scenes.values() if "{" in s.text.source]
    assert marked
    for scene in marked:
        assert scene.text.plain(state) == compiled.scenes[scene.id].text.plain(state)
        for name in FIELDS[2:]:
            assert getattr(scene.text, name) == getattr(compiled.scenes[scene.id].text, name)
    assert len(read) == len(marked)
