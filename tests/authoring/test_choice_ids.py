"""Choice ids derived from choice text: the fast path agrees with the general rule."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.choices import derive_choice_id


def _by_pattern(text: str) -> str:
    """The rule itself: the first five runs of [a-z0-9] in the lowered text."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    words = re.findall(r"[a-z0-9]+", text[:120].lower().replace("'", "").replace("’", ""))
    return "_".join(words[:5]) or "choice"


def test_examples() -> None:
    assert derive_choice_id("Choice 1 toward scene 501 with alexey") == "choice_1_toward_scene_501"
    assert derive_choice_id("Don't open the hatch!") == "dont_open_the_hatch"
    assert derive_choice_id("Ask {alexey} why") == "ask_why"
    assert derive_choice_id("   ") == "choice"
    assert derive_choice_id("Über   alles, Kira") == "ber_alles_kira"


@given(
    st.text(
        alphabet=st.sampled_from("abcXYZ019 \t\n'’-,.!{}_éİß"),
        max_size=160,
    )
)
def test_fast_path_agrees_with_the_rule(text: str) -> None:
    assert derive_choice_id(text) == _by_pattern(text)
