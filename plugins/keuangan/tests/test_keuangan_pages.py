"""The plugin as a learner meets it: its course type, filters, calculator and menu."""

from elearn.testing import load_demo_courses, login, plugin_host


def test_the_plugin_is_active_with_its_course_and_question_types(app):
    host = plugin_host(app)
    assert host.records["keuangan"].active
    assert host.course_types["keuangan"].competency == "teknis"
    assert {"rupiah", "hitung", "tabel-anggaran"} <= set(host.question_types)


def test_rupiah_and_percent_filters_write_indonesian_numbers(app):
    with app.test_request_context():
        render = app.jinja_env.from_string("{{ 1250000|rupiah }} {{ 84.5|persen }} {{ -5|rupiah }}")
        assert render.render() == "Rp 1.250.000 84,5% -Rp 5"


def test_the_calculator_weighs_absorption_by_the_ceilings(client, login_as):
    login_as("learner")
    page = client.get(
        "/p/keuangan/serapan?uraian-1=Belanja+pegawai&pagu-1=4.000.000.000&realisasi-1=2.000.000.000"
        "&uraian-2=Belanja+modal&pagu-2=1.000.000.000&realisasi-2=100.000.000"
    ).get_data(as_text=True)
    assert "50%" in page and "10%" in page
    assert "Rp 5.000.000.000" in page and "Rp 2.100.000.000" in page
    assert "42%" in page  # 2,1 of 5 billion, not the mean of 50% and 10%
    assert "Kalkulator serapan" in client.get("/dashboard").get_data(as_text=True)


def test_the_calculator_names_a_bad_amount_and_keeps_the_rest(client, login_as):
    login_as("learner")
    page = client.get(
        "/p/keuangan/serapan?uraian-1=Belanja+modal&pagu-1=sejuta&realisasi-1=1.000"
    ).get_data(as_text=True)
    assert "Belanja modal: `sejuta` bukan nilai uang." in page
    assert 'value="1.000"' in page


def test_the_calculator_needs_a_signed_in_user(client):
    assert client.get("/p/keuangan/serapan").status_code == 302


def test_without_the_plugin_its_course_is_unavailable_and_the_rest_runs(make_app, make_user):
    load_demo_courses(make_app())
    make_user("learner")
    without = make_app(DISABLED_PLUGINS=["keuangan"])
    client = without.test_client()
    login(client, "199003152015032001")
    catalogue = client.get("/courses").get_data(as_text=True)
    assert (
        'Pengelolaan Keuangan Daerah bagi ASN</a> <span class="badge badge-disabled">' in catalogue
    )
    assert "Literasi Digital dan Keamanan Data untuk ASN</a></h2>" in catalogue
    page = client.get("/courses/pengelolaan-keuangan-daerah")
    assert page.status_code == 200 and "keuangan" in page.get_data(as_text=True)
    assert (
        client.get(
            "/courses/literasi-digital-keamanan-data/items/spbe-dan-layanan-digital"
        ).status_code
        == 302
    )
