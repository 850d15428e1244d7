"""The knowledge lint: text that says a fact's phrases where the fact may not be known (W219)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import Budget
from iss.authoring.lint import assumptions, check_claims_of, lint
from iss.authoring.lint.facts import runs  # room internals, tested deliberately
from iss.authoring.loader import load_story
from iss.engine.runner import replay
from tests.conftest import BASE_MANIFEST, ROOT, WriteStory, codes, load_ok

FACTS = """\
facts:
  deal:
    says: [secret deal, "Alexey's bargain"]
    known: flag.met
    hint: set flag.met where Kira hears of the deal
"""

SCENES = """\
scenes:
  a:
    title: A
    text: Alexey floats by the hatch, turning a pencil in his fingers.
    choices:
      - {id: listen, text: Listen to him, do: flag.met = true, go: b}
      - {id: leave, text: Leave him to it, go: b}
  b:
    title: B
    text: |
      The corridor is quiet now.
      BODY
    choices:
      - {id: home, text: Go home, go: home}
  home: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""


def _found(write_story: WriteStory, body: str, scenes: str = SCENES) -> list[Diagnostic]:
    folder = write_story(BASE_MANIFEST + FACTS, scenes=scenes.replace("BODY", body))
    return [d for d in lint(load_ok(folder)) if d.code in ("W219", "W220")]


def test_a_phrase_that_shows_without_the_flag_warns_with_a_route_that_plays(
    write_story: WriteStory,
) -> None:
    story = load_ok(
        write_story(
            BASE_MANIFEST + FACTS,
            scenes=SCENES.replace("BODY", "You think of the Secret\n      Deal."),
        )
    )
    found = [d for d in lint(story) if d.code in ("W219", "W220")]
    assert [d.code for d in found] == ["W219"]
    (d,) = found
    assert d.route == ("leave",)
    assert 'says "Secret Deal", which assumes the fact `deal`' in d.message
    assert "set flag.met where Kira hears of the deal" in d.hint
    assert "mentions_unknown" in d.hint
    assert (d.file.endswith("scenes.yaml"), d.line, d.col) == (True, 12, 24)
    state = replay(story, d.route).state
    assert state.scene == "b" and "met" not in state.flags


def test_a_fact_learned_on_every_route_there_is_proved(write_story: WriteStory) -> None:
    learned = SCENES.replace(
        "{id: leave, text: Leave him to it, go: b}",
        "{id: leave, text: Leave him to it, do: flag.met = true, go: b}",
    )
    assert _found(write_story, "The secret deal.", learned) == []


def test_guards_requires_hidden_choices_and_mentions_unknown(write_story: WriteStory) -> None:
    assert _found(write_story, "{if flag.met: You think of the secret deal.}") == []
    assert _found(write_story, "{if not flag.met: Nothing. | The secret deal.}") == []
    assert len(_found(write_story, "{if not flag.met: The secret deal. | Nothing.}")) == 1
    assert len(_found(write_story, "{if flag.met: Nothing. | The secret deal.}")) == 1
    assert len(_found(write_story, "{sequence: Nothing. | The secret deal.}")) == 1
    assert _found(write_story, "A secret dealer, a secretdeal.") == []
    assert len(_found(write_story, "{alexey}'s *bargain* hangs there.")) == 1
    # a scene's `requires:` is one more guard: its own failure is E170, not W219
    required = SCENES.replace("BODY", "The secret deal.").replace(
        "    title: B\n", "    title: B\n    requires: flag.met\n"
    )
    diagnostics = lint(load_ok(write_story(BASE_MANIFEST + FACTS, scenes=required)))
    assert {"E170"} <= {d.code for d in diagnostics}
    assert "W219" not in {d.code for d in diagnostics}
    # a locked choice's text still shows; a hidden one's only while its `when:` holds
    locked = SCENES.replace(
        "      - {id: home,",
        "      - {id: boast, text: Boast of the secret deal, when: flag.met, go: home}\n"
        "      - {id: home,",
    )
    assert len(_found(write_story, "", locked)) == 1
    hidden = locked.replace("when: flag.met,", "when: flag.met, hidden: true,")
    assert _found(write_story, "", hidden) == []
    acknowledged = SCENES.replace("    title: B\n", "    title: B\n    mentions_unknown: [deal]\n")
    assert _found(write_story, "Is there a secret deal?", acknowledged) == []


