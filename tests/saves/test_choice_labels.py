""" "Taken before" means the words shown: a choice whose label changes with the route is
marked only where its wording now is one the player took (`iss.engine.choice_labels`)."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from pathlib import Path

import pytest

from iss.engine.choice_labels import ChoiceLabels, wording
from iss.engine.model import Story
from iss.engine.player_record import encode_profile
from iss.engine.profile import PROFILE_NAME, Profile, Record, decode_profile
from iss.engine.runner import choose, new_game
from iss.engine.text_digest import text_digest
from iss.plain import PlainGame
from tests.conftest import load_ok
from tests.saves.conftest import FIXTURES, play_through

WARM = "Float up to the cupola together"
COLD = "Go to the cupola"
"""The two wordings of the lab's `to_cupola`: warm once Alexey was greeted (trust 5)."""


@pytest.fixture
def worded(tmp_path: Path) -> Story:
    """The station story with `to_cupola`'s label depending on the greeting."""
    folder = tmp_path / "worded"
    shutil.copytree(FIXTURES / "station", folder)
    scenes = folder / "scenes.yaml"
    text = scenes.read_text()
    old = "        text: Go to the cupola\n"
    assert old in text
    scenes.write_text(
        text.replace(old, f'        text: "{{if trust.alexey >= 5: {WARM} | {COLD}}}"\n')
    )
    return load_ok(folder)


def test_the_record_keeps_the_wording_taken(tmp_path: Path, worded: Story) -> None:
    saves = tmp_path / "saves"
    play_through(Profile.open(saves), worded, ("greet", "to_cupola", "take_key", "open_it"))
    record = Profile.open(saves).record(worded.id)
    assert record.taken("lab", "to_cupola")  # by id, as the map and `taken.` read it
    assert record.taken_as("lab", "to_cupola", WARM)
    assert not record.taken_as("lab", "to_cupola", COLD)  # never offered in these words
    assert not record.taken_as("cupola", "leave_key", "Leave it")  # never taken at all
    on_disk = json.loads((saves / PROFILE_NAME).read_text())["stories"][worded.id]["labels"]
    assert ["lab", "to_cupola", text_digest(WARM)] in on_disk


def test_a_choice_taken_with_no_wording_on_file_is_marked_by_id() -> None:
    """An older record (or a route replayed with --at) kept ids only: marked as before."""
    record = Record(choices={("lab", "to_cupola")})
    assert record.taken_as("lab", "to_cupola", WARM) and record.taken_as("lab", "to_cupola", COLD)


def test_labels_merge_and_survive_the_file() -> None:
    one, other = Record(choices={("lab", "to_cupola")}), Record(choices={("lab", "to_cupola")})
    one.labels.add("lab", "to_cupola", WARM)
    other.labels.add("lab", "to_cupola", COLD)
    assert one.absorb(other) and not one.absorb(other)  # the second time adds nothing
    assert one.taken_as("lab", "to_cupola", WARM) and one.taken_as("lab", "to_cupola", COLD)
    again = decode_profile(encode_profile({"station": one}))["station"]
    assert again.labels == one.labels


@pytest.mark.parametrize(
    "labels",
    [
        "not a list",
        [["lab", "to_cupola"]],
        [["lab", "to_cupola", "xyz"]],
        [["lab", "to_cupola", 7]],
        [["lab", "to_cupola", "0123456789ABCDEF"]],
        [None, 3, {"a": 1}],
    ],
)
def test_damaged_labels_are_left_out_never_an_error(labels: object) -> None:
    raw = {
        "format": "iss-profile",
        "version": 1,
        "min_reader": 1,
        "stories": {
            "station": {
                "endings": {},
                "scenes": [],
                "choices": [["lab", "to_cupola"]],
                "labels": labels,
            }
        },
    }
    record = decode_profile(json.dumps(raw).encode())["station"]
    assert record.labels == ChoiceLabels()
    assert record.taken_as("lab", "to_cupola", COLD)  # no wording on file: by id


def _plain(story: Story, saves: Path, stdin: str) -> str:
    out = io.StringIO()
    PlainGame(story, io.StringIO(stdin), out, saves_dir=saves, skim=False).run()
    return out.getvalue()


