"""The page layout rendered once, with each request's own parts filled in.

``base.html`` (the head, the header with its menu, the flashed messages and the footer's
language form) rendered afresh on every page cost about as much as a signed-in
hello-world: some 40 template calls, 90 context-local lookups, a translation per label.
Its markup depends on little: the language, the script root and the plugins'
stylesheets for the shell; the menu, the unread count and the page's place in the menu
for the header. Each is rendered once per such key from ``_layout.html`` (the markup
stays in a template) with slots (``slot("csrf")``) where a request's own values go: the
page's blocks, the CSRF token, the language form's return path, the flashed messages.
Slot values are escaped like any template value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from flask import current_app, g, get_flashed_messages, get_template_attribute, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from elearn.kept import keep
from elearn.plugins import get_host

_MARK = "\x00"
_TEMPLATE = "_layout.html"
KEPT_HEADERS = 1024  # each about 2 KB: a menu per role set, unread count and place
KEPT_FRAGMENTS = 2048  # a published lesson's markup, a few KB each


def slot(name: str) -> Markup:
    """Where a request's own value goes in a pre-rendered part."""
    return Markup(f"{_MARK}{name}{_MARK}")  # noqa: S704 - a fixed marker and a known name


class Prerendered:
    """Markup rendered once with slots: ``pieces`` alternate text and slot names."""

    def __init__(self, html: str) -> None:
        self.pieces = html.split(_MARK)
        if len(self.pieces) % 2 == 0:
            raise ValueError("an unclosed slot in pre-rendered markup")

    def fill(self, values: dict[str, str]) -> list[Markup]:
        """The text between the slots that ``values`` leave open, each slot named in
        ``values`` filled with its value escaped; a slot left open splits the result."""
        parts: list[Markup] = []
        current: list[str] = [self.pieces[0]]
        for index in range(1, len(self.pieces), 2):
            name = self.pieces[index]
            if name in values:
                current.append(escape(values[name]))
            else:
                parts.append(Markup("".join(current)))  # noqa: S704 - rendered, escaped
                current = []
            current.append(self.pieces[index + 1])
        parts.append(Markup("".join(current)))  # noqa: S704 - rendered, escaped
        return parts


@dataclass(frozen=True)
class PageLayout:
    """The layout around a page's blocks, as ``base.html`` places them."""

    before_title: Markup
    before_head: Markup
    before_content: Markup
    after_content: Markup


def page_layout() -> PageLayout:
    """The layout of this request's page (``base.html`` calls it once)."""
    cache = current_app.extensions.setdefault("elearn.layout", {"shells": {}, "headers": {}})
    locale = str(get_locale())
    host = get_host()
    shell_key = (locale, request.script_root, tuple(host.stylesheets))
    shell = cache["shells"].get(shell_key)
    if shell is None:
        shell = cache["shells"][shell_key] = _render_shell()
    csrf = generate_csrf()
    values = {
        "header": _header(cache["headers"], locale).fill({"csrf": csrf})[0],
        "flashes": _flashes(),
        "csrf": csrf,
        "next": request.full_path if request.query_string else request.path,
    }
    return PageLayout(*shell.fill(values))


def _render_shell() -> Prerendered:
    render = get_template_attribute(_TEMPLATE, "shell")
    return Prerendered(str(render(current_app.config["ORGANISATION_NAME"])))


def _header(cache: dict, locale: str) -> Prerendered:
    """The header's user part: the bell, the menu and the account links."""
    user = current_user._get_current_object()  # not the proxy: the menu hooks read it
    signed_in = user.is_authenticated
    menu = get_host().menu_links(user)
    links = tuple((str(link.label), link.url, link.waiting) for link in menu)
    key = (
        locale,
        request.script_root,
        signed_in,
        user.unread_notices if signed_in else 0,
        request.endpoint == "learn.notifications",
        links,
        next((i for i, link in enumerate(links) if link[1] == request.path), None),
    )
    header = cache.get(key)
    if header is None:
        render = get_template_attribute(_TEMPLATE, "header")
        header = Prerendered(str(render(signed_in, key[3], key[4], links, key[6])))
        keep(cache, key, header, KEPT_HEADERS)
    return header


def _flashes() -> Markup:
    messages = get_flashed_messages(with_categories=True)
    if not messages:
        return Markup("")
    return Markup(get_template_attribute(_TEMPLATE, "flashes")(messages))  # noqa: S704


def remembered(*key: Hashable, caller: Callable[[], str]) -> Markup:
    """A template's part that depends only on ``key`` (with the language and script
    root), rendered once per process: ``{% call remembered("lesson", version.id,
    item.key) %}...{% endcall %}``. For markup of published versions, which never
    change: a lesson's text, title, breadcrumb and pager were a tenth of its page. The
    language is the request's, looked up once a page."""
    page = g.get("_fragments")
    if page is None:  # once a page: a catalogue asks for twenty cards
        kept = current_app.extensions.setdefault("elearn.fragments", {})
        page = g._fragments = (kept, (str(get_locale()), request.script_root))
    kept, language_and_root = page
    full_key = (*language_and_root, *key)
    found = kept.get(full_key)
    if found is None:
        rendered = Markup(caller())  # noqa: S704 - rendered, escaped
        found = keep(kept, full_key, rendered, KEPT_FRAGMENTS)
    return found
