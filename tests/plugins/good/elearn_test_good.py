"""A well-behaved plugin that uses every registration hook."""

import click
from flask import Blueprint

from elearn.auth.permissions import signed_in
from elearn.plugin_api import CourseType, Grade, MenuLink, ParsedQuestion, QuestionType, hookimpl

ELEARN_API_VERSION = "1.0"
SEEN_EVENTS: list = []

bp = Blueprint("uji_baik", __name__, url_prefix="/p/uji_baik", static_folder="static")


@bp.route("/halo")
@signed_in
def hello():
    return "halo dari plugin"


class CaseStudyCourse(CourseType):
    id = "studi_kasus"
    label = "Studi Kasus"
    competency = "manajerial"


@hookimpl
def register_course_types():
    return [CaseStudyCourse]


class PolicyBriefQuestion(QuestionType):
    """Its own block syntax: lines ``kata kunci: a, b`` name the words a brief must use."""

    id = "ringkasan_kebijakan"
    label = "Ringkasan Kebijakan"
    aliases = ("policy-brief",)

    def parse(self, block):
        keywords, stem = [], []
        for line in block.lines:
            if line.text.lower().startswith("kata kunci:"):
                words = [w.strip() for w in line.text.split(":", 1)[1].split(",") if w.strip()]
                if not words:
                    block.error(
                        line.number,
                        "RK-NO-KEYWORDS",
                        "Kata kunci kosong.",
                        "Tulis: kata kunci: anggaran, kinerja",
                        column=12,
                    )
                keywords += words
            else:
                stem.append(line.text)
        if not keywords:
            block.error(block.heading_line, "RK-NO-KEYWORDS", "Tidak ada kata kunci.")
            return None
        return ParsedQuestion(
            "<p>" + " ".join(stem).strip() + "</p>",
            {},
            {"keywords": keywords},
            source={"keywords": keywords},
        )

    def grade(self, key, response):
        text = str(response or "").lower()
        found = [w for w in key["keywords"] if w.lower() in text]
        return Grade(len(found) / len(key["keywords"]))

    def to_markdown(self, parsed):
        return "kata kunci: " + ", ".join(parsed.source["keywords"])


@hookimpl
def register_question_types():
    return [PolicyBriefQuestion]


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_stylesheets():
    return [("uji_baik", "uji_baik.css")]


@hookimpl
def register_template_filters():
    return {"teriak": lambda text: f"{text}!".upper()}


@hookimpl
def register_template_globals():
    return {"uji_baik_versi": "1.2.0"}


@hookimpl
def menu_links(user):
    return [MenuLink("Studi Kasus", "/p/uji_baik/halo", order=50)] if user.is_authenticated else []


@hookimpl
def learner_event(event):
    SEEN_EVENTS.append((event.verb, event.object_type))


@click.command("uji-baik")
def hello_command():
    """Say hello."""
    click.echo("halo dari perintah plugin")


@hookimpl
def register_commands(cli):
    cli.add_command(hello_command)


SIGNATURE = b"\n% ditandatangani secara elektronik oleh uji_baik\n"


@hookimpl
def sign_certificate(pdf, certificate):
    """Stands in for an electronic-signature service: the signed file differs."""
    return pdf + SIGNATURE
