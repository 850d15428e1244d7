"""The ending: its title and epilogue, a summary of the run, and what mattered.

"What mattered" (the choices that closed off other endings) is weighed by
the explorer (`iss.authoring.explore.mattered`) in a thread, within
`IssApp.mattered_seconds`, so the screen shows at once and fills it in. It says
what the player chose and which other choice could have led elsewhere; the
endings those ways led to come only when the player asks (`w`): shown at once,
they read as a checklist of endings not found (blind reader R18)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.engine.events import PassedThrough
from iss.engine.terminal_safety import safe_line
from iss.ui.render import STATUS_MARKS, play_time, story_text, trust_bar
from iss.ui.screens.base import GameScreen
from iss.ui.widgets.footer import GameFooter

if TYPE_CHECKING:
    from iss.authoring.explore import Kept, Mattered, Told

WAYS_KEY = "w"
"""The ending screen's key that shows (and hides) where the other ways led."""


def mattered_text(
    lines: Sequence[Told],
    note: str,
    hint: str = "",
    led: Sequence[Told] = (),
    numbers: Mapping[int, int] | None = None,
    heading: str = "What mattered",
) -> Group:
    """The choices that mattered, each with its scene, then the note, then `hint` (the
    keys that go back to a choice, and show or hide the endings the other ways led to),
    then what led here (the earliest choices that kept this ending in reach). Each choice
    has its number for choosing again (`numbers`: a choice's place in the run to its
    number; by default What mattered's count from 1, and What led here's follow on).
    `heading` is What mattered's, or `WAYS_HEADING` with the other ways' endings shown."""
    if numbers is None:
        numbers = numbered([*lines, *led])
    parts: list[RenderableType] = [Text(heading, style="bold underline")]
    parts.extend(_scene_lines(lines, numbers))
    if note:
        parts.append(Text(safe_line(note), style="dim italic"))
    if led:
        parts += [Text(""), Text("What led here", style="bold underline")]
        parts.extend(_scene_lines(led, numbers))
    if hint:
        parts += [Text(""), Text(hint, style="dim")]
    return Group(*parts)


def numbered(told: Sequence[Told]) -> dict[int, int]:
    """Each choice's place in the run to its number on the screen, counting from 1."""
    numbers: dict[int, int] = {}
    for each in told:
        numbers.setdefault(each.index, len(numbers) + 1)
    return numbers


def _scene_lines(lines: Sequence[Told], numbers: Mapping[int, int]) -> list[RenderableType]:
    """Each choice: its number and scene title in bold, the line indented under it."""
    out: list[RenderableType] = []
    for told in lines:
        number = numbers.get(told.index)
        title = (
            f"{number}  {safe_line(told.scene)}" if number is not None else safe_line(told.scene)
        )
        out += [Text(title, style="bold"), Padding(Text(safe_line(told.line)), (0, 0, 0, 3))]
    return out


def ways_hint(shown: bool, count: int = 0, ways: bool = True) -> str:
    """The line under the lists that says what the number keys (`count` of them) and,
    with `ways`, `w` do."""
    said = []
    if count:
        keys = "1 goes" if count == 1 else f"1-{count} go"
        said.append(f"{keys} back to that choice to choose again")
    if ways:
        shows = (
            "hides where those ways led"
            if shown
            else "shows which endings those ways could have led to"
        )
        said.append(f"{WAYS_KEY} {shows}")
    return " · ".join(said)


