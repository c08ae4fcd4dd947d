"""The first-party plugins keep to the public plugin API, as a partner's must, and the
core never imports a plugin."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PLUGIN_PACKAGES = sorted(p.parent for p in ROOT.glob("plugins/*/elearn_*/__init__.py"))


def imported_modules(path: Path) -> set[str]:
    source = re.sub(r"\$\{?(\w+)\}?", r"\1", path.read_text())  # a template's $names
    found = set()
    for node in ast.walk(ast.parse(source)):
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


PARTNER_TESTS = sorted(ROOT.glob("plugins/*/tests/*.py")) + sorted(
    (ROOT / "elearn/scaffold/template").rglob("*.py.tmpl")
)


@pytest.mark.parametrize("path", PARTNER_TESTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_plugin_tests_and_the_template_use_only_the_api_and_the_test_kit(path):
    core = {m for m in imported_modules(path) if m == "elearn" or m.startswith("elearn.")}
    allowed = {m for m in core if m == "elearn.plugin_api" or m.startswith("elearn.testing")}
    assert core == allowed, f"{path}: reaches into {sorted(core - allowed)}"


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
