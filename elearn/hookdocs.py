"""The hook reference, generated from ``elearn.hookspecs`` so it cannot drift.

``python -m elearn.hookdocs`` rewrites the reference section of ``docs/plugins.md``.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from elearn import hookspecs

BEGIN, END = "<!-- hook-reference:begin -->", "<!-- hook-reference:end -->"


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


def rewrite(path: Path) -> None:
    text = path.read_text()
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n{reference()}\n{END}{tail}")


if __name__ == "__main__":
    rewrite(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/plugins.md"))