def test_plain_marks_only_the_wording_taken(tmp_path: Path, worded: Story) -> None:
    saves = tmp_path / "saves"
    _plain(worded, saves, "1\n2\n")  # greet, then the warm wording of to_cupola
    cold = _plain(worded, saves, "2\n")  # drift past him: the cold wording
    assert f"  2) {COLD}\n" in cold  # a wording never taken is new
    warm = _plain(worded, saves, "1\n")
    assert f"  2) {WARM} (taken before)\n" in warm


def test_a_flood_of_labels_is_capped_and_read_quickly() -> None:
    """A hostile profile: every entry its own choice, more than the cap (read in linear time)."""
    from iss.engine.choice_labels import MAX_LABELS

    flood = [[f"s{i}", f"c{i}", text_digest(str(i))] for i in range(MAX_LABELS + 50)]
    labels = ChoiceLabels.decode(flood)
    assert labels.count == MAX_LABELS == len(labels.encode())
    assert not labels.add("lab", "to_cupola", WARM)  # full: nothing more is kept


def test_a_choice_the_story_no_longer_has_is_kept_by_id(tmp_path: Path, worded: Story) -> None:
    """An edited story, reloaded between two steps: the step is noted without a wording."""
    from iss.engine.runner import choose, new_game

    profile = Profile.open(tmp_path / "saves")
    before = new_game(worded).state
    after = choose(worded, before, "greet").state
    dock = worded.scenes["dock"]
    without = dataclasses.replace(
        dock,
        choices=tuple(c for c in dock.choices if c.id != "greet"),
        choice_index={k: c for k, c in dock.choice_index.items() if k != "greet"},
    )
    edited = dataclasses.replace(worded, scenes={**worded.scenes, "dock": without})
    assert profile.note(edited, after, before)
    record = profile.record(worded.id)
    assert record.taken("dock", "greet") and record.labels.count == 0


@pytest.fixture
def hub(tmp_path: Path) -> Story:
    """The tiny story with The Key's title changing on a second visit, as a hub's does."""
    folder = tmp_path / "hub"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "tiny", folder)
    for name, old, new in (
        ("scenes.yaml", "    title: The Key\n", '    title: "The Key{sequence: | , Later}"\n'),
        ("story.yaml", "start: 2h,", "start: 10h,"),
    ):
        path = folder / name
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, new))
    return load_ok(folder)


def test_in_a_hub_the_mark_means_the_visit_it_was_taken_on(tmp_path: Path, hub: Story) -> None:
    """Blind readers R175 and R180: "(taken before)" on a hub's first visit, for a choice
    taken only on a later one. The wording kept holds the visit's title."""
    saves = tmp_path / "saves"
    play_through(Profile.open(saves), hub, ("ask_him", "keep_waiting", "take_the_key"))
    record = Profile.open(saves).record(hub.id)
    first = choose(hub, new_game(hub).state, "ask_him").state  # The Key, first visit
    later = choose(hub, first, "keep_waiting").state  # "The Key, Later"
    assert wording(hub, first, "Take the key") == "Take the key\nThe Key"
    assert wording(hub, later, "Take the key") == "Take the key\nThe Key, Later"
    assert not record.taken_as("the_key", "take_the_key", wording(hub, first, "Take the key"))
    assert record.taken_as("the_key", "take_the_key", wording(hub, later, "Take the key"))
    assert record.taken_as("the_key", "keep_waiting", wording(hub, first, "Keep waiting"))
    assert not record.taken_as("the_key", "keep_waiting", wording(hub, later, "Keep waiting"))
    # a scene with one title keeps the bare label, as records always have
    assert wording(hub, new_game(hub).state, "Wait for him to come to you") == (
        "Wait for him to come to you"
    )


def test_an_older_record_s_bare_label_still_marks_a_hub_choice() -> None:
    """Kept before hub titles counted, the label alone still marks the choice."""
    record = Record(choices={("the_key", "take_the_key")})
    record.labels.add("the_key", "take_the_key", "Take the key")
    said = "Take the key\nThe Key, Later"
    assert record.taken_as("the_key", "take_the_key", said, "Take the key")
    assert not record.taken_as("the_key", "take_the_key", said)  # without the bare label