def test_the_guards_of_each_run_are_its_enclosing_fragments(write_story: WriteStory) -> None:
    body = "A secret deal. {if flag.met: {if has.key: the secret deal | no secret deal}}"
    story = load_ok(write_story(BASE_MANIFEST + FACTS, scenes=SCENES.replace("BODY", body)))
    found = {
        tuple((g.source, want) for g, want in a.guards)
        for a in assumptions(story)
        if a.scene == "b"
    }
    assert found == {
        (),
        (("flag.met", True), ("has.key", True)),
        (("flag.met", True), ("has.key", False)),
    }
    shorts = {"alexey": "Alexey"}
    texts = {text.strip() for text, _ in runs(story.scenes["b"].text, (), shorts)}
    assert "the secret deal" in texts and "no secret deal" in texts


def test_known_may_read_taken_and_visits(write_story: WriteStory) -> None:
    """A fact read only through `taken.`: the choice must be recorded, or the claim fails."""
    facts = FACTS.replace("known: flag.met", "known: taken.a.listen")
    gated = SCENES.replace("BODY", "{if seen.a: The secret deal.}").replace(
        "{id: leave, text: Leave him to it, go: b}", "{id: leave, text: Leave him to it, go: home}"
    )
    story = load_ok(write_story(BASE_MANIFEST + facts, scenes=gated))
    assert [d.code for d in lint(story) if d.code in ("W219", "W220")] == []


def test_facts_stand_in_scene_files_and_their_mistakes_are_errors(write_story: WriteStory) -> None:
    branch = (
        FACTS + "scenes:\n  x:\n    text: A stray scene nobody reaches at all.\n    ending: good\n"
    )
    folder = write_story(
        BASE_MANIFEST, scenes=SCENES.replace("BODY", "The secret deal."), branch=branch
    )
    assert [d.code for d in lint(load_ok(folder)) if d.code == "W219"] == ["W219"]
    twice = write_story(BASE_MANIFEST + FACTS, scenes=SCENES.replace("BODY", ""), branch=branch)
    assert "E120" in codes(load_story(twice))
    bad = BASE_MANIFEST + (
        "facts:\n"
        "  no_known: {says: [x y]}\n"
        "  no_words: {says: ['!!'], known: flag.met}\n"
        "  odd: {says: [a], known: flag.met, when: flag.met}\n"
        "  bad_name: {says: [a], known: flag.nope}\n"
    )
    unknown = SCENES.replace("BODY", "").replace(
        "    title: B\n", "    title: B\n    mentions_unknown: [deel]\n"
    )
    result = load_story(write_story(bad, scenes=unknown))
    assert sorted(codes(result)) == ["E110", "E111", "E113", "E141", "E141"]
    (typo,) = [d for d in result.diagnostics if "mentions_unknown" in d.message]
    assert typo.file.endswith("scenes.yaml")


def test_a_fact_that_could_never_match_is_an_error(write_story: WriteStory) -> None:
    """`says: []` and a phrase written with markup (`{alexey}`, `*deal*`) would leave the
    fact checking nothing without a word: text is searched as it reads."""
    bad = BASE_MANIFEST + (
        "facts:\n"
        "  empty: {says: [], known: flag.met}\n"
        "  named: {says: ['{alexey} knows'], known: flag.met}\n"
        "  stressed: {says: [the deal, '*deal*'], known: flag.met}\n"
    )
    result = load_story(write_story(bad, scenes=SCENES.replace("BODY", "")))
    found = [(d.code, d.line) for d in result.diagnostics]
    assert found == [("E113", 21), ("E113", 22), ("E113", 23)], found
    assert all(d.hint for d in result.diagnostics)


