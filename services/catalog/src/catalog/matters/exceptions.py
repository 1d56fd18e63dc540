"""Refusals about matters and their versions, each with its HTTP status."""

from kit.errors import Conflict, NotFound


class MatterNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"No matter {code!r} is visible to you.")


class VersionNotFound(NotFound):
    def __init__(self, code: str, version: int) -> None:
        super().__init__(f"Matter {code!r} has no version {version}.")


class WrongState(Conflict):
    title = "Wrong state"

    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"Cannot {action} a version in state {state!r}.")
