"""URLs built cheaply: rules that write their URL builder when a URL is first built, not
at start-up, and parse a rule's text once per process; an app that remembers the URLs
it built.

Werkzeug compiles two Python functions for every rule as it is added and parses the
rule's text into its parts; an app has about 160 rules and builds a URL from a handful
of them per request. Start-up (and the test suite, which builds an app per test) spent
most of its time there. Matching requests is unchanged; only the builder waits. Should
Werkzeug rename either hook, rules simply compile eagerly again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, has_request_context, request
from werkzeug.routing import Rule

from elearn.kept import keep

_PARSED: dict[tuple, tuple[list, list, dict]] = {}  # (text, converters) -> parsed


class PlatformRule(Rule):
    def _parse_rule(self, rule: str) -> Iterable[Any]:
        """The rule's parts, trace and converters, parsed once per process for a text
        and a map's converter classes; each rule gets its own converters, bound to its
        map, as Werkzeug's parse would make them."""
        key = (rule, frozenset(self.map.converters.items()))
        parsed = _PARSED.get(key)
        if parsed is None:
            traced, converters = len(self._trace), set(self._converters)
            parts = list(super()._parse_rule(rule))
            found = {k: v for k, v in self._converters.items() if k not in converters}
            parsed = keep(_PARSED, key, (parts, self._trace[traced:], found), 4096)
            return parts
        parts, trace, converters = parsed
        self._trace.extend(trace)
        for name, converter in converters.items():
            own = copy.copy(converter)
            own.map = self.map
            self._converters[name] = own
            self.arguments.add(name)
        return list(parts)

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        compiled: Callable[..., tuple[str, str]] | None = None

        def build(rule: Rule, **values: Any) -> tuple[str, str]:
            nonlocal compiled
            if compiled is None:
                compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            return compiled(**values)

        return build


class Platform(Flask):
    """The app class: a URL built in a request is remembered for the process.

    A page builds 15 to 40 URLs (the layout's links, the menu, a link per listed
    course), each through Werkzeug's rule matching and quoting, about as long as the
    database's answer to the page's statements. The rules do not change once the app
    serves, and a URL built for a request (not external, no anchor, method or scheme)
    depends only on the endpoint, its values and the script root. Not remembered when
    any ``url_defaults`` function is registered (it may depend on the request)."""

    KEPT_URLS = 4096

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built_urls: dict[tuple, str] = {}

    def url_for(
        self,
        endpoint: str,
        /,
        *,
        _anchor: str | None = None,
        _method: str | None = None,
        _scheme: str | None = None,
        _external: bool | None = None,
        **values: Any,
    ) -> str:
        special = {"_anchor": _anchor, "_method": _method, "_scheme": _scheme}
        if (
            _external
            or any(special.values())
            or endpoint.startswith(".")
            or self.url_default_functions
            or not has_request_context()
        ):
            given = {name: value for name, value in special.items() if value is not None}
            return super().url_for(endpoint, _external=_external, **given, **values)
        try:
            key = (request.script_root, endpoint, *values.items())
            built = self._built_urls.get(key)
        except TypeError:  # a value that cannot be a key (a list): built each time
            return super().url_for(endpoint, **values)
        if built is None:
            built = keep(self._built_urls, key, super().url_for(endpoint, **values), self.KEPT_URLS)
        return built
