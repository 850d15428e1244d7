"""Choice lines: locked reasons indented under the text, readable in every built-in theme."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.color import Color

from iss.ui.widgets.choice_list import ChoiceList, ChoicePrompt
from iss.ui.widgets.station_header import StationHeader
from tests.ui.conftest import SIZE, SMALL, TINY, MakeApp
from tests.ui.test_play_flow import shown

MIN_CONTRAST = 4.5
"""WCAG AA for normal text."""


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_locked_lines_are_readable_in_every_built_in_theme(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        choices = app.screen.query_one(ChoiceList)
        for theme in sorted(app.available_themes):
            if theme.startswith("ansi"):
                continue  # the terminal's own colours: nothing to measure
            app.theme = theme
            await pilot.pause()
            for y in (1, 2):  # the locked choice and its reason
                for segment in choices.render_line(y):
                    style = segment.style
                    if not segment.text.strip() or style is None:
                        continue
                    assert not style.dim, (theme, segment.text)
                    assert style.color is not None and style.bgcolor is not None
                    fg = Color.from_rich_color(style.color)
                    bg = Color.from_rich_color(style.bgcolor)
                    assert contrast(fg, bg) >= MIN_CONTRAST, (theme, segment.text)


async def test_a_long_reason_wraps_under_the_choice_text(
    app_for: MakeApp, story_copy: Path
) -> None:
    scenes = story_copy / "scenes.yaml"
    reason = "Christian keeps Gordon busy in the lab with a long list of checks that never ends"
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(text.replace("Christian keeps Gordon busy in the lab", reason))
    app = app_for(story_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        choices = app.screen.query_one(ChoiceList)
        lines = [choices.render_line(y).text.rstrip() for y in range(1, 5)]
        assert lines[0].lstrip().startswith("2  Call Gordon")
        column = lines[0].index("Call")
        assert lines[1][column:].startswith("locked: Christian")
        assert lines[2].strip() and not lines[2][:column].strip()  # the wrapped rest


async def test_a_reason_is_rendered_for_the_state_with_its_emphasis(
    app_for: MakeApp, story_copy: Path
) -> None:
    scenes = story_copy / "scenes.yaml"
    reason = '"{christian} keeps {gordon} *busy* for {clock.reentry}"'
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(text.replace("Christian keeps Gordon busy in the lab", reason))
    app = app_for(story_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        locked = app.screen.query_one(ChoiceList).get_option("call_gordon")
        prompt = locked.prompt
        assert isinstance(prompt, ChoicePrompt)
        assert "locked: Christian keeps Gordon busy for 6h" in str(prompt)
        [_, styled] = [cell for column in prompt.columns for cell in column.cells]
        assert isinstance(styled, Text)
        busy = styled.plain.index("busy")
        upright = [s for s in styled.spans if s.start <= busy < s.end and s.style == "not italic"]
        assert upright  # emphasis in the italic reason is set upright


async def test_text_keeps_a_reading_measure_centred_and_panels_come_in_at_100(
    app_for: MakeApp,
) -> None:
    app = app_for()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("n")
        text = app.screen.query_one("#text")
        scene = app.screen.query_one("#scene")
        assert text.content_region.width <= 76
        left = text.region.x - scene.region.x
        right = scene.region.right - text.region.right
        assert abs(left - right) <= 2  # centred (the scrollbar takes a column)
        choices = app.screen.query_one(ChoiceList)
        assert choices.region.x == text.region.x
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.query_one("#side").display
        await pilot.resize_terminal(99, 30)
        await pilot.pause()
        assert not app.screen.query_one("#side").display


async def test_time_costs_show_on_choices_and_the_clock_warns_in_words(
    app_for: MakeApp,
) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert str(choices.get_option("wait").prompt).endswith(
            "Wait for him to come to you · 1h of the 2h to reentry"
        )
        assert "·" not in str(choices.get_option("ask_him").prompt)  # ten minutes: not shown
        assert "running low" not in shown(app.screen.query_one(StationHeader))
        await pilot.press("2")  # wait an hour: one of two left
        await pilot.pause()
        assert "1h to reentry (running low)" in shown(app.screen.query_one(StationHeader))
        choices = app.screen.query_one(ChoiceList)
        # Two hours asked with one left: the label says what is left, not the cost.
        assert str(choices.get_option("keep_waiting").prompt).endswith(
            "Keep waiting · all the 1h to reentry"
        )
