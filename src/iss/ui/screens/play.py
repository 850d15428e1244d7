"""The play screen: header, scene text, choices, and the crew and kit panels.

On a replay, paragraphs read in an earlier playthrough are dimmed or folded (the
"Read text" setting, `iss.ui.read_text`); `e` or a click on the fold line unfolds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from iss.engine.errors import EngineError
from iss.engine.events import Event, PassedThrough
from iss.engine.leaning import cast_pronouns
from iss.engine.read_text import folds_read_text, read_paragraphs
from iss.engine.spans import Span
from iss.engine.terminal_safety import safe_for_terminal
from iss.notices import Said, choice_time_labels, locked_line
from iss.ui.messages import StepTaken
from iss.ui.read_text import UNFOLD_KEY, ReadStyles, SceneShown, passed_notice, scene_shown
from iss.ui.render import story_text
from iss.ui.screens.base import GameScreen
from iss.ui.widgets.choice_list import ChoiceList, number_choices
from iss.ui.widgets.crew_panel import CrewPanel
from iss.ui.widgets.footer import GameFooter
from iss.ui.widgets.kit_panel import KitPanel
from iss.ui.widgets.scene_scroll import MORE_BELOW, SceneScroll
from iss.ui.widgets.scene_text import SceneText
from iss.ui.widgets.station_header import StationHeader

NOTICE_MARK = "◦ "
"""Before each line the game says under the text (what a choice changed, "Quicksaved."):
those lines are the game's, not the story's. In the theme's muted colour with this
mark, they read as a margin note, not as prose; a blind reader (R14) found the
bracketed trust lines "like game UI in the middle of the prose"."""


@dataclass(frozen=True, slots=True)
class GameLine:
    """A line the game says under the text, drawn quiet (`NOTICE_MARK`); the text of a
    scene passed through is the story's, and is drawn as its text."""

    text: str

    def __str__(self) -> str:
        return self.text


Notice = GameLine | str | Content
"""A line under the text: one the game says, or the text of a scene passed through."""


