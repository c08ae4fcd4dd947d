"""The ``elearn`` command: run the platform, migrate, manage users and plugins."""

from __future__ import annotations

import os

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from werkzeug.serving import run_simple

from elearn import create_app, db, migrations
from elearn.models import ROLES, Agency
from elearn.scaffold import plugin_group
from elearn.worker import start_sweeper, worker_command


def _create_app():
    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    set_debug_flag=False,
)
def cli() -> None:
    """elearn: self-paced learning for ASN.

    The commands live on the app (``app.cli``) so plugins can add theirs beside them.
    """


def _ready_app():
    """The app with its database created or upgraded (plugins that waited for their
    tables start with them), in an app context."""
    from elearn.plugins import get_host

    app = current_app._get_current_object()
    upgraded = migrations.upgrade(app)
    if any(get_host(app).records[name].status == "needs-upgrade" for name in upgraded):
        app = create_app()
        app.app_context().push()
    return app


def _load_demo(app, session) -> None:
    """The demo accounts (printed) and the sample courses, into an empty database."""
    from elearn.demo import (
        DEMO_TRAINER_NIP,
        assign_demo_mandatory_course,
        load_demo_data,
        load_sample_courses,
    )

    accounts = load_demo_data(session)
    click.echo("Demo accounts (sign in with NIP or e-mail):")
    for role, login, password in accounts:
        click.echo(f"  {role:10} {login:20}  password: {password}")
    click.echo("Sample courses:")
    for line in load_sample_courses(app, session, trainer=DEMO_TRAINER_NIP):
        click.echo(f"  {line}")
    assign_demo_mandatory_course(session)
    from elearn.demo_events import load_demo_events
    from elearn.demo_ideas import load_demo_ideas

    load_demo_events(session)
    load_demo_ideas(session)


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not load demo data into an empty database.")
@with_appcontext
def run_command(host: str, port: int, no_demo: bool) -> None:
    """Create or upgrade the database, load demo data when it is empty, and serve."""
    from elearn.demo import database_is_empty

    app = _ready_app()
    session = db.session()
    if not no_demo and database_is_empty(session):
        _load_demo(app, session)
    if "ELEARN_BASE_URL" not in os.environ:
        app.config["BASE_URL"] = f"http://{host}:{port}"  # links name this server
    click.echo(f"\n  elearn is running: open http://{host}:{port}/\n", nl=False)
    click.echo("  (for production, serve wsgi:app with gunicorn: see the README)\n")
    start_sweeper(app)  # retries and expired attempts, without a separate worker
    run_simple(host, port, app, threaded=True)


@click.command("demo")
@click.option("--people", default=300, show_default=True, type=click.IntRange(1, 5000))
@click.option(
    "--seed", default=2026, show_default=True, type=int, help="The same seed, the same city."
)
@with_appcontext
def demo_command(people: int, seed: int) -> None:
    """Fill the platform with a demo city: the demo accounts and sample courses (into an
    empty database) and PEOPLE simulated ASN across the city's offices, with a year of
    enrolments, lessons, quiz attempts, completions, JP and certificates."""
    from elearn.demo import database_is_empty
    from elearn.demo_city import populate_city

    app = _ready_app()
    session = db.session()
    if database_is_empty(session):
        _load_demo(app, session)
    click.echo(f"Simulating a year of learning for {people} ASN...")
    summary = populate_city(app, session, people=people, seed=seed)
    click.echo(
        f"  {summary.people} ASN, {summary.enrolments} enrolments, "
        f"{summary.completions} courses completed, {summary.attempts} quizzes taken"
    )
    click.echo("Now start it with: elearn run")


@click.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Apply the migrations up to REVISION (default: the newest)."""
    migrations.upgrade(current_app._get_current_object(), revision)
    click.echo(f"Database at {migrations.current_revision(current_app._get_current_object())}.")


@click.group("user")
def user_group() -> None:
    """User accounts."""


@user_group.command("create")
@click.option("--name", "full_name", required=True, help="Full name.")
@click.option("--nip", help="18-digit NIP.")
@click.option("--email", help="E-mail address.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(ROLES),
    default=["learner"],
    show_default=True,
    help="Repeat for several roles.",
)
@click.option("--agency", "agency_code", help="Agency code.")
@click.option("--position", help="Position (jabatan).")
@click.password_option(help="Password (asked for when not given).")
@with_appcontext
def user_create(full_name, nip, email, roles, agency_code, position, password) -> None:
    """Create an account."""
    from elearn.accounts import NipError, create_user, password_problem

    problem = password_problem(password)
    if problem:
        raise click.BadParameter(problem, param_hint="--password")
    session = db.session()
    agency = None
    if agency_code:
        agency = session.scalar(sa.select(Agency).where(Agency.code == agency_code))
        if agency is None:
            raise click.BadParameter(f"no agency with code {agency_code!r}", param_hint="--agency")
    try:
        user = create_user(
            session,
            full_name=full_name,
            nip=nip,
            email=email,
            roles=roles,
            password=password,
            agency=agency,
            position=position,
        )
        session.commit()
    except NipError as exc:
        raise click.BadParameter(str(exc), param_hint="--nip") from None
    except (ValueError, sa.exc.IntegrityError) as exc:
        session.rollback()
        raise click.ClickException(f"cannot create the user: {exc.__class__.__name__}") from None
    click.echo(f"Created user {user.id}: {user.full_name} ({', '.join(sorted(user.roles))}).")


@click.group("plugins")
def plugins_group() -> None:
    """Installed plugins."""


@plugins_group.command("list")
@with_appcontext
def plugins_list() -> None:
    """Every plugin with its state and, when it is not active, why."""
    from elearn.plugins import get_host

    for record in sorted(get_host().records.values(), key=lambda r: r.name):
        line = f"{record.name:28} {record.version:10} {record.status}"
        if record.reason:
            line += f": {record.reason}"
        for notice in record.deprecations:
            line += f"\n    deprecated: {notice}"
        click.echo(line)


@plugins_group.command("upgrade")
@click.argument("names", nargs=-1)
@with_appcontext
def plugins_upgrade(names: tuple[str, ...]) -> None:
    """Upgrade plugins' own tables (NAMES, or every plugin with a lineage)."""
    from elearn.plugins import get_host

    host = get_host()
    unknown = sorted(set(names) - set(host.migrations))
    if unknown:
        raise click.ClickException(f"no plugin with tables of its own: {', '.join(unknown)}")
    changed = host.upgrade_tables(list(names) or None)
    for name in changed:
        click.echo(f"upgraded: {name}")
    if not changed:
        click.echo("every plugin's tables are current")
    elif any(host.records[name].status == "needs-upgrade" for name in changed):
        click.echo("restart the platform to switch those plugins on")


