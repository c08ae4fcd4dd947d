"""``elearn plugin new NAME``: a new plugin package, laid out as the first-party plugins
are, whose tests pass as generated: a course type, a question type with its own template,
a stylesheet, an Indonesian catalogue, tests that keep the question-type contract."""

from __future__ import annotations

import io
import re
from pathlib import Path
from string import Template

import click
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from elearn.hookspecs import API_VERSION

TEMPLATE = Path(__file__).parent / "template"
NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")


def names(name: str) -> dict[str, str]:
    """What the package, distribution, ids and labels of plugin ``name`` are called."""
    return {
        "name": name,
        "package": f"elearn_{name}",
        "dist": f"elearn-{name.replace('_', '-')}",
        "question_type": f"{name.replace('_', '-')}-kata-kunci",
        "title": name.replace("_", " ").title(),
        "class_name": name.replace("_", " ").title().replace(" ", ""),
        "api": API_VERSION,
    }


def _target(relative: Path, values: dict[str, str]) -> Path:
    parts = [values["package"] if part == "package" else part for part in relative.parts]
    parts = [p.replace("NAME", values["name"]) for p in parts]
    return Path(*parts[:-1], parts[-1].removesuffix(".tmpl"))


def create(name: str, parent: Path) -> Path:
    """Write the package for plugin ``name`` under ``parent``; return its folder."""
    if not NAME.match(name):
        raise ValueError(
            "a plugin name is 2 to 31 lower-case letters, digits or _, starting with a letter"
        )
    values = names(name)
    root = parent / values["dist"]
    if root.exists():
        raise FileExistsError(f"{root} exists already")
    for source in sorted(p for p in TEMPLATE.rglob("*") if p.is_file()):
        target = root / _target(source.relative_to(TEMPLATE), values)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(Template(source.read_text()).substitute(values))
    catalogue = root / values["package"] / "translations" / "id" / "LC_MESSAGES"
    with open(catalogue / "messages.po", "rb") as handle:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(handle, locale="id"))
    (catalogue / "messages.mo").write_bytes(compiled.getvalue())
    return root


@click.group("plugin")
def plugin_group() -> None:
    """Write a plugin of your own."""


@plugin_group.command("new")
@click.argument("name")
@click.option(
    "--dir",
    "parent",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to create the package folder.",
)
def plugin_new(name: str, parent: Path) -> None:
    """Create the pip package of a new plugin NAME (e.g. studi_kasus)."""
    try:
        root = create(name, parent)
    except (ValueError, FileExistsError) as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Created {root}. Next:")
    click.echo(f"  pip install -e {root}")
    click.echo(f"  pytest {root / 'tests'}")
    click.echo("  elearn plugins list")
