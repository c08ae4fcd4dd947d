"""Every user-facing string is translatable and translated into Indonesian (the
default); English can be chosen."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from elearn.testing import csrf_token, login
from elearn.testing.translations import compiled_is_current, untranslated

PACKAGE = Path(__file__).parent.parent / "elearn"
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
TEXT_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}
NOT_WORDS = {"elearn", "JP", "CSV", "XLSX"}  # a name, and words alike in every language


def test_every_translatable_string_has_an_indonesian_translation():
    assert untranslated(PACKAGE) == [], "run the update commands in docs/translations.md"


def test_the_compiled_catalogue_matches_the_source():
    assert compiled_is_current(PACKAGE), "run: pybabel compile -d elearn/translations"


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "code"}:
            self.skip += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and re.search(r"[A-Za-z]", value):
                self.found.append(f"{name}={value!r}")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "code"}:
            self.skip -= 1

    def handle_data(self, data):
        words = set(re.findall(r"[A-Za-z][A-Za-z'-]*", data)) - NOT_WORDS
        if words and not self.skip:
            self.found.append(data.strip())


def bare_text(template_source: str) -> list[str]:
    finder = _TextFinder()
    finder.feed(JINJA.sub("\x00", template_source))
    return finder.found


def test_templates_have_no_text_outside_translation_calls():
    problems = {}
    for path in PACKAGE.rglob("templates/**/*.html"):
        found = bare_text(path.read_text())
        if found:
            problems[str(path.relative_to(PACKAGE))] = found
    assert problems == {}


def test_the_template_check_catches_bare_text():
    assert bare_text("<p>{{ _('Masuk') }}</p><h1>Dashboard</h1>") == ["Dashboard"]
    assert bare_text('<input placeholder="Cari kursus">') == ["placeholder='Cari kursus'"]


MESSAGE_CALLS = {"flash", "ValidationError", "abort", "MenuLink", "NipError", "BadParameter"}


def bare_python_strings(source: str) -> list[int]:
    """Lines where a user-facing call gets a literal string instead of _() / _l()."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
        user_facing = name in MESSAGE_CALLS or name.endswith("Field")
        args = [a for a in node.args if not isinstance(a, ast.Constant) or isinstance(a.value, str)]
        labels = args[:1] + [kw.value for kw in node.keywords if kw.arg in {"label", "message"}]
        if user_facing and any(isinstance(a, ast.Constant) and a.value for a in labels):
            lines.append(node.lineno)
    return lines


def test_views_and_forms_pass_user_facing_strings_through_translation():
    problems = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "cli.py":  # command-line output for operators stays English
            continue
        found = bare_python_strings(path.read_text())
        if found:
            problems[str(path.relative_to(PACKAGE))] = found
    assert problems == {}


def test_the_python_check_catches_bare_strings():
    assert bare_python_strings('flash("Tersimpan")\nStringField(_l("Nama"))') == [1]
    assert bare_python_strings('x = StringField("Nama")') == [1]


def test_indonesian_is_the_default_and_english_can_be_chosen(client):
    assert '<html lang="id">' in client.get("/login").get_data(as_text=True)
    response = client.post(
        "/language", data={"lang": "en", "next": "/login", "csrf_token": csrf_token(client)}
    )
    assert response.headers["Location"].endswith("/login")
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>Sign in</h1>" in page


def test_a_signed_in_users_language_follows_them_to_another_device(app, make_user):
    make_user("learner")
    laptop = app.test_client()
    login(laptop, "199003152015032001")
    laptop.post(
        "/language",
        data={"lang": "en", "next": "/dashboard", "csrf_token": csrf_token(laptop, "/dashboard")},
    )
    phone = app.test_client()
    login(phone, "199003152015032001")
    assert "Welcome, " in phone.get("/dashboard").get_data(as_text=True)


def test_an_unknown_language_is_ignored(client):
    client.post("/language", data={"lang": "xx", "csrf_token": csrf_token(client)})
    assert '<html lang="id">' in client.get("/login").get_data(as_text=True)


def test_numbers_are_written_as_the_language_writes_them(app):
    from flask_babel import force_locale

    from elearn.templating import number

    with app.test_request_context():
        with force_locale("id"):
            assert (number(4.5), number(1500), number(2.0)) == ("4,5", "1.500", "2")
        with force_locale("en"):
            assert (number(4.5), number(1500)) == ("4.5", "1,500")


