"""The one error type the build raises for bad input: it names the file and the place."""

from __future__ import annotations


class InputError(Exception):
    """Bad input that stops the build before anything is published."""

    def __init__(self, path, message: str, place: str | None = None):
        self.path = str(path)
        self.place = place
        self.message = message
        where = f"{self.path}:{place}" if place else self.path
        super().__init__(f"{where}: {message}")


class ValidationFailed(Exception):
    """A built package failed validation; it is not published."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"validation failed ({len(problems)} problems):\n{shown}{more}")
