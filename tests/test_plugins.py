"""The plugin host: discovery through entry points, isolation, strictness, state."""

import pytest
import sqlalchemy as sa

from elearn import db
from elearn.models import PluginState
from elearn.plugins import BUILTIN, PluginError, get_host
from elearn.testing import csrf_token, login


def test_core_types_are_registered_through_the_same_hooks(app):
    host = get_host(app)
    assert host.records[BUILTIN].active
    assert "umum" in host.course_types


def test_installed_plugins_are_read_again_only_when_the_import_path_changes(
    make_app, install_plugin, monkeypatch
):
    from importlib import metadata

    reads = []
    real = metadata.entry_points
    monkeypatch.setattr(metadata, "entry_points", lambda **kw: reads.append(1) or real(**kw))
    first, second = make_app(), make_app()
    assert "uji_baik" not in get_host(first).records | get_host(second).records
    assert len(reads) <= 1  # one read (none when an earlier test's app read this path)
    install_plugin("good")
    assert get_host(make_app()).records["uji_baik"].active
    assert len(reads) <= 2
    make_app()
    assert len(reads) <= 2


def test_an_installed_plugin_is_discovered_and_everything_it_registers_works(
    make_app, install_plugin, login_as
):
    install_plugin("good")
    app = make_app()
    host = get_host(app)
    record = host.records["uji_baik"]
    assert (record.status, record.version) == ("active", "1.2.0")
    assert host.course_types["studi_kasus"].competency == "manajerial"
    assert app.jinja_env.filters["teriak"]("halo") == "HALO!"
    assert app.jinja_env.globals["uji_baik_versi"] == "1.2.0"
    login_page = app.test_client().get("/login").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/p/uji_baik/static/uji_baik.css">' in login_page
    stylesheet = app.test_client().get("/p/uji_baik/static/uji_baik.css")
    assert stylesheet.status_code == 200
    stylesheet.close()
    client = app.test_client()
    with app.app_context():
        from elearn.accounts import create_user
        from elearn.testing import login

        create_user(
            db.session(), full_name="Sari", nip="199003152015032001", password="kata-sandi-uji-123"
        )
        db.session().commit()
    login(client, "199003152015032001")
    assert client.get("/p/uji_baik/halo").get_data(as_text=True) == "halo dari plugin"
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert 'href="/p/uji_baik/halo">Studi Kasus</a>' in dashboard


def test_a_plugin_hears_learner_events(make_app, install_plugin, make_user):
    install_plugin("good")
    app = make_app()
    import elearn_test_good

    elearn_test_good.SEEN_EVENTS.clear()
    from elearn.testing import login

    make_user("learner")
    login(app.test_client(), "199003152015032001")
    assert elearn_test_good.SEEN_EVENTS == [("logged-in", "platform")]


def test_a_plugin_that_hears_an_event_can_use_the_database(app_with_plugin, make_user):
    """Plugins hear events after the commit has returned, where the request's session
    takes SQL again (inside SQLAlchemy's after_commit hook it refuses any)."""
    import types

    from elearn.plugin_api import database_session, hookimpl

    counted = []
    plugin = types.ModuleType("elearn_test_counting")
    plugin.learner_event = hookimpl(
        lambda event: counted.append(
            database_session().scalar(sa.text("SELECT count(*) FROM events"))
        )
    )
    app = app_with_plugin("menghitung", plugin)
    make_user("learner")
    login(app.test_client(), "199003152015032001")
    assert counted == [1]  # the sign-in's own event, committed


def test_a_plugin_hears_an_event_only_once_its_transaction_commits(
    make_app, install_plugin, make_user
):
    """The event is in the caller's unit of work: a rolled-back action was never heard,
    and a committed one is heard after the commit, when its changes are stored."""
    install_plugin("good")
    app = make_app()
    import elearn_test_good

    from elearn.progress.events import record_event

    elearn_test_good.SEEN_EVENTS.clear()
    user = make_user("learner")
    with app.test_request_context():
        session = db.session()
        record_event(session, actor=user, verb="abandoned", object_type="quiz", object_id="x")
        session.rollback()
        record_event(session, actor=user, verb="viewed", object_type="lesson", object_id="y")
        with pytest.raises(sa.exc.IntegrityError), session.begin_nested():
            session.execute(sa.text("INSERT INTO users (id) VALUES (NULL)"))  # refused
        assert elearn_test_good.SEEN_EVENTS == []  # not before the commit
        session.commit()
    assert elearn_test_good.SEEN_EVENTS == [("viewed", "lesson")]


