"""The inputs of the core's question types on the quiz page, written in Python.

A quiz page draws each shown question's inputs for this attempt (its options in the
attempt's order, the saved response checked or filled in). The Jinja macro this
replaces was a fifth of the page's time: a call per question and an escape per value.
Here the words are translated once per language and only the attempt's values are
escaped. A type the core does not know, with no template of its own, gets a text box.
Choice inputs post the attempt's tokens (``view["options"][n]["id"]``), never an
option's id.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape


@functools.lru_cache(maxsize=16)
def _words(_locale: str) -> dict[str, Markup]:
    """The inputs' fixed words, escaped, once per language (``_locale`` is the
    request's, in which ``_`` translates)."""
    return {
        "answer": escape(_("Your answer")),
        "choose": escape(_("(choose)")),
        "true": escape(_("True")),
        "false": escape(_("False")),
        "order": escape(_("Give each item its position: 1 comes first.")),
        "blank": escape(_("Blank %(number)s")),  # a pattern: Markup's % escapes the number
    }


@functools.lru_cache(maxsize=64)
def _at_least(_locale: str, words: int) -> Markup:
    return escape(ngettext("At least %(num)d word.", "At least %(num)d words.", words))


def inputs_drawer() -> Callable[[Any, Mapping[str, Any], str, Any, int], Markup]:
    """``draw(question, view, name, response, max_length)``: the inputs of ``question``
    (anything with ``type_id`` and ``title``) as the quiz page shows them, ``name``
    its form field and ``response`` the saved one; in the request's language, looked
    up once for a page's questions."""
    locale = str(get_locale())
    words = {**_words(locale), "at least": functools.partial(_at_least, locale)}

    def draw(question, view, name, response, max_length) -> Markup:
        draw_type = _DRAWERS.get(question.type_id, _text_box)
        html = draw_type(question, view or {}, escape(name), response, max_length, words)
        return Markup(html)  # noqa: S704 - every value above is escaped

    return draw


def _options(question, view, name, response, _max_length, words) -> str:
    single = question.type_id == "pilihan"
    kind = "radio" if single else "checkbox"
    parts = [_legend(question)]
    for option in view.get("options") or ():
        token = option["id"]
        chosen = response == token if single else bool(response) and token in response
        parts.append(
            f'<label class="option"><input type="{kind}" name="{name}" value="{escape(token)}"'
            f"{' checked' if chosen else ''}> {option['html']}</label>"
        )
    parts.append("</fieldset>")
    return "\n".join(parts)


_TRUE_FALSE = ({"id": "benar", "value": True}, {"id": "salah", "value": False})


def _true_false(question, view, name, response, _max_length, words) -> str:
    parts = [_legend(question)]
    for option in view.get("options") or _TRUE_FALSE:
        label = words["true"] if option["value"] else words["false"]
        checked = " checked" if response == option["id"] else ""
        parts.append(
            f'<label class="option"><input type="radio" name="{name}" '
            f'value="{escape(option["id"])}"{checked}> {label}</label>'
        )
    parts.append("</fieldset>")
    return "\n".join(parts)


def _legend(question) -> str:
    return (
        '<fieldset class="options"><legend class="visually-hidden">'
        f"{escape(question.title)}</legend>"
    )


def _short_text(question, _view, name, response, max_length, words) -> str:
    decimal = ' inputmode="decimal"' if question.type_id == "angka" else ""
    return (
        f'<label for="{name}">{words["answer"]}</label>\n'
        f'<input type="text" id="{name}" name="{name}" value="{escape(response or "")}"'
        f'{decimal} maxlength="{max_length}" autocomplete="off">'
    )


def _matching(_question, view, name, response, _max_length, words) -> str:
    chosen = response if isinstance(response, Mapping) else {}
    rights = view.get("rights") or ()
    parts = []
    for left in view.get("lefts") or ():
        field = f"{name}-{escape(left['id'])}"
        options = "".join(
            _option(right["id"], _text_of(right["html"]), chosen.get(left["id"]))
            for right in rights
        )
        parts.append(_select(field, Markup(left["html"]), words["choose"], options))  # noqa: S704
    return "\n".join(parts)


def _ordering(_question, view, name, response, _max_length, words) -> str:
    entries = view.get("items") or ()
    order = list(response) if isinstance(response, list) else []
    parts = [f'<p class="hint">{words["order"]}</p>']
    for entry in entries:
        field = f"{name}-{escape(entry['id'])}"
        placed = order.index(entry["id"]) + 1 if entry["id"] in order else None
        options = "".join(
            _option(position, position, placed) for position in range(1, len(entries) + 1)
        )
        select = _select(field, Markup(entry["html"]), "-", options)  # noqa: S704
        parts.append(select.replace('<div class="field">', '<div class="field order-item">', 1))
    return "\n".join(parts)


def _cloze(_question, view, name, response, max_length, words) -> str:
    filled = response if isinstance(response, Mapping) else {}
    parts = []
    for blank in view.get("blanks") or ():
        field = f"{name}-{escape(blank['id'])}"
        label = words["blank"] % {"number": blank["id"]}
        if blank.get("kind") == "choice":
            options = "".join(
                _option(
                    option["id"] if isinstance(option, Mapping) else option,
                    option["text"] if isinstance(option, Mapping) else option,
                    filled.get(blank["id"]),
                )
                for option in blank.get("options") or ()
            )
            parts.append(_select(field, label, words["choose"], options))
        else:
            value = escape(filled.get(blank["id"], ""))
            parts.append(
                f'<div class="field"><label for="{field}">{label}</label>\n'
                f'  <input type="text" id="{field}" name="{field}" value="{value}" '
                f'maxlength="{max_length}" autocomplete="off"></div>'
            )
    return "\n".join(parts)


def _text_box(_question, view, name, response, max_length, words) -> str:
    html = (
        f'<label for="{name}">{words["answer"]}</label>\n'
        f'<textarea id="{name}" name="{name}" rows="8" maxlength="{max_length}">'
        f"{escape(response or '')}</textarea>"
    )
    min_words = view.get("min_words")
    if min_words:
        html += f'\n<p class="hint">{words["at least"](int(min_words))}</p>'
    return html


def _select(field: str, label: Markup, empty: str, options: str) -> str:
    """A labelled select whose first option, chosen by default, is empty."""
    return (
        f'<div class="field"><label for="{field}">{label}</label>\n'
        f'  <select id="{field}" name="{field}">\n    <option value="">{empty}</option>\n'
        f"    {options}\n  </select></div>"
    )


def _option(value: Any, text: Any, chosen: Any) -> str:
    selected = " selected" if chosen is not None and chosen == value else ""
    return f'<option value="{escape(value)}"{selected}>{escape(text)}</option>'


_Drawer = Callable[[Any, Mapping[str, Any], Markup, Any, int, dict[str, Any]], str]
_DRAWERS: dict[str, _Drawer] = {
    "pilihan": _options,
    "pilihan-ganda": _options,
    "benar-salah": _true_false,
    "isian": _short_text,
    "angka": _short_text,
    "menjodohkan": _matching,
    "urutan": _ordering,
    "isian-rumpang": _cloze,
}


def _text_of(html: str) -> str:
    """The text of an option's sanitised HTML, for a select's option (which holds no
    markup)."""
    return Markup(html).striptags()  # noqa: S704 - only read for its text, then escaped
