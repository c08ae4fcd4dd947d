"""Problems found in course files, each placed at file, line and column.

The compiler never stops at the first problem and never guesses: it collects every
error and warning, and a course with errors is not stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem. ``message`` and ``hint`` are lazy strings in the user's language."""

    file: str
    line: int
    column: int
    code: str
    message: Any
    hint: Any = ""
    severity: str = ERROR
    source_line: str = ""

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"
        if self.source_line:
            text += f"\n    {self.source_line}\n    {' ' * max(self.column - 1, 0)}^"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


@dataclass
class Report:
    """Collects diagnostics for one compile; knows the text of each file for context."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)

    def add(
        self,
        file: str,
        line: int,
        code: str,
        message: Any,
        hint: Any = "",
        *,
        column: int = 1,
        severity: str = ERROR,
    ) -> None:
        lines = self.sources.get(file, [])
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        self.diagnostics.append(
            Diagnostic(file, line, column, code, message, hint, severity, source_line)
        )

    def error(self, file: str, line: int, code: str, message: Any, hint: Any = "", **kw) -> None:
        self.add(file, line, code, message, hint, severity=ERROR, **kw)

    def warning(self, file: str, line: int, code: str, message: Any, hint: Any = "", **kw):
        self.add(file, line, code, message, hint, severity=WARNING, **kw)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.file, d.line, d.column, d.code))
