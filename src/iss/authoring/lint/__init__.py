"""Lint: the W2xx checks `iss check` runs once a story loads.

    from iss.authoring.lint import lint
    diagnostics = lint(story)

This `__init__` is the room's public face. The modules inside are split by
what they look at:

    checks.py   `lint()` and the checks on the story's shape and on what the
                explorer found (reachability, dead ends, loops, choices, beats)
    usage.py    where names are read and written (W203-W205)
    ranges.py   conditions the declared ranges make impossible (W206)
    properties.py  properties and `requires:` (E170, E171, W213), routes that
                cross a failing `requires:` (W215), how mentions came out (W214, W218);
                the claims themselves are listed by `iss.authoring.stated`
    continuity.py  where text names a crew member who may be dead or missing
    facts.py    where text says what a fact's phrases say, and the claim that the
                fact is known there (W219, W220)
"""

from __future__ import annotations

from iss.authoring.lint.checks import LINT_BUDGET, lint
from iss.authoring.lint.continuity import ABSENT, Mention, mentions
from iss.authoring.lint.facts import Assumption, assumptions
from iss.authoring.lint.properties import CLAIM_BUDGET, check_claims_of
from iss.authoring.stated import describe_route, stated_claims

__all__ = [
    "ABSENT",
    "CLAIM_BUDGET",
    "LINT_BUDGET",
    "Assumption",
    "Mention",
    "assumptions",
    "check_claims_of",
    "describe_route",
    "lint",
    "mentions",
    "stated_claims",
]