class EndingScreen(GameScreen):
    """Shown when the story reaches an ending."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        ("enter", "title", "Title"),
        ("j", "journal", "Journal"),
        ("e", "endings", "Endings"),
        Binding(WAYS_KEY, "ways", "Ways"),  # shown once a choice that mattered is weighed
        ("m", "map", "Map"),
        ("r", "rewind", "Rewind"),
        ("escape", "title", "Title"),
        # The number of a choice in What mattered or What led here: back to it, to choose again.
        *(Binding(str(n), f"again({n})", "Choose again", show=False) for n in range(1, 10)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.weighed: Mattered | None = None
        """What mattered, once weighed."""
        self.kept: tuple[Kept, ...] = ()
        """What led here, once weighed (`what_led_here`)."""
        self.ways = False
        """Does What mattered name the endings the other ways led to (`w`)?"""
        self.numbered: list[Told] = []
        """The choices shown with a number, in its order (the number keys go back to them)."""

    def compose(self) -> ComposeResult:
        game = self.game
        run = game.playthrough
        assert run is not None and run.state.ending is not None
        story = run.story
        ending = story.endings[run.state.ending]
        found = game.endings_found()
        # New to the record, and in it: a playtest (`iss play --at`) or a failed write
        # reaches an ending the record does not hold, and "0 of 23, this one new" said both.
        new = ending.id not in game.endings_before and ending.id in found
        with VerticalScroll(id="ending-scroll"), Vertical(id="ending-box"):
            if new:
                yield Static(Text("★  A new ending  ★", style="bold reverse"), id="new-ending")
            yield Static(Text(safe_line(ending.kind.upper()), style="bold"), id="kind")
            yield Static(Text(safe_line(ending.title), style="bold"), id="ending-title")
            # Scenes the last step passed through by their fallback lead into the ending
            # (the bundled story's Undock): the play screen never showed them.
            passed = [e for e in run.step.events if isinstance(e, PassedThrough)]
            for number, scene in enumerate(passed):
                yield Static(story_text(scene.text), id=f"passed-{number}", classes="passed")
            yield Static(story_text(run.text()), id="epilogue")
            yield Static(self.summary(), id="summary")
            yield Static(
                mattered_text([], "Weighing your choices\u2026"), id="mattered", markup=False
            )
            counted = f"Endings found: {len(found)} of {len(story.endings)}"
            if new:
                counted += ", this one new"
            elif ending.id not in found:
                counted += " (this one is not in your record)"
            yield Static(Text(counted, style="bold"), id="found")
        yield GameFooter()

    def summary(self) -> Table:
        run = self.game.playthrough
        assert run is not None
        story, state = run.story, run.state
        table = Table.grid(padding=(0, 2), expand=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_row(
            Text("Crew", style="bold underline"),
            "",
            Text("Trust in you", style="bold underline"),
            "",
        )
        for player in (c for c in story.characters.values() if c.player):
            status = state.status.get(player.id, "aboard")
            fate = "alive" if status == "aboard" else status
            table.add_row(
                Text(
                    f"{safe_line(player.name)} (you)",
                    style="dim strike" if status == "dead" else "bold",
                ),
                f"{STATUS_MARKS.get(status, '·')} {fate}",
                "",
            )
        for member in story.crew:
            status = state.status.get(member.id, "aboard")
            fate = "alive" if status == "aboard" else status
            value = state.living_trust.get(member.id)
            table.add_row(
                Text(safe_line(member.name), style="dim strike" if status == "dead" else "bold"),
                f"{STATUS_MARKS.get(status, '·')} {fate}",
                ""
                if value is None
                else f"{trust_bar(story, value)} {safe_line(story.trust_level(value))}",
            )
        table.add_row("", "", "")
        table.add_row("Choices made", str(len(state.history)), "")
        table.add_row("Play time", play_time(run.play_seconds), "")
        return table

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the ending gets a clean screen
        self.query_one("#ending-scroll").focus()
        if self.game.mattered_in_thread:
            self.run_worker(self.weigh, thread=True, exclusive=True, name="what-mattered")
        else:
            self.weigh()

    def weigh(self) -> None:
        """Work out what mattered (in a thread, see the module docstring) and show it."""
        from iss.authoring.explore import what_led_here, what_mattered

        game = self.game
        run = game.playthrough
        assert run is not None
        state = run.state
        weighed = what_mattered(run.story, state.history, state.seed, game.mattered_seconds)
        if game.mattered_in_thread:
            with suppress(RuntimeError):  # the game closed while it weighed
                game.call_from_thread(self.show_mattered, weighed)
        else:
            self.show_mattered(weighed)
        kept = what_led_here(run.story, state.history, state.seed, game.mattered_seconds)
        if not kept:
            return
        if game.mattered_in_thread:
            with suppress(RuntimeError):
                game.call_from_thread(self.show_led, kept)
        else:
            self.show_led(kept)

    def show_led(self, kept: tuple[Kept, ...]) -> None:
        """What led here, under what mattered (`what_led_here`)."""
        self.kept = kept
        if self.weighed is not None:
            self.show_mattered(self.weighed)

    def show_mattered(self, weighed: Mattered) -> None:
        """What mattered, with the endings the other ways led to when `ways` says so."""
        from iss.authoring.explore import WAYS_HEADING, described, led_here

        if not self.is_attached:
            return
        run = self.game.playthrough
        assert run is not None
        first = self.weighed is None
        self.weighed = weighed
        found = set(self.game.endings_found())
        lines, note = described(run.story, weighed, found, ways=self.ways)
        told = described(run.story, weighed, found)[0] if self.ways else lines
        led = led_here(run.story, self.kept, weighed)
        self.numbered = [*told, *led]
        numbers = numbered(self.numbered)
        hint = ways_hint(self.ways, min(len(numbers), 9), ways=bool(weighed.turns))
        shown_led = [] if self.ways else led
        self.query_one("#mattered", Static).update(
            mattered_text(
                lines,
                note,
                hint,
                shown_led,
                numbers,
                heading=WAYS_HEADING if self.ways else "What mattered",
            )
        )
        if first and weighed.turns:
            self.refresh_bindings()  # the ways key comes to the footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The ways key is in the footer once a choice that mattered is weighed."""
        if action == "ways":
            return self.weighed is not None and bool(self.weighed.turns)
        return True

    def action_again(self, number: int) -> None:
        """Go back to just before the choice numbered `number`, to choose again."""
        if 1 <= number <= len(self.numbered):
            self.game.rewind_to(self.numbered[number - 1].index)

    def action_ways(self) -> None:
        """Show, or hide again, the endings the other ways could have led to."""
        if self.weighed is None or not self.weighed.turns:
            return
        self.ways = not self.ways
        self.show_mattered(self.weighed)

    def action_title(self) -> None:
        self.game.back_to_title()

    def action_journal(self) -> None:
        self.game.open_journal()

    def action_endings(self) -> None:
        self.game.open_endings()

    def action_map(self) -> None:
        self.game.open_map()

    def action_rewind(self) -> None:
        self.game.open_rewind()
