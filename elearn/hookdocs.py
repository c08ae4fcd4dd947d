"""The plugin references, generated from the code so they cannot drift: the hooks (from
``elearn.hookspecs``) and the public plugin API (``elearn.plugin_api.__all__``).

``python -m elearn.hookdocs``, run from the checkout, rewrites both in
``docs/plugins/`` (or in the folder given): the docs are the source tree's, not the
installed package's.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from elearn import hookspecs, plugin_api

BEGIN, END = "<!-- hook-reference:begin -->", "<!-- hook-reference:end -->"
API_BEGIN, API_END = "<!-- api-reference:begin -->", "<!-- api-reference:end -->"
DOCS = Path("docs") / "plugins"


def hook_names() -> list[str]:
    return [
        name
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "elearn_spec")
    ]


def reference() -> str:
    """The reference as Markdown: each hook's signature and docstring."""
    parts = []
    for name in hook_names():
        function = getattr(hookspecs, name)
        signature = str(inspect.signature(function)).replace("'", "")
        parts.append(f"### `{name}{signature}`\n\n{inspect.getdoc(function)}\n")
    return "\n".join(parts)


def _members(cls: type) -> list[str]:
    """A class's own public methods and attributes that say what they are for."""
    lines = []
    for name, member in vars(cls).items():
        if name.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
            continue
        target = member.fget if isinstance(member, property) else member
        signature = "" if isinstance(member, property) else str(inspect.signature(target))
        signature = signature.replace("'", "")
        doc = inspect.getdoc(target)
        lines.append(f"- `{name}{signature}`" + (f": {doc}" if doc else ""))
    return lines


def undocumented_api() -> list[str]:
    """Public names of the plugin API (classes and functions) without a docstring."""
    return [
        name
        for name in plugin_api.__all__
        if (inspect.isclass(obj := getattr(plugin_api, name)) or inspect.isfunction(obj))
        and not (obj.__doc__ or "").strip()
    ]


def api_reference() -> str:
    """The public plugin API as Markdown: every name of ``elearn.plugin_api.__all__``."""
    parts = []
    for name in plugin_api.__all__:
        obj = getattr(plugin_api, name)
        if inspect.isclass(obj):
            parts.append(f"### class `{name}`\n\n{inspect.getdoc(obj)}\n")
            members = _members(obj)
            if members:
                parts.append("\n".join(members) + "\n")
        elif inspect.isfunction(obj):
            signature = str(inspect.signature(obj)).replace("'", "")
            parts.append(f"### `{name}{signature}`\n\n{inspect.getdoc(obj)}\n")
        elif name != "hookimpl":
            parts.append(f"### `{name}`\n\n`{obj!r}`\n")
        else:
            parts.append("### `hookimpl`\n\nThe marker of a hook implementation: `@hookimpl`.\n")
    return "\n".join(parts)


def _rewrite(path: Path, begin: str, end: str, body: str) -> None:
    text = path.read_text()
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{begin}\n{body}\n{end}{tail}")


def rewrite(folder: Path = DOCS) -> None:
    _rewrite(folder / "hooks.md", BEGIN, END, reference())
    _rewrite(folder / "api.md", API_BEGIN, API_END, api_reference())


if __name__ == "__main__":
    rewrite(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS)