def test_the_docs_example_checks_as_the_docs_show(tmp_path: Path) -> None:
    """docs/authoring.md's knowledge lint example, next to the tiny story: the page's output,
    and clean once fixed as the page says."""
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    block = re.search(r"`my-story/facts.yaml`:\n\n```yaml\n(.*?)```", text, re.S)
    shown = re.search(r"route that shows it while[^\n]*\n\n```text\n(.*?)```", text, re.S)
    assert block is not None and shown is not None
    folder = tmp_path / "my-story"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", folder)
    (folder / "facts.yaml").write_text(block.group(1), "utf-8")

    def check() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "iss", "check", "my-story"]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

    assert check().stdout == shown.group(1)
    fixed = block.group(1).replace(
        "        go: home",
        "        when: flag.asked_alexey\n        hidden: true\n        go: home",
    )
    (folder / "facts.yaml").write_text(fixed, "utf-8")
    scenes = folder / "scenes.yaml"
    hatch = "  hatch:\n"
    assert hatch in scenes.read_text("utf-8")
    scenes.write_text(
        scenes.read_text("utf-8").replace(hatch, hatch + "    mentions_unknown: [the_order]\n"),
        "utf-8",
    )
    out = check()
    assert (out.returncode, "W219" in out.stdout) == (0, False), out.stdout


# `lose` is open only when flag.p is set without flag.q, and one choice sets both, so it never
# opens. A box forgets that they go together, and no split pass splits by the variable the
# fact reads: only a search that finishes proves the secret known in `b`.
TOGETHER = """\
scenes:
  a:
    title: A
    text: The corridor splits two ways before the hatch.
    choices:
      - {id: both, text: Throw both switches, do: [flag.p = true, flag.q = true], go: c}
      - {id: neither, text: Leave the switches, go: c}
  c:
    title: C
    text: The hatch is open and the lights are low.
    choices:
      - {id: lose, text: Let it go, when: flag.p and not flag.q, do: allegiance = 1, go: b}
      - {id: out, text: Go through, go: b}
  b:
    title: B
    text: You keep the secret behind you both.
    choices:
      - {id: home, text: Go home, go: home}
  home: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""


def test_a_fact_neither_proved_nor_broken_is_w220(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace("flags:\n", "flags:\n  p: P.\n  q: Q.\n") + (
        "facts:\n  secret: {says: [the secret], known: allegiance == 0}\n"
    )
    story = load_ok(write_story(manifest, scenes=TOGETHER))
    assert [d for d in lint(story) if d.code in ("W219", "W220")] == []  # the search finishes
    small = Budget(max_states=2, time_limit=30)
    (found,) = [d for d in check_claims_of(story, small) if d.code in ("W219", "W220")]
    assert found.code == "W220" and found.route == () and not found.is_error
    assert (found.file.endswith("scenes.yaml"), found.line) == (True, 16)
    assert 'says "the secret"' in found.message and "not proved" in found.message
    assert "mentions_unknown:" in found.hint


def test_a_lock_reason_that_says_a_phrase_is_a_claim_while_it_shows(
    write_story: WriteStory,
) -> None:
    """A reason shows while its choice's `when:` fails: there it must not assume the fact."""
    locked = SCENES.replace(
        "{id: home, text: Go home, go: home}",
        "{id: home, text: Go home, go: home}\n"
        "      - {id: wait, text: Wait for him, when: flag.met, "
        "reason: BECAUSE, go: home}",
    )
    assumed = _found(write_story, "", locked.replace("BECAUSE", "Not after the secret deal."))
    assert [d.code for d in assumed] == ["W219"]
    assert "the reason of choice `wait` of `b`" in assumed[0].message
    assert (assumed[0].line, assumed[0].col) == (15, 64)  # where the reason is written
    on_its_line = SCENES.replace(
        "{id: home, text: Go home, go: home}",
        "{id: home, text: Go home, go: home}\n"
        "      - id: wait\n        text: Wait for him\n        when: flag.met\n"
        "        reason: Not after the secret deal.\n        go: home",
    )
    (d,) = _found(write_story, "", on_its_line)
    assert (d.code, d.line, d.col) == ("W219", 18, 17)
    gated = locked.replace("BECAUSE", "'{if flag.met: Not after the secret deal. | Not yet.}'")
    assert _found(write_story, "", gated) == []


