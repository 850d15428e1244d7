"""The one error type the engine raises at run time, and its kinds."""

from __future__ import annotations


class EngineError(Exception):
    """A request the engine cannot carry out, such as taking a locked choice.

    Author mistakes never reach here: they are diagnostics at load time.
    """


class UnknownChoice(EngineError):
    """The current scene has no choice with that id."""


class ChoiceUnavailable(EngineError):
    """The choice exists but its condition fails; `reason` says why."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class StoryOver(EngineError):
    """The state is at an ending: there is nothing left to choose."""


class ExpressionError(Exception):
    """An expression or text template an author wrote is wrong.

    Raised at compile time only; `offset` is the column within the source
    string, and `code` names the diagnostic in the authoring code table.
    """

    def __init__(self, code: str, message: str, offset: int = 0, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset
        self.hint = hint
