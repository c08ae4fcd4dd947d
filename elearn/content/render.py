"""Markdown to safe HTML, once, at import time.

CommonMark with tables, strikethrough, footnotes and task lists (markdown-it-py);
admonitions ``::: catatan`` / ``::: peringatan`` / ``::: tips`` and ``::: video URL``
blocks; raw HTML in the source is not passed through, and the output is sanitised
again with nh3 so a course file can never put script into a learner's page.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from elearn.patterns import pattern

ADMONITIONS = {
    "catatan": "catatan",
    "note": "catatan",
    "peringatan": "peringatan",
    "warning": "peringatan",
    "tips": "tips",
    "tip": "tips",
}
ADMONITION_TITLES = {"catatan": "Catatan", "peringatan": "Peringatan", "tips": "Tips"}

ALLOWED_TAGS = {
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "video",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled"},
    "video": {"src", "controls", "preload"},
    "source": {"src", "type"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "div": {"tabindex"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_ALIGN = pattern(r"^text-align:(left|right|center)$")
VIDEO_FILE = pattern(r"\.(mp4|webm)$", ignore_case=True)
SCHEME = pattern(r"^[a-z]+:")


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "style":  # only table alignment survives
        return value if _ALIGN.match(value.replace(" ", "")) else None
    if element == "input" and attribute == "type":
        return value if value == "checkbox" else None
    if attribute == "tabindex":  # a table's scrolling box is reached with the keyboard
        return value if value == "0" else None
    return value


# built once: nh3.clean converts its settings from Python on every call, which was two
# thirds of a call and a fifth of compiling a quiz (each question's prompt, options
# and feedback are sanitised apart)
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    attribute_filter=_filter_attribute,
    strip_comments=True,
)


def sanitise(markup: str) -> str:
    return _CLEANER.clean(markup)


def _admonition(md: MarkdownIt, name: str) -> None:
    def render(self, tokens, idx, _options, _env):
        if tokens[idx].nesting == 1:
            kind = ADMONITIONS[name]
            return (
                f'<aside class="admonition admonition-{kind}">'
                f'<p class="admonition-title">{ADMONITION_TITLES[kind]}</p>\n'
            )
        return "</aside>\n"

    container_plugin(md, name, render=render)


def _video(md: MarkdownIt) -> None:
    """``::: video URL`` with a caption inside: a link for a web address, a player for a
    video file of the course (loaded only when started, for slow links)."""

    def validate(params: str, *_args) -> bool:
        return params.strip().split(" ", 1)[0] == "video"

    def render(self, tokens, idx, _options, env):
        token = tokens[idx]
        if token.nesting == -1:
            return "</figcaption></figure>\n"
        target = token.info.strip()[len("video") :].strip()
        line = token.map[0] + 1 if token.map else 0
        safe = html.escape(env.get("resolve_link", lambda t, _line: t)(target, line), quote=True)
        if VIDEO_FILE.search(target) and not SCHEME.match(target):
            media = f'<video controls preload="none" src="{safe}"></video>'
        else:
            media = f'<a class="video-link" href="{safe}">&#9654; {safe}</a>'
        return f'<figure class="video">{media}<figcaption>'

    container_plugin(md, "video", validate=validate, render=render)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin)
    for name in ADMONITIONS:
        _admonition(md, name)
    _video(md)
    _scrolling_tables(md)
    return md


def _scrolling_tables(md: MarkdownIt) -> None:
    """A table scrolls inside its own box: a wide one does not widen a phone's page."""

    def table_open(self, tokens, idx, options, _env):
        return '<div class="table-scroll" tabindex="0">' + self.renderToken(
            tokens, idx, options, _env
        )

    def table_close(self, tokens, idx, options, _env):
        return self.renderToken(tokens, idx, options, _env) + "</div>\n"

    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)


_MARKDOWN = make_markdown()


def render_block(
    text: str, resolve_link: Callable[[str, int], str] | None = None, first_line: int = 1
) -> str:
    """Render Markdown to sanitised HTML. ``resolve_link(target, line)`` rewrites relative
    links and image sources (and reports broken ones)."""
    env: dict = {}
    tokens = _MARKDOWN.parse(text, env)
    if resolve_link:
        env["resolve_link"] = lambda target, line: resolve_link(target, line + first_line - 1)
        _rewrite_links(tokens, env["resolve_link"])
    return sanitise(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env))


def render_inline(text: str) -> str:
    return sanitise(_MARKDOWN.renderInline(text))


def _rewrite_links(tokens, resolve: Callable[[str, int], str]) -> None:
    line = 1
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        for child in token.children or []:
            attribute = {"link_open": "href", "image": "src"}.get(child.type)
            if attribute:
                target = child.attrGet(attribute) or ""
                child.attrSet(attribute, resolve(target, line))
