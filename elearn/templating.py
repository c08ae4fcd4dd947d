"""What every template can use: filters, globals, label dictionaries, and a compiled-
template cache shared by every app in the process."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g
from flask_babel import (
    format_date,
    format_datetime,
    get_locale,
    get_translations,
    gettext,
    ngettext,
)
from flask_babel import lazy_gettext as _l
from jinja2 import BytecodeCache, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from elearn.accounts.nip import masked_nip
from elearn.competencies import COMPETENCY_LABELS, competency_text
from elearn.i18n import LANGUAGE_NAMES, number
from elearn.layout import page_layout, remembered, slot
from elearn.models.types import aware
from elearn.questions.helpers import unseal


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the process. The test suite builds an app
    per test and recompiling every template each time was a fifth of its run; a bucket
    whose source changed is recompiled (Jinja checks the source's checksum)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _MemoryBytecodeCache()


ROLE_LABELS = {
    "learner": _l("learner"),
    "trainer": _l("trainer"),
    "partner": _l("partner"),
    "admin": _l("admin"),
}
PLUGIN_STATUS_LABELS = {
    "active": _l("active"),
    "failed": _l("failed"),
    "incompatible": _l("incompatible"),
    "disabled": _l("disabled"),
    "needs-upgrade": _l("waiting for its tables to be upgraded"),
}


def blank_numbers(prompt_html: str) -> Markup:
    """A cloze prompt with its blanks shown as [1], [2], ... beside the inputs below."""
    return Markup(re.sub(r"\{\{blank:(\d+)\}\}", r"[\1]", prompt_html))  # noqa: S704


def _remembered(context: Context, key: tuple, make: Callable[[], str]) -> str:
    """``make()``, once per rendered page for each ``key``: a catalogue names the same
    few JP amounts and competencies twenty times, and each naming looked the language
    up (through Flask-Babel's context locals) anew, a fifth of the page's time. Kept
    with the page's context, so a job rendering for people of several languages keeps
    each page in its own."""
    memo = context.get("page_memo")
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


@pass_context
def _jp_length(context: Context, jp: float) -> str:
    """``2 JP (90 minutes)``: JP with the time they stand for (``MINUTES_PER_JP``)."""

    def make() -> str:
        minutes = round(jp * current_app.config["MINUTES_PER_JP"])
        return ngettext(
            "%(jp)s JP (%(num)d minute)", "%(jp)s JP (%(num)d minutes)", minutes, jp=number(jp)
        )

    return _remembered(context, ("jp_length", jp), make)


@pass_context
def _jp_text(context: Context, shown) -> str:
    """The JP of a course as the learner's pages show them (``elearn.learn.course_facts``)."""

    def make() -> str:
        if shown.state == "declined" or not shown.jp:
            return gettext("no JP")
        length = _jp_length(context, shown.jp)
        if shown.state == "pending":
            return gettext("%(jp)s, waiting for approval by BKPSDM", jp=length)
        if shown.state == "credited":
            return gettext("%(jp)s, earned", jp=length)
        return length

    return _remembered(context, ("jp_text", shown.state, shown.jp), make)


@pass_context
def _competency_text(context: Context, competency: str, code: str | None) -> str:
    return _remembered(
        context, ("competency", competency, code), lambda: competency_text(competency, code)
    )


def minutes_per_jp() -> str:
    """``1 JP is 45 minutes.``, with the platform's ``MINUTES_PER_JP``."""
    return ngettext(
        "1 JP is %(num)d minute.", "1 JP is %(num)d minutes.", current_app.config["MINUTES_PER_JP"]
    )


def points_text(points: float) -> str:
    """ "1 point", "2 points", "1.5 points" in the reader's language (a fraction takes
    the plural, as in English)."""
    return ngettext(
        "%(points)s point", "%(points)s points", 1 if points == 1 else 2, points=number(points)
    )


def _format_time(moment) -> str:
    return format_datetime(moment, "HH:mm")


@pass_context
def _gettext(context: Context, string: str, **variables) -> str:
    """``_()`` in a template: the page's translation, formatted as Jinja's new-style
    gettext formats it (values escaped in HTML). One call: the i18n extension's alias
    and wrapper made three context calls of every ``_()``, a tenth of a quiz page."""
    translations = context.get("babel_translations", None) or _page_translations()
    return _formatted(context, translations.ugettext(string), variables)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, num: int, **variables) -> str:
    translations = context.get("babel_translations", None) or _page_translations()
    translated = translations.ungettext(singular, plural, num)
    return _formatted(context, translated, {"num": num, **variables})


def _formatted(context: Context, translated: str, variables: dict) -> str:
    """A translation with its values, escaped when the template escapes (HTML)."""
    if context.eval_ctx.autoescape:
        translated = Markup(translated)  # noqa: S704 - a translation, values escaped below
    return translated % variables


def _page_translations() -> Any:
    """The request's translations, looked up once a request and language: for the
    page's context and for a macro, whose context lacks the page's (a quiz page's
    question macros asked Flask-Babel for each word). A part rendered under
    ``force_locale`` gets its own language's."""
    locale = get_locale()
    found = g.get("_babel_translations")
    if found is None or found[0] != locale:
        found = g._babel_translations = (locale, get_translations())
    return found[1]


def _translations() -> dict:
    """The page's translations, looked up once per page: Flask-Babel's own template
    ``_`` looked them up for every string, a fifth of a lesson page's time; and the
    page's memo of what ``_remembered`` names."""
    return {"babel_translations": _page_translations(), "page_memo": {}}


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")  # Flask-Babel's, for {% trans %}
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    app.context_processor(_translations)
    app.jinja_env.globals.update(
        page_layout=page_layout,
        remembered=remembered,
        slot=slot,
        current_locale=lambda: str(get_locale()),
        language_names=LANGUAGE_NAMES,
    )
    app.jinja_env.filters["role_label"] = lambda role: ROLE_LABELS.get(role, role)
    app.jinja_env.filters["format_time"] = _format_time
    app.jinja_env.filters["jp_length"] = _jp_length
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["points_text"] = points_text
    app.jinja_env.filters["deadline_iso"] = lambda moment: aware(moment).isoformat()
    app.jinja_env.filters["format_date"] = lambda moment: format_date(moment, "long")
    app.jinja_env.filters["blank_numbers"] = blank_numbers
    app.jinja_env.filters["competency_label"] = lambda c: COMPETENCY_LABELS.get(c, c)
    app.jinja_env.globals["competency_text"] = _competency_text
    app.jinja_env.globals["jp_text"] = _jp_text
    app.jinja_env.globals["unseal"] = unseal  # question templates map tokens back
    app.jinja_env.filters["masked_nip"] = masked_nip
    app.jinja_env.filters["plugin_status_label"] = lambda s: PLUGIN_STATUS_LABELS.get(s, s)
