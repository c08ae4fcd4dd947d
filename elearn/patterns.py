"""Regular expressions for text that people supply (course files, learners' answers,
trainers' answer patterns), on RE2: matching takes time linear in the text, whatever
the pattern and the text. Python's ``re`` backtracks, and a heading line with a few
thousand spaces took it seconds (cubic) while a trainer's ``/(a+)+$/`` was exponential.

RE2 has no backreferences and no lookaround; everything else the course format needs
(named groups, lazy quantifiers, classes, anchors, inline flags) works as in ``re``.
The compiler, the question types and the plugins compile their patterns here; a test
keeps ``re`` out of them."""

from __future__ import annotations

from typing import Any

import re2


class PatternError(ValueError):
    """A pattern RE2 cannot run; the message says why (a backreference, a lookahead,
    a repetition too large...)."""


def pattern(
    regex: str | bytes,
    *,
    ignore_case: bool = False,
    multiline: bool = False,
    dot_all: bool = False,
) -> Any:
    """``regex`` compiled for linear-time matching, with ``re``'s methods (``match``,
    ``fullmatch``, ``search``, ``sub``, ``finditer``, ``split``); raises
    ``PatternError`` for a pattern RE2 cannot run (a backreference, a lookahead)."""
    return _compiled(regex, ignore_case, multiline, dot_all)


def prefiltered(
    compiled: Any, *, starts: str | None = None, needs: tuple[str, ...] | None = None
) -> Any:
    """``compiled`` (from ``pattern``), whose ``match`` and ``fullmatch`` refuse a text
    without asking RE2 when it does not begin with one of the characters ``starts`` or
    contains none of the strings ``needs``, as any match must: a call through RE2's
    wrapper costs some microseconds, and the compiler tries each line of a quiz against
    several patterns that most lines fail at once."""
    return _Prefiltered(compiled, starts, needs)


class _Prefiltered:
    """A compiled pattern whose ``match`` and ``fullmatch`` first look for what any
    match must hold; everything else is the pattern's own."""

    def __init__(self, compiled: Any, starts: str | None, needs: tuple[str, ...] | None):
        self._compiled, self._starts, self._needs = compiled, starts, needs

    def _may_match(self, text: Any, args: tuple) -> bool:
        if args or not isinstance(text, str):  # from a position, or bytes: RE2 alone
            return True
        if self._starts is not None and not (text and text[0] in self._starts):
            return False
        if self._needs is None:
            return True
        return any(part in text for part in self._needs)

    def match(self, text: Any, *args: Any) -> Any:
        return self._compiled.match(text, *args) if self._may_match(text, args) else None

    def fullmatch(self, text: Any, *args: Any) -> Any:
        return self._compiled.fullmatch(text, *args) if self._may_match(text, args) else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compiled, name)


def _compiled(regex: str | bytes, ignore_case: bool, multiline: bool, dot_all: bool) -> Any:
    options = re2.Options()
    options.log_errors = False  # a trainer's bad pattern is reported, not logged
    options.case_sensitive = not ignore_case
    flags = ("m" if multiline else "") + ("s" if dot_all else "")
    if flags:
        prefix = f"(?{flags})"
        regex = prefix.encode() + regex if isinstance(regex, bytes) else prefix + regex
    try:
        return re2.compile(regex, options)
    except re2.error as exc:
        raise PatternError(pattern_error_text(exc)) from exc


def pattern_error_text(error: Exception) -> str:
    """What RE2 said about a pattern it refused, as text (it speaks in bytes)."""
    reason = error.args[0] if error.args else error
    return reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