def test_a_plugin_adds_a_cli_command(make_app, install_plugin):
    install_plugin("good")
    app = make_app()
    result = app.test_cli_runner().invoke(args=["uji-baik"])
    assert result.output.strip() == "halo dari perintah plugin"


@pytest.mark.parametrize(
    ("folder", "name", "status", "reason"),
    [
        (
            "broken",
            "uji_rusak",
            "failed",
            "import failed: ModuleNotFoundError: "
            "No module named 'elearn_package_that_does_not_exist'",
        ),
        (
            "incompatible",
            "uji_lama",
            "incompatible",
            "needs plugin API 2.0; this elearn offers 1.3",
        ),
        (
            "badstartup",
            "uji_gagal_mulai",
            "failed",
            "PluginStartupError: ELEARN_TTE_URL belum diatur",
        ),
        (
            "duplicate",
            "uji_ganda",
            "failed",
            "ValueError: course type id 'umum' is already registered",
        ),
    ],
)
def test_a_failing_plugin_is_disabled_and_reported_and_the_platform_runs_on(
    make_app, install_plugin, make_user, folder, name, status, reason
):
    install_plugin(folder)
    app = make_app(PLUGINS_STRICT=False)
    host = get_host(app)
    record = host.records[name]
    assert (record.status, record.reason) == (status, reason)
    registered = host.pm.hook.register_course_types.get_hookimpls()
    assert name not in [impl.plugin_name for impl in registered]
    assert {"masa_depan", "bertanda_tangan"}.isdisjoint(host.course_types)
    assert host.course_types["umum"].__module__ == "elearn.builtin"

    from elearn.testing import login

    make_user("admin")
    client = app.test_client()
    login(client, "198104222006042002")
    overview = client.get("/admin/").get_data(as_text=True)
    assert "Plugin yang perlu diperiksa" in overview and name in overview
    page = client.get("/admin/plugins").get_data(as_text=True)
    assert reason.replace("'", "&#39;") in page
    listing = app.test_cli_runner().invoke(args=["plugins", "list"]).output
    assert f"{status}: {reason}" in listing


@pytest.mark.parametrize("folder", ["broken", "incompatible", "badstartup", "duplicate"])
def test_under_test_a_failing_plugin_fails_loudly(make_app, install_plugin, folder):
    install_plugin(folder)
    with pytest.raises(PluginError):
        make_app()


def test_a_setting_switches_named_plugins_off(make_app, install_plugin):
    install_plugin("good")
    install_plugin("broken")
    app = make_app(DISABLED_PLUGINS=["uji_baik", "uji_rusak"])
    host = get_host(app)
    assert host.records["uji_baik"].status == "disabled"
    assert host.records["uji_rusak"].status == "disabled"
    assert "studi_kasus" not in host.course_types
    assert "uji_baik" not in app.blueprints


def test_disabled_plugins_are_read_from_the_environment(make_app, install_plugin, monkeypatch):
    install_plugin("good")
    monkeypatch.setenv("ELEARN_DISABLED_PLUGINS", "uji_baik, lainnya")
    assert get_host(make_app()).records["uji_baik"].status == "disabled"


def test_an_admin_switches_a_plugin_off_and_it_stays_off_after_restart(
    make_app, install_plugin, make_user
):
    install_plugin("good")
    app = make_app()
    from elearn.testing import login

    make_user("admin")
    client = app.test_client()
    login(client, "198104222006042002")
    response = client.post(
        "/admin/plugins", data={"csrf_token": csrf_token(client, "/admin/plugins")}
    )  # no box ticked
    assert response.status_code == 302
    with app.app_context():
        row = db.session().scalar(sa.select(PluginState).where(PluginState.name == "uji_baik"))
        assert row.enabled is False
    restarted = make_app()
    assert get_host(restarted).records["uji_baik"].status == "disabled"
    assert "studi_kasus" not in get_host(restarted).course_types


def test_a_plugin_switched_off_stops_at_once_here_and_soon_in_every_other_process(
    make_app, install_plugin, make_user
):
    from elearn.testing import login

    install_plugin("good")
    app, elsewhere = make_app(), make_app(PLUGIN_SWITCH_SECONDS=0)  # two app processes
    make_user("admin")
    learner = make_user("learner")
    admin, visitor = app.test_client(), elsewhere.test_client()
    login(admin, "198104222006042002")
    login(visitor, learner.nip)
    assert visitor.get("/p/uji_baik/halo").status_code == 200
    page = "/admin/plugins"
    admin.post(page, data={"csrf_token": csrf_token(admin, page)})  # no box ticked: all off
    for client, platform in ((admin, app), (visitor, elsewhere)):
        assert client.get("/p/uji_baik/halo").status_code == 404
        assert "uji_baik.css" not in client.get("/login").get_data(as_text=True)
        assert "studi_kasus" not in get_host(platform).course_types
        assert get_host(platform).records["uji_baik"].status == "disabled"
    admin.post(page, data={"csrf_token": csrf_token(admin, page), "enabled": "uji_baik"})
    assert "diterapkan sekarang" in admin.get(page).get_data(as_text=True)
    for client, platform in ((admin, app), (visitor, elsewhere)):
        assert client.get("/p/uji_baik/halo").status_code == 200
        assert "studi_kasus" in get_host(platform).course_types


