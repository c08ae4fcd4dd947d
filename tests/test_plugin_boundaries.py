"""The first-party plugins keep to the public plugin API, as a partner's must, and the
core never imports a plugin."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PLUGIN_PACKAGES = sorted(p.parent for p in ROOT.glob("plugins/*/elearn_*/__init__.py"))


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_there_are_three_first_party_plugins():
    assert [p.name for p in PLUGIN_PACKAGES] == [
        "elearn_keuangan",
        "elearn_softskills",
        "elearn_ti",
    ]


@pytest.mark.parametrize("package", PLUGIN_PACKAGES, ids=lambda p: p.name)
def test_a_plugin_imports_only_the_public_plugin_api(package):
    for path in package.rglob("*.py"):
        core = {m for m in imported_modules(path) if m == "elearn" or m.startswith("elearn.")}
        assert core <= {"elearn.plugin_api"}, path


def test_the_core_never_imports_a_plugin():
    plugins = {p.name for p in PLUGIN_PACKAGES}
    for path in (ROOT / "elearn").rglob("*.py"):
        assert not {m.split(".")[0] for m in imported_modules(path)} & plugins, path


# Parsers of what people type run on RE2 (elearn.patterns): Python's re backtracks, and
# a long line could stall a request for minutes. Each exemption says why it is bounded.
LINEAR_ROOMS = [ROOT / "elearn" / room for room in ("content", "questions", "builtin")] + [
    p for p in PLUGIN_PACKAGES
]
BOUNDED_BEFORE_ANY_PATTERN = {
    ROOT / "plugins/ti/elearn_ti/sheet.py": "formulas are refused over 200 characters first",
}


@pytest.mark.parametrize("room", LINEAR_ROOMS, ids=lambda p: p.name)
def test_parsers_of_user_text_use_linear_time_patterns(room):
    for path in room.rglob("*.py"):
        if path in BOUNDED_BEFORE_ANY_PATTERN:
            continue
        assert "re" not in imported_modules(path), f"{path}: use elearn.patterns.pattern"
