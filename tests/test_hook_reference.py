"""The hook reference and the plugin-API reference in docs/plugins/ are complete and
current, and every hook is implemented by one of the test plugins (so every hook is
exercised by a test)."""

import ast
import inspect
from pathlib import Path

from elearn import hookdocs, hookspecs
from elearn.plugins import get_host

ROOT = Path(__file__).parent.parent


def test_the_documented_reference_is_the_generated_one():
    text = (ROOT / "docs" / "plugins" / "hooks.md").read_text()
    documented = text.split(hookdocs.BEGIN)[1].split(hookdocs.END)[0].strip()
    assert documented == hookdocs.reference().strip(), "run: python -m elearn.hookdocs"


def test_the_documented_plugin_api_is_the_generated_one():
    text = (ROOT / "docs" / "plugins" / "api.md").read_text()
    documented = text.split(hookdocs.API_BEGIN)[1].split(hookdocs.API_END)[0].strip()
    assert documented == hookdocs.api_reference().strip(), "run: python -m elearn.hookdocs"


def test_every_public_name_of_the_plugin_api_has_a_docstring():
    assert hookdocs.undocumented_api() == []


def test_every_hook_has_a_docstring():
    undocumented = [
        name
        for name in hookdocs.hook_names()
        if len(inspect.getdoc(getattr(hookspecs, name)) or "") < 40
    ]
    assert undocumented == []


def test_every_hook_is_implemented_by_a_test_plugin():
    implemented = set()
    for path in (ROOT / "tests" / "plugins").rglob("elearn_test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and any(
                getattr(d, "id", None) == "hookimpl" for d in node.decorator_list
            ):
                implemented.add(node.name)
    assert set(hookdocs.hook_names()) <= implemented


def test_a_plugin_question_type_is_registered(make_app, install_plugin):
    install_plugin("good")
    assert "ringkasan_kebijakan" in get_host(make_app()).question_types
