"""A new story that passes `iss check --strict` as it stands (`iss init DIR`).

Two files, a schema for editors next to them, two endings and a walkthrough
for each: the smallest story that shows every part an author fills in.
"""

from __future__ import annotations

import re

from iss.engine.limits import MAX_ID_CHARS

SCHEMA_FILE = "story.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
_SCHEMA_LINE = re.compile(r"\A(#\s*yaml-language-server:\s*\$schema=)[^\n]*")

MANIFEST = """\
{comment}#
# The manifest: what exists in the story. Scenes live in the other *.yaml files.
# See docs/story-format.md; `iss check --strict .` checks everything.
id: {story_id}
title: {title}
start: airlock
characters:
  kira: {{name: Dr. Kira Foster, side: US, player: true}}
  nika: {{name: Weronika Pulaska, side: US, trust: 5}}
flags:
  checked_suit: You checked your suit before going out.
endings:
  outside:
    title: Outside
    kind: good
    canonical: true
    hint: What is out there, past the hatch?
  inside:
    title: Inside
    kind: quiet
    hint: What if you never went out at all?
walkthroughs:
  canonical: {{ending: outside, choices: [check_the_suit, open_the_hatch]}}
  inside: {{ending: inside, choices: [stay_in]}}
"""

SCENES = """\
{comment}#
# Scenes: text, and the choices that lead on. Add files next to this one freely.
scenes:
  airlock:
    title: The Airlock
    location: Quest airlock
    text: |
      The inner hatch seals behind you. Through the small window the Earth
      turns, blue and white, and {{nika}} waits on the radio for your word.
    choices:
      - id: check_the_suit
        text: Check the suit, seal by seal
        do: flag.checked_suit = true
        time: 10m
        go: airlock
      - id: open_the_hatch
        text: Open the outer hatch
        when: flag.checked_suit
        reason: You have not checked your suit yet.
        go: outside
      - id: stay_in
        text: Tell {{nika}} you are staying in
        do: trust.nika -= 1
        go: inside

  outside:
    title: Outside
    ending: outside
    text: |
      The hatch swings open on the whole Earth, and for a moment you forget
      to breathe.

  inside:
    title: Inside
    ending: inside
    text: |
      You take the helmet off and sit with your back to the hatch, listening
      to the fans hum.
"""


def story_files(story_id: str, title: str) -> dict[str, str]:
    """File name -> text of a new story called `title`."""
    fields = {"comment": SCHEMA_COMMENT, "story_id": story_id, "title": _quoted(title)}
    return {"story.yaml": MANIFEST.format(**fields), "scenes.yaml": SCENES.format(**fields)}


def story_id_for(folder_name: str) -> str:
    """An id for saves from a folder name: `My Story` -> `my_story`."""
    words = re.findall(r"[a-z0-9]+", folder_name.lower())
    story_id = "_".join(words) or "my_story"
    story_id = story_id if story_id[0].isalpha() else f"story_{story_id}"
    return story_id[:MAX_ID_CHARS].rstrip("_")


def title_for(folder_name: str) -> str:
    """A first title from a folder name: `my-story` -> `My Story`."""
    words = re.findall(r"[A-Za-z0-9]+", folder_name)
    return " ".join(w.capitalize() for w in words) or "My Story"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def point_at_schema(text: str, schema_path: str) -> str | None:
    """`text` with its first-line schema comment pointing at `schema_path`, or None
    when the file has no such comment (it is left as it is)."""
    if not _SCHEMA_LINE.match(text):
        return None
    return _SCHEMA_LINE.sub(lambda m: m.group(1) + schema_path, text, count=1)
