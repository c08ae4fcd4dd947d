"""URL rules that write their URL builder when a URL is first built, not at start-up.

Werkzeug compiles two Python functions for every rule as it is added; an app has about
80 rules and builds a URL from a handful of them per request. Start-up (and the test
suite, which builds an app per test) spent most of its time there. Matching requests is
unchanged; only the builder waits. Should Werkzeug rename the hook, rules simply compile
eagerly again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule


class LazyBuilderRule(Rule):
    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        compiled: Callable[..., tuple[str, str]] | None = None

        def build(rule: Rule, **values: Any) -> tuple[str, str]:
            nonlocal compiled
            if compiled is None:
                compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            return compiled(**values)

        return build
