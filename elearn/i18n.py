"""Locale choice: the signed-in user's preference, then the ``lang`` cookie, then
Indonesian (the default by Perpres 63/2019; English is the second language)."""

from __future__ import annotations

import functools

from babel import Locale, numbers
from flask import current_app, g, has_request_context, request
from flask_babel import get_locale, gettext

LOCALE_COOKIE = "lang"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the command line speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    # The user is loaded before the view runs (auth/loader.py); never load it from here,
    # since loading may itself need a translated message.
    user_locale = getattr(g.get("_login_user"), "locale", None)
    if user_locale in languages:
        return user_locale
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in languages:
        return cookie
    return current_app.config["BABEL_DEFAULT_LOCALE"]


_NUMBER = numbers.parse_pattern("#,##0.##")  # parsed once, not for every number shown


def number(value: float | int) -> str:
    """A score, JP or points as the reader's language writes it: 4,5 in Indonesian."""
    return _written(value, get_locale())


@functools.lru_cache(maxsize=4096)
def _written(value: float | int, locale: Locale) -> str:
    """Babel's formatting of a number, once per value and language: a quiz page writes
    the same few points and scores again and again (a twentieth of its time)."""
    return _NUMBER.apply(value, locale)


def gettext_once(message: str) -> str:
    """``gettext(message)`` translated once per language in a process (the catalogues do
    not change while it runs): for the words of every page, such as the menu's labels,
    whose lazy strings were translated afresh on each request to key the header."""
    return _translated(message, str(get_locale()))


@functools.lru_cache(maxsize=1024)
def _translated(message: str, _locale: str) -> str:
    return gettext(message)  # in the request's language, which is ``_locale``
