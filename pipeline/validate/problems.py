"""What the validation layers report: typed problems, each with a stable code (the mutation catalogue asserts
codes, not wording) and the message users read. The code's first part is the layer: schema, rule,
expectation or provenance."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str  # stable: 'rule.supplier-is-recipient', 'schema.foreign-key', 'provenance.span-mismatch'
    table: str | None  # the table (or resource) it concerns, where one does
    row: str | None  # the rows or place it concerns, as the message names them
    message: str  # the line printed: 'rule: deals: supplier differs from recipient: russia-russia-s-400-sale'

    @property
    def layer(self) -> str:
        return self.code.split(".", 1)[0]

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Check:
    """One check's code and message template; `{rows}` and any other fields are filled per problem."""
    code: str
    table: str | None
    template: str

    def problem(self, rows: str | None = None, table: str | None = None, **fields) -> Problem:
        """The problem found at `rows` (of `table`, for a check that serves every table)."""
        table = table or self.table
        return Problem(self.code, table, rows, self.template.format(table=table, rows=rows, **fields))


def messages(problems: list[Problem]) -> list[str]:
    """The lines users read, in order."""
    return [p.message for p in problems]
