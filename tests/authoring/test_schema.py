"""The JSON Schema of story files: generated from the loader's keys, shipped, and correct."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from iss.authoring.loader import load_story
from iss.authoring.schema import MANIFEST_REQUIRED, schema_text, story_schema
from iss.cli import main
from iss.paths import bundled_story_dir
from tests.authoring.test_explore import STATION
from tests.conftest import BASE_MANIFEST, BASE_SCENES, ROOT, TINY, WriteStory, codes

Schema = dict[str, Any]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the loader's parser


def errors(value: Any, schema: Schema, root: Schema, where: str = "$") -> list[str]:
    """A small JSON Schema (draft-07 subset) validator: the keywords story.schema.json uses."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(value, target, root, where)
    out: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        allowed = kinds if isinstance(kinds, list) else [kinds]
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "null": lambda v: v is None,
        }
        if not any(checks[k](value) for k in allowed):
            return [f"{where}: {value!r} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        out.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: missing {key}")
        for key, item in value.items():
            if "propertyNames" in schema:
                out += errors(key, schema["propertyNames"], root, f"{where}.{key}(name)")
            if key in props:
                out += errors(item, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}: unknown key {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(item, schema["additionalProperties"], root, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{where}: too few items")
        if "items" in schema:
            for i, item in enumerate(value):
                out += errors(item, schema["items"], root, f"{where}[{i}]")
    if "anyOf" in schema:
        results = [errors(value, s, root, where) for s in schema["anyOf"]]
        if all(results):
            out.append(f"{where}: matches none of anyOf: {min(results, key=len)}")
    if "oneOf" in schema:
        matches = sum(not errors(value, s, root, where) for s in schema["oneOf"])
        if matches != 1:
            out.append(f"{where}: matches {matches} of oneOf")
    return out


def validate(text: str) -> list[str]:
    schema = story_schema()
    return errors(yaml.load(text, Loader=_LOADER), schema, schema)


def test_shipped_copies_equal_the_generator_output() -> None:
    text = schema_text()
    assert (ROOT / "docs" / "story.schema.json").read_text(encoding="utf-8") == text
    assert (ROOT / "src" / "iss" / "schema" / "story.schema.json").read_text(
        encoding="utf-8"
    ) == text
    assert json.loads(text)["$schema"].startswith("http://json-schema.org/draft-07")


def _story_files() -> list[Path]:
    files = [*TINY.glob("*.yaml"), *STATION.glob("*.yaml")]
    bundled = bundled_story_dir()
    if load_story(bundled).story is not None:
        files += sorted(bundled.rglob("*.yaml"))
    return files


@pytest.mark.parametrize("path", _story_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_story_files_validate(path: Path) -> None:
    assert validate(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "text",
    [
        BASE_MANIFEST.replace("title: Test", "titel: Test"),
        BASE_MANIFEST.replace("trust: 4}", "trust: high}"),
        BASE_MANIFEST.replace("start: a", "start: First Scene"),
        BASE_SCENES.replace("    title: A\n", "    title: A\n    tiem: 5m\n"),
        BASE_SCENES.replace("    ending: good\n", ""),
        BASE_SCENES.replace("    ending: good\n", "    ending: good\n    next: a\n"),
        BASE_SCENES.replace("        go: b\n", "        go: b\n        time: soon\n"),
        BASE_SCENES.replace("        go: b\n", "        go: b\n        hidden: maybe\n"),
    ],
    ids=["typo", "trust", "id", "scene-key", "no-kind", "two-kinds", "duration", "bool"],
)
def test_mistakes_fail_validation(text: str) -> None:
    assert validate(text) != []


def test_branch_file_validates() -> None:
    branch = """\
extend:
  a:
    choices:
      - {text: Hide the key, go: hidden}
scenes:
  hidden: {text: The key is hidden., ending: hidden_end}
endings:
  hidden_end: {title: The Locker, kind: quiet}
"""
    assert validate(branch) == []


def test_required_manifest_keys_match_the_loader(write_story: WriteStory) -> None:
    for key in MANIFEST_REQUIRED:
        manifest = re.sub(rf"^{key}:.*\n(  .*\n)*", "", BASE_MANIFEST, flags=re.M)
        assert not re.search(rf"^{key}:", manifest, flags=re.M)
        assert "E111" in codes(load_story(write_story(manifest))), key


def test_loader_accepts_every_schema_key_of_trust_and_items(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace(
        "items:\n  key: Weronika's key\n",
        "trust: {min: 0, max: 10, levels: [low, high]}\n"
        "items:\n  key: {name: Weronika's key, description: Small.}\n",
    )
    assert "E110" not in codes(load_story(write_story(manifest)))
    assert validate(manifest) == []


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 1
