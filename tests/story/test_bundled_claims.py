"""The bundled story's claims, and every route the explorer gives for them, replayed.

`iss check` must not print a route that does not play (issue 11). Here every
property is settled as the story says, each witness route plays to a state
where its property holds, and each mention of someone absent that a scene
acknowledges (`mentions_absent:`) outside any `{if ...}` has a route that
really reaches such a state: an acknowledgement nothing needs is one to remove.
"""

from __future__ import annotations

import dataclasses

from iss.authoring.explore import POSSIBLE, check_claims
from iss.authoring.lint import ABSENT, CLAIM_BUDGET, mentions, stated_claims
from iss.authoring.loader import load_story
from iss.engine.runner import replay
from iss.paths import bundled_story_dir


def test_every_claim_is_settled_and_every_route_plays() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    bare = dataclasses.replace(
        story,
        scenes={sid: dataclasses.replace(s, mentions_absent=()) for sid, s in story.scenes.items()},
    )
    acknowledged = {(sid, who) for sid, s in story.scenes.items() for who in s.mentions_absent}
    properties = [s.claim for s in stated_claims(story, continuity=False)]
    continuity = [
        m.claim() for m in mentions(bare) if (m.scene, m.who) in acknowledged and not m.guards
    ]
    results = check_claims(bare, [*properties, *continuity], CLAIM_BUDGET)
    for result in results[: len(properties)]:
        claim = result.claim
        wanted = "possible" if claim.kind == POSSIBLE else "holds"
        assert result.status == wanted, (claim.name, result.status)
        if result.route is not None:
            state = replay(story, result.route).state
            assert state.scene == result.scene and state.scene in claim.scenes
            assert claim.condition.failing_reason(state) is None, claim.name
    for result in results[len(properties) :]:
        assert result.status == "violated" and result.route is not None, result.claim.name
        state = replay(story, result.route).state
        (scene,) = result.claim.scenes
        who = result.claim.name.split(" in ")[0]
        assert state.scene == scene and state.status[who] in ABSENT, result.claim.name
