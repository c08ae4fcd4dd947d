"""How much work a parser does, counted rather than timed: the lines of Python a call
runs. Code in C counts as one step; the platform's patterns run on RE2, whose matching
is linear in the text, so a parser whose counted steps grow in proportion to its input
does linear work. A test of a parser of learner or trainer text asks
``grows_linearly(parse, seed)`` over adversarial seeds (hypothesis draws them)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

SIZES = (64, 256, 1024)


def _call(function: Callable[..., Any], *args: Any) -> None:
    try:
        function(*args)
    except Exception:  # noqa: S110 (a refusal is an answer too; its work is what counts)
        pass


def python_steps(function: Callable[..., Any], *args: Any) -> int:
    """The lines of Python ``function(*args)`` runs, whatever it returns or raises.

    The call is made once untraced first, so that caches (compiled patterns, say) are
    warm, and the garbage collector waits during the counted call: otherwise a pattern
    evicted from ``re``'s cache by other tests, or finalizers of other tests' objects
    run by a collection, were counted as the parser's work, now and then."""
    _call(function, *args)
    steps = 0

    def trace(_frame, event, _arg):
        nonlocal steps
        if event == "line":
            steps += 1
        return trace

    collecting = gc.isenabled()
    gc.disable()
    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        function(*args)  # called here: a helper's own lines would be counted
    except Exception:  # noqa: S110 (as in _call)
        pass
    finally:
        sys.settrace(previous)
        if collecting:
            gc.enable()
    return steps


def grows_linearly(function: Callable[[str], Any], seed: str, sizes=SIZES) -> bool:
    """Whether the work on ``seed`` repeated to each size grows at most in proportion to
    the size (with room for a constant): quadrupling the input may not do more than
    about four times the work."""
    steps = [python_steps(function, (seed * (size // len(seed) + 1))[:size]) for size in sizes]
    measured = list(zip(sizes, steps, strict=True))
    return all(
        later <= (big / small) * 1.25 * earlier + 200
        for (small, earlier), (big, later) in zip(measured, measured[1:])  # noqa: B905
    )