class PlayScreen(GameScreen):
    """One scene at a time. Side panels show at 100 columns and more."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"play--notice"}
    # Textual declares these as instance variables, hence no ClassVar.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick({n})", f"Choice {n}", show=False) for n in range(1, 10)),
        Binding("escape", "pause", "Menu"),
        Binding("f1", "app.help", "Help"),  # early: a narrow footer cuts off the last keys
        Binding(UNFOLD_KEY, "unfold", "Unfold"),  # shown only while paragraphs are folded
        Binding("c", "crew", "Crew"),
        Binding("t", "crew_trust", "Ties"),
        Binding("i", "kit", "Kit"),
        Binding("j", "journal", "Journal"),
        Binding("b", "backlog", "Backlog", show=False),
        Binding("m", "story_map", "Map", show=False),
        Binding("r", "rewind", "Rewind"),
        Binding("f5", "quicksave", "Qsave"),
        Binding("f9", "quickload", "Qload"),
        Binding("ctrl+r", "reload", "Reload story", show=False),
        Binding("pageup", "scroll_text(-1)", "Scroll text up", show=False, priority=True),
        Binding("pagedown", "scroll_text(1)", "Scroll text down", show=False, priority=True),
    ]

    def __init__(self, *, type_out: bool = True, opening: tuple[Event, ...] = ()) -> None:
        super().__init__()
        self.opening = opening
        """What starting the playthrough did: scenes its fallbacks passed through."""
        self.type_out = type_out
        """False when the scene was just read (after a rewind or a reload): no typewriter."""
        self.following = True
        """The text scrolls with the reveal until the player scrolls up."""
        self.notices: list[Notice] = []
        """The lines above the choices: what the last choice changed, and game messages."""
        self.folds: tuple[int, ...] = ()
        """The runs of read paragraphs folded in the text shown (`iss.ui.read_text`)."""
        self.unfolded: set[int] = set()
        """The runs the player unfolded in this scene."""
        self.drawn_as: tuple[str, str] | None = None
        """The "Read text" setting and the theme the text was drawn with: read text is
        drawn in the theme's muted colour, so a change to either redraws it."""
        self.kit_due: tuple[list[str], list[tuple[Span, ...]]] | None = None
        """The items and facts to show once the scene's text is all typed (`_show_kit`)."""
        self.kit_shown: tuple[list[str], list[tuple[Span, ...]]] | None = None
        """The items and facts the kit panel shows."""

    def compose(self) -> ComposeResult:
        yield StationHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="story"):
                with SceneScroll(id="scene"):
                    yield SceneText(id="text", clock=self.game.clock)
                with Vertical(id="below"):
                    yield Static(id="notice")
                    yield ChoiceList(id="choices")
            with VerticalScroll(id="side"):
                yield CrewPanel(id="crew")
                yield KitPanel(id="kit")
        yield GameFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if self.is_current:  # a screen popped before it mounted has nothing to draw
            opening = [e for e in self.opening if isinstance(e, PassedThrough)]
            self.show_scene(animate=self.type_out, notice=self.notice(opening))

    def show_scene(self, animate: bool = True, notice: list[Notice] | None = None) -> None:
        """Draw the current state of the playthrough.

        `notice` (what the last choice changed) sits above the choices, where
        it covers nothing, and stays until the next choice."""
        game = self.game
        run = game.playthrough
        if run is None:
            return
        story, state = run.story, run.state
        scene = story.scenes[state.scene]
        self.query_one(StationHeader).show(
            scene.title_in(state.visits), scene.location, run.clocks()
        )
        self.query_one(CrewPanel).show(story, state)
        choices = self.query_one(ChoiceList)
        views = run.visible_choices()
        costs = choice_time_labels(story, state, [v.id for v in views if v.available])
        choices.show(number_choices(views, game.choices_taken_before(views), costs))
        self.notices = [*(notice or ()), *self.notices]
        self._draw_notices()
        settings = game.settings
        effect = settings.effect if animate else "off"
        if settings.seen_at_once and game.seen_before(scene.id) and not game.read_before:
            effect = "off"  # a record from before paragraphs were kept: whole scenes at once
        self.query_one(SceneScroll).scroll_home(animate=False)
        self.following = True
        self.unfolded = set()
        self.kit_due = (run.carried(), run.known_facts())
        if effect == "off":
            self._show_kit()
        self._draw_text(effect)
        choices.focus()

    def _show_kit(self) -> None:
        """What Kira carries and knows now: shown once the text that gives it is typed
        (all of it, or at once when the typewriter is skipped or off), since the panel
        listing a fact before the sentence that tells it spoiled the sentence. The
        newest lines are at the end of each list: the panel scrolls there when it grows."""
        due, self.kit_due = self.kit_due, None
        if due is None:
            return
        kit = self.query_one(KitPanel)
        shown = self.kit_shown
        grew = shown is not None and bool(
            set(due[0]) - set(shown[0]) or set(due[1]) - set(shown[1])
        )
        self.kit_shown = due
        kit.show(*due)
        if grew:
            kit.call_after_refresh(kit.scroll_end, animate=False)

    def _draw_text(self, effect: str) -> None:
        """The scene's text: paragraphs read in an earlier playthrough as the "Read text"
        setting says, appearing at once (only new ones type out) when "Seen scenes" says
        so. A playthrough with nothing read before draws the text as it always has."""
        game = self.game
        run = game.playthrough
        if run is None:
            return
        settings = game.settings
        spans = run.text()
        widget = self.query_one(SceneText)
        folds = bool(game.read_before) and folds_read_text(run.story.scenes[run.state.scene])
        read = run.read_before(game.read_before)
        paragraphs = read_paragraphs(spans, read, cast_pronouns(run.story)) if folds else []
        if any(p.read for p in paragraphs):
            styles = ReadStyles(
                widget.get_component_rich_style("scene-text--read"),
                widget.get_component_rich_style("scene-text--fold"),
            )
            shown = scene_shown(
                paragraphs,
                settings.read_text,
                styles,
                unfolded=self.unfolded,
                read_at_once=settings.seen_at_once,
                elsewhere=not game.seen_before(run.state.scene),
            )
        else:
            shown = SceneShown(story_text(spans))
        folded_before, self.folds = bool(self.folds), shown.folds
        self.drawn_as = (settings.read_text, self.app.theme)
        widget.show(
            shown.text,
            effect=effect,
            chars_per_second=settings.chars_per_second,
            instant=shown.instant,
        )
        if folded_before != bool(self.folds):
            self.refresh_bindings()  # the unfold key comes or goes (the footer recomposes)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The unfold key is in the footer only while something is folded."""
        if action == "unfold":
            return bool(self.folds)
        return True

    def action_unfold(self) -> None:
        """Show the paragraphs folded as read, dimmed (the scene's one fold line stands
        for them all)."""
        if not self.folds:
            return
        self.unfolded |= set(self.folds)
        self._skip()
        self._draw_text("off")

    def tell(self, line: str) -> None:
        """Add a game message ("Quicksaved.") to the notice lines, until the next choice."""
        self.notices.append(GameLine(line))
        if self.is_mounted:
            self._draw_notices()

    def _draw_notices(self) -> None:
        told = self.query_one("#notice", Static)
        quiet = Style.from_rich_style(self.get_component_rich_style("play--notice"))
        told.update(
            Content("\n").join(
                Content.assemble((NOTICE_MARK, quiet), (safe_for_terminal(n.text), quiet))
                if isinstance(n, GameLine)
                else Content(safe_for_terminal(n))
                if isinstance(n, str)
                else n
                for n in self.notices
            )
        )
        told.display = bool(self.notices)

    def on_screen_suspend(self) -> None:
        """Play time stops while a dialog (pause menu, journal, ...) is open."""
        if self.game.playthrough is not None:
            self.game.playthrough.timer.pause()

    def on_screen_resume(self) -> None:
        if self.game.playthrough is not None:
            self.game.playthrough.timer.resume()
            drawn = self.drawn_as
            if drawn is not None and drawn != (self.game.settings.read_text, self.app.theme):
                self._draw_text("off")  # changed in Settings or the palette, over this screen
                self._draw_notices()

    @on(SceneText.Grew)
    def _follow_the_reveal(self) -> None:
        """Keep the newest line in sight, unless the player scrolled up to reread or
        skipped the typing (checked again once drawn: a skip may come in between)."""
        if self.following:
            self.call_after_refresh(self._keep_up)

    def _keep_up(self) -> None:
        if self.following:
            # None once the ending screen has replaced this one (keys typed fast during
            # the typewriter: the refresh this waited for came after the switch).
            for scroll in self.query(SceneScroll):
                scroll.scroll_end(animate=False, immediate=True)

    @on(SceneText.Revealed)
    def _revealed(self) -> None:
        self._show_kit()
        self.call_after_refresh(self._more_below)  # once the whole text is laid out

    @on(SceneScroll.Moved)
    def _more_below(self) -> None:
        """ "more text · PgDn" on the choices' top edge, while text lies below the view
        and the view is not following the typewriter (`iss.ui.widgets.scene_scroll`)."""
        texts, scrolls, lists = (
            self.query(SceneText),
            self.query(SceneScroll),
            self.query(ChoiceList),
        )
        if not (texts and scrolls and lists):
            return  # the screen was switched away before the refresh this waited for
        typing = self.following and texts.first().revealing
        more = scrolls.first().more_below and not typing
        lists.first().border_title = MORE_BELOW if more else None

    def _skip(self) -> None:
        """Show all the text at once, the view left where the reading was: jumping to
        the end skipped the middle of a long scene (`MORE_BELOW` says it is there)."""
        if self.query_one(SceneText).revealing:
            self.following = False
        self.query_one(SceneText).reveal_all()

    def on_key(self, event: events.Key) -> None:
        """While the text types out, a key bound here or on the app (Esc, F1, c, 1-9,
        F5...) acts at once; any other key completes the text and does nothing else."""
        text = self.query_one(SceneText)
        if not text.revealing:
            return
        bound = self.active_bindings.get(event.key)
        if bound is not None and bound.node in (self, self.app):
            return
        self._skip()
        event.stop()
        event.prevent_default()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.following = False

    def on_click(self, event: events.Click) -> None:
        self._skip()

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        self.take(event.choice_id)

    def take(self, choice_id: str) -> None:
        game = self.game
        run = game.playthrough
        if run is None:
            return
        previous = run.state
        try:
            step = run.take(choice_id)
        except EngineError as exc:
            self.notify(str(exc), title="Not now", severity="warning", markup=False)
            return
        said = run.told(previous, choice_id, step)
        notice = self.notice(said)
        self.notices = []
        self.post_message(StepTaken(choice_id, previous, step.events))
        if run.state.over:
            if notice:
                told = [
                    "".join(s.text for s in part.text).strip()
                    if isinstance(part, PassedThrough)
                    else part
                    for part in said
                    if isinstance(part, (str, PassedThrough))
                ]
                self.notify("\n".join(told), markup=False, timeout=3 + len(told))
        else:
            self.show_scene(notice=notice)

    def notice(self, said: Iterable[Said]) -> list[Notice]:
        """The changes the player should feel, in words (never a number), and the
        scenes a fallback took the story through, in the order they came."""
        lines: list[Notice] = []
        for part in said:
            if isinstance(part, PassedThrough):
                lines.append(self.passed(part))
            elif isinstance(part, str):  # all shown together, above the choices
                lines.append(GameLine(part))
        return lines

    def passed(self, part: PassedThrough) -> str | Content:
        """A scene passed through; on a replay, what was read before dimmed or folded as
        the "Read text" setting says (`iss.ui.read_text.passed_notice`), less what
        answers the choice just made (`iss.engine.answers`), as plain mode keeps it."""
        game = self.game
        run = game.playthrough
        before = game.read_before if run is None else run.read_before(game.read_before)
        cast = {} if run is None else cast_pronouns(run.story)
        paragraphs = read_paragraphs(part.text, before, cast) if before else []
        if not any(p.read for p in paragraphs) or game.settings.read_text == "new":
            return "".join(span.text for span in part.text).strip()
        read = self.query_one(SceneText).get_component_rich_style("scene-text--read")
        return passed_notice(paragraphs, game.settings.read_text, Style.from_rich_style(read))

    def action_pick(self, number: int) -> None:
        line = self.query_one(ChoiceList).pick_number(number)
        if line is None:
            self.notify(f"There is no choice {number}.", severity="warning", timeout=2)
        elif line.locked:
            self.notify(locked_line(line.view.reason, number), severity="warning", timeout=3)

    def action_scroll_text(self, direction: int) -> None:
        scene = self.query_one(SceneScroll)
        if direction < 0:
            self.following = False
            scene.scroll_page_up()
        else:
            scene.scroll_page_down()

    def action_pause(self) -> None:
        self.game.open_pause()

    def action_crew(self) -> None:
        self.game.open_crew()

    def action_crew_trust(self) -> None:
        self.game.open_crew_trust()

    def action_kit(self) -> None:
        """The whole kit, with the text that gives its newest lines shown first: the kit
        screen lists them all, and opened while the text typed it told them early."""
        self._skip()
        self.game.open_kit()

    def action_journal(self) -> None:
        self.game.open_journal()

    def action_story_map(self) -> None:
        self.game.open_map()

    def action_backlog(self) -> None:
        self.game.open_backlog()

    def action_rewind(self) -> None:
        self.game.open_rewind()

    def action_quicksave(self) -> None:
        self.game.quicksave()

    def action_quickload(self) -> None:
        self.game.ask_quickload()

    def action_reload(self) -> None:
        self.game.reload_story()