def test_a_signed_in_post_reads_the_switches_without_waiting_for_itself(make_app, make_user):
    """On SQLite a signed-in POST holds the write lock from its first statement: the
    switches are read in its own transaction (another connection would wait 10 s for
    the lock and fail with "database is locked")."""
    from elearn.testing import login, post_form

    app = make_app(PLUGIN_SWITCH_SECONDS=0)  # read on every request
    learner = make_user("learner")
    client = app.test_client()
    login(client, learner.nip)
    response = post_form(client, "/logout", {}, page="/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_request_time_failure_is_isolated_logged_and_shown_to_admins(
    make_app, install_plugin, make_user
):
    install_plugin("noisy")
    app = make_app(PLUGINS_STRICT=False)
    from elearn.testing import login

    make_user("admin")
    client = app.test_client()
    login(client, "198104222006042002")
    response = client.get("/dashboard")
    assert response.status_code == 200
    assert "Dasbor" in response.get_data(as_text=True)  # the core's own links still render
    assert "menu_links: RuntimeError: menu rusak" in client.get("/admin/plugins").get_data(
        as_text=True
    )


def test_a_question_type_alias_that_clashes_disables_its_plugin(make_app, monkeypatch):
    import types

    from elearn.plugin_api import QuestionType, hookimpl

    class Impostor(QuestionType):
        id = "pilihan-tunggal"
        label = "Tiruan"
        aliases = ("single",)  # already the core's single choice

    module = types.ModuleType("elearn_test_impostor")
    module.register_question_types = hookimpl(lambda: [Impostor])
    app = make_app(PLUGINS_STRICT=False)
    host = get_host(app)
    host._admit("uji_tiruan", module, version="0.1")
    assert host.records["uji_tiruan"].reason == (
        "ValueError: question type id 'single' is already registered"
    )
    assert "pilihan-tunggal" not in host.question_types


def test_a_plugin_with_tables_waits_for_them_and_runs_once_upgraded(make_app, install_plugin):
    from elearn import migrations

    install_plugin("tables")
    waiting = make_app(PLUGINS_STRICT=False)
    record = get_host(waiting).records["uji_tabel"]
    assert record.status == "needs-upgrade"
    assert get_host(waiting).migrations["uji_tabel"].name == "tables_migrations"
    assert "uji_tabel" in migrations.upgrade(waiting)  # the core first, then each plugin
    engine = db.get_db(waiting).engine
    assert {"uji_tabel_notes", "alembic_version_uji_tabel"} <= set(
        sa.inspect(engine).get_table_names()
    )
    assert get_host(make_app()).records["uji_tabel"].active


def test_a_plugin_using_what_is_deprecated_is_told_what_to_do_instead(
    make_app, install_plugin, monkeypatch, make_user
):
    from elearn import hookspecs

    monkeypatch.setitem(hookspecs.DEPRECATED_HOOKS, "learner_event", "use track_event")
    monkeypatch.setitem(hookspecs.DEPRECATED_ARGUMENTS, ("menu_links", "user"), "use viewer")
    install_plugin("good")
    app = make_app()
    record = get_host(app).records["uji_baik"]
    assert record.active
    assert record.deprecations == [
        "the hook learner_event is deprecated: use track_event",
        "the argument user of menu_links is deprecated: use viewer",
        "it uses elearn.auth.permissions: "
        + hookspecs.DEPRECATED_IMPORTS["elearn.auth.permissions"],
    ]
    listing = app.test_cli_runner().invoke(args=["plugins", "list"]).output
    assert "deprecated: the hook learner_event is deprecated: use track_event" in listing
    client = app.test_client()
    from elearn.testing import login

    make_user("admin")
    login(client, "198104222006042002")
    page = client.get("/admin/plugins").get_data(as_text=True)
    assert "Usang: the argument user of menu_links is deprecated: use viewer" in page


def test_the_first_party_plugins_use_nothing_deprecated(app):
    host = get_host(app)
    for name in ("keuangan", "ti", "softskills"):
        assert host.records[name].deprecations == []