def test_a_plugins_catalogue_cannot_change_how_indonesian_counts(app_with_plugin, tmp_path):
    """A plugin's catalogue declared two plural forms for Indonesian, and the core's
    plurals then came out in English ("4 questions are not answered")."""
    import types

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    package = tmp_path / "elearn_jamak"
    (package / "translations" / "id" / "LC_MESSAGES").mkdir(parents=True)
    catalog = Catalog(locale="id")
    catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"
    catalog.add("Jamak", "Jamak")
    with open(package / "translations/id/LC_MESSAGES/messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    (package / "__init__.py").write_text("")
    module = types.ModuleType("elearn_jamak")
    module.__file__ = str(package / "__init__.py")
    module.ELEARN_API_VERSION = "1.2"
    app = app_with_plugin("jamak", module)
    with app.test_request_context():
        from flask_babel import ngettext

        assert (
            ngettext("%(num)d question is not answered", "%(num)d questions are not answered", 4)
            == "4 soal belum dijawab"
        )


# "%(count)d courses": a plural in English (not "%(number)d is")
COUNTED = re.compile(r"%\(\w+\)d (?!is\b|was\b|has\b)[a-z-]+s\b")


def counted_without_ngettext(package: Path) -> list[str]:
    """Messages that count things with gettext: English would say "1 courses"."""
    from babel.messages.pofile import read_po

    with open(package / "translations" / "id" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle)
    return sorted(m.id for m in catalogue if isinstance(m.id, str) and COUNTED.search(m.id))


def test_counts_are_written_with_ngettext():
    plugins = sorted((PACKAGE.parent / "plugins").glob("*/elearn_*/translations"))
    for package in [PACKAGE, *(translations.parent for translations in plugins)]:
        assert counted_without_ngettext(package) == [], package.name


def test_the_count_check_catches_gettext_counting(tmp_path):
    folder = tmp_path / "translations" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid "%(count)d courses completed."\nmsgstr "%(count)d kursus selesai."\n\n'
        'msgid "%(num)d course"\nmsgid_plural "%(num)d courses"\nmsgstr[0] "%(num)d kursus"\n'
    )
    assert counted_without_ngettext(tmp_path) == ["%(count)d courses completed."]


def test_a_compiler_message_writes_numbers_as_its_language_does(compile_files):
    course = "---\nid: apbd\njudul: APBD\njp: 300\n---\nIsi.\n"
    for lang, said in (("id", "antara 0,5 dan 200"), ("en", "between 0.5 and 200")):
        _course, report = compile_files({"kursus.md": course}, lang=lang)
        assert any(said in d.message for d in report.errors), [d.message for d in report.errors]


def test_jp_named_once_a_page_are_named_in_each_pages_language(app):
    """A page names the same JP once (remembered for the page), and a job rendering for
    people of two languages in one context gives each page its own."""
    from flask import render_template_string
    from flask_babel import force_locale

    page = "{{ 2|jp_length }} / {{ 2|jp_length }}"
    with app.test_request_context():
        with force_locale("id"):
            indonesian = render_template_string(page)
        with force_locale("en"):
            english = render_template_string(page)
    assert indonesian == "2 JP (90 menit) / 2 JP (90 menit)"
    assert english == "2 JP (90 minutes) / 2 JP (90 minutes)"


def test_words_and_inputs_rendered_twice_in_one_context_speak_each_language(app):
    """Template translations are looked up once a request and language, and a
    question's inputs keep their words once per language: a job that renders for
    people of two languages in one context (``force_locale``) gives each its own."""
    from types import SimpleNamespace

    from flask import render_template_string
    from flask_babel import force_locale

    from elearn.questions.inputs import inputs_drawer

    page = '{{ _("Dashboard") }} | {{ inputs }}'
    question = SimpleNamespace(type_id="isian", title="Ibu kota")
    essay = SimpleNamespace(type_id="esai", title="Pendapat")
    with app.test_request_context():
        shown = {}
        for language in ("id", "en", "id"):
            with force_locale(language):
                draw = inputs_drawer()
                inputs = draw(question, {}, "q[a]", None, 100)
                inputs += draw(essay, {"min_words": 3}, "q[b]", None, 100)
                shown[language] = render_template_string(page, inputs=inputs)
    assert shown["id"].startswith("Dasbor |") and "Jawaban Anda" in shown["id"]
    assert "Paling sedikit 3 kata." in shown["id"]
    assert shown["en"].startswith("Dashboard |") and "Your answer" in shown["en"]
    assert "At least 3 words." in shown["en"]


def test_template_translations_escape_their_values_in_html_and_count(app):
    from flask import render_template_string
    from flask_babel import force_locale

    page = (
        '{{ _("Welcome, %(name)s", name=name) }}|'
        '{{ ngettext("%(num)d unread", "%(num)d unread", 3) }}|'
        '{{ _("Attempt %(number)d", number=2) }}'
    )
    with app.test_request_context():
        html = render_template_string(page, name="<b>Sari</b>")
        assert html == "Selamat datang, &lt;b&gt;Sari&lt;/b&gt;|3 belum dibaca|Percobaan 2"
        template = app.jinja_env.from_string(
            "{% autoescape false %}" + page + "{% endautoescape %}"
        )
        with force_locale("en"):
            text = template.render(name="<b>Sari</b>")
        assert text == "Welcome, <b>Sari</b>|3 unread|Attempt 2"