def test_each_warning_points_at_the_words_that_raised_it(write_story: WriteStory) -> None:
    """The same words under different guards are two claims: each names its own line,
    even when one is a variation item or fragment whose run holds nothing but the words."""
    bodies = {
        "{if trust.alexey >= 4: the secret deal.}\n      {cycle: the secret deal | Nothing.}": (
            [12, 13]
        ),
        "the secret deal.\n      {if trust.alexey >= 4: the secret deal}": [12, 13],
        "Nothing {cycle: yet | the secret deal}.\n      {if trust.alexey >= 4: the secret deal}": [
            12,
            13,
        ],
    }
    for body, lines in bodies.items():
        found = _found(write_story, body)
        assert sorted((d.code, d.line) for d in found) == [("W219", n) for n in lines], body
    (d,) = _found(write_story, "A {cycle: a | b} the secret deal.")
    assert (d.line, d.col) == (12, 28)  # as the first test counts columns


def test_a_mentions_unknown_entry_that_silences_nothing_warns(write_story: WriteStory) -> None:
    """W222 at the entry: a fact listed twice, or one the scene's text never says (a
    reworded line leaves its opt-out behind). Said in a lock reason or through a name
    (`{alexey}'s bargain`), it is said."""
    listed = "    title: B\n    mentions_unknown: [deal, deal]\n"
    scenes = SCENES.replace("BODY", "Is there a secret deal?").replace("    title: B\n", listed)
    result = load_story(write_story(BASE_MANIFEST + FACTS, scenes=scenes))
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == [("W222", 10, 30)]
    assert "twice" in result.diagnostics[0].message and result.diagnostics[0].hint
    stale = SCENES.replace("BODY", "Nothing here.").replace(
        "    title: B\n", "    title: B\n    mentions_unknown: [deal]\n"
    )
    result = load_story(write_story(BASE_MANIFEST + FACTS, scenes=stale))
    assert [(d.code, d.line) for d in result.diagnostics] == [("W222", 10)]
    assert '"secret deal"' in result.diagnostics[0].hint
    for said in ("'{alexey}''s bargain is off.'", "'{if flag.met: {cycle: a | the secret deal}}'"):
        quiet = stale.replace("Nothing here.", said.strip("'").replace("''", "'"))
        assert load_story(write_story(BASE_MANIFEST + FACTS, scenes=quiet)).diagnostics == []
    in_reason = stale.replace(
        "{id: home, text: Go home, go: home}",
        "{id: home, text: Go home, go: home, when: flag.met, reason: Not the secret deal.}",
    )
    assert load_story(write_story(BASE_MANIFEST + FACTS, scenes=in_reason)).diagnostics == []


def test_a_mention_of_a_fact_with_its_own_mistake_is_not_a_second_error(
    write_story: WriteStory,
) -> None:
    """The fact is declared, only broken: its error says so, and the scene that lists it
    under `mentions_unknown:` gets no "which is no fact" on top."""
    scenes = SCENES.replace("BODY", "").replace(
        "    title: B\n", "    title: B\n    mentions_unknown: [deal, loan]\n"
    )
    broken = BASE_MANIFEST + (
        "facts:\n  deal: {says: [the deal], known: flag.nope}\n  loan: {says: ['!!'], known: flag.met}\n"
    )
    result = load_story(write_story(broken, scenes=scenes))
    assert [(d.code, d.file.rsplit("/", 1)[-1]) for d in result.diagnostics] == [
        ("E141", "story.yaml"),
        ("E113", "story.yaml"),
    ]