def _print_report(report, show_warnings: bool = True) -> None:
    from elearn.content.diagnostics import ERROR, WARNING

    ordered = report.sorted()
    for diagnostic in (d for d in ordered if d.severity == ERROR):
        click.echo(diagnostic.format(), err=True)
    if show_warnings and report.warnings:
        click.echo("\nWarnings:", err=True)
        for diagnostic in (d for d in ordered if d.severity == WARNING):
            click.echo(diagnostic.format(), err=True)


def _source(path: str):
    from pathlib import Path

    from elearn.content.source import read_source

    try:
        return read_source(Path(path))
    except (OSError, ValueError) as exc:  # zipfile.BadZipFile is a ValueError
        raise click.ClickException(f"cannot read {path}: {exc}") from None


@click.command("check")
@click.argument("path", type=click.Path(exists=True))
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@with_appcontext
def check_command(path: str, lang: str) -> None:
    """Check a course folder or zip; list every problem with file and line."""
    from flask_babel import force_locale

    from elearn.content.store import check_files

    with current_app.test_request_context(), force_locale(lang):
        course, report = check_files(current_app._get_current_object(), _source(path))
        _print_report(report)
        counts = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        if report.errors:
            raise click.ClickException(f"{path}: {counts}")
        click.echo(f"{path}: {course.title} ({len(course.items)} items): {counts}")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option(
    "--trainer",
    "trainers",
    multiple=True,
    help="NIP or e-mail of a trainer who teaches the imported courses (repeatable).",
)
@with_appcontext
def import_command(paths: tuple[str, ...], lang: str, trainers: tuple[str, ...]) -> None:
    """Import course folders or zips: new courses, new versions of edited ones."""
    from flask_babel import force_locale

    from elearn.accounts.users import find_by_identifier
    from elearn.content.store import add_trainer, import_course

    session = db.session()
    teachers = []
    for identifier in trainers:
        user = find_by_identifier(session, identifier)
        if user is None or not user.has_role("trainer"):
            raise click.ClickException(f"{identifier}: no trainer has this NIP or e-mail")
        teachers.append(user)
    failed = False
    with current_app.test_request_context(), force_locale(lang):
        for path in paths:
            result = import_course(current_app._get_current_object(), session, _source(path))
            _print_report(result.report, show_warnings=result.status != "unchanged")
            if result.status == "invalid":
                click.echo(f"{path}: not imported ({len(result.report.errors)} error(s))", err=True)
                failed = True
                continue
            version = result.version
            for teacher in teachers:
                add_trainer(session, version.course, teacher)
            session.commit()
            click.echo(
                f"{path}: {result.status}: {version.course.key} version "
                f"{version.number} ({version.title})"
            )
    if failed:
        raise SystemExit(1)


@click.group("attempts")
def attempts_group() -> None:
    """Quiz attempts."""


@attempts_group.command("close-expired")
@with_appcontext
def close_expired_command() -> None:
    """Grade every open attempt whose time ran out, on its saved answers (run it from
    cron every few minutes, so abandoned attempts count without the learner returning)."""
    from elearn.progress.attempts import close_expired_attempts

    with current_app.test_request_context():
        closed = close_expired_attempts(db.session())
        db.session().commit()
    click.echo(f"closed {closed} attempt(s) whose time ran out")


def init_app(app) -> None:
    for command in (
        attempts_group,
        run_command,
        demo_command,
        db_group,
        user_group,
        plugins_group,
        plugin_group,
        check_command,
        import_command,
        worker_command,
    ):
        app.cli.add_command(command)


def main() -> None:
    cli(prog_name="elearn")


if __name__ == "__main__":
    main()
