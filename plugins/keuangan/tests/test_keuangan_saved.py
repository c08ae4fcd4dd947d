"""The plugin's own table, from its own Alembic lineage: saved calculations (each
learner sees only theirs), the lineage up and down on this suite's database, and a
plugin whose tables are behind its code waiting until `elearn plugins upgrade`."""

from elearn.testing import PluginTables, login, plugin_host, post_form, run_sql, table_names

FIGURES = "uraian-1=Belanja+modal&pagu-1=1.000.000.000&realisasi-1=250.000.000"


def test_a_learner_saves_opens_and_deletes_a_calculation(client, login_as, make_user):
    login_as("learner")
    page = f"/p/keuangan/serapan?{FIGURES}"
    saved = post_form(
        client,
        "/p/keuangan/serapan/simpan",
        {
            "name": "DPA Dinas PUPR 2026",
            "uraian-1": "Belanja modal",
            "pagu-1": "1.000.000.000",
            "realisasi-1": "250.000.000",
            "rahasia": "tidak disimpan",
        },
        page=page,
    )
    assert saved.status_code == 302
    html = client.get("/p/keuangan/serapan").get_data(as_text=True)
    assert "DPA Dinas PUPR 2026" in html
    link = html.split('href="/p/keuangan/serapan?')[1].split('"')[0]
    assert "rahasia" not in link
    assert "25%" in client.get(f"/p/keuangan/serapan?{link.replace('&amp;', '&')}").get_data(
        as_text=True
    )

    other = client.application.test_client()
    make_user("learner", nip="199003152015031002", email="lain@contoh.go.id")
    login(other, "199003152015031002")
    assert "DPA Dinas PUPR 2026" not in other.get("/p/keuangan/serapan").get_data(as_text=True)
    refused = post_form(other, "/p/keuangan/serapan/1/hapus", {}, page="/p/keuangan/serapan")
    assert refused.status_code == 404

    deleted = post_form(client, "/p/keuangan/serapan/1/hapus", {}, page="/p/keuangan/serapan")
    assert deleted.status_code == 302
    assert "DPA Dinas PUPR 2026" not in client.get("/p/keuangan/serapan").get_data(as_text=True)


def test_a_calculation_without_a_name_is_refused(client, login_as, app):
    login_as("learner")
    post_form(client, "/p/keuangan/serapan/simpan", {"pagu-1": "1"}, page="/p/keuangan/serapan")
    assert run_sql(app, "SELECT count(*) FROM keuangan_calculations")[0][0] == 0


def test_the_lineage_has_its_own_version_table_and_runs_down_and_up(app):
    lineage = PluginTables(app, "keuangan")
    assert {"keuangan_calculations", "alembic_version_keuangan"} <= table_names(app)
    lineage.downgrade()
    assert "keuangan_calculations" not in table_names(app)
    assert "users" in table_names(app)  # the core is untouched
    lineage.upgrade()
    assert lineage.is_current()


def test_a_plugin_behind_its_tables_waits_until_upgraded(app, make_app):
    PluginTables(app, "keuangan").downgrade()
    waiting = make_app(PLUGINS_STRICT=False)
    record = plugin_host(waiting).records["keuangan"]
    assert record.status == "needs-upgrade"
    assert "elearn plugins upgrade" in record.reason
    assert "keuangan" not in plugin_host(waiting).course_types
    result = waiting.test_cli_runner().invoke(args=["plugins", "upgrade", "keuangan"])
    assert "upgraded: keuangan" in result.output
    assert "restart" in result.output
    assert plugin_host(make_app()).records["keuangan"].active
    again = waiting.test_cli_runner().invoke(args=["plugins", "upgrade"])
    assert "every plugin's tables are current" in again.output
    unknown = waiting.test_cli_runner().invoke(args=["plugins", "upgrade", "tidak_ada"])
    assert unknown.exit_code != 0 and "tidak_ada" in unknown.output
