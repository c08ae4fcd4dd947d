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
