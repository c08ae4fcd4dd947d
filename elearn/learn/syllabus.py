"""The steps of a course as its syllabus lists them: done, open or waiting, and where
the learner is.

The list is the same for every learner but for which steps are done, open or current,
and a published version never changes; so each version's steps are escaped and their
links built once per process, and a page only puts them together. The Jinja macro this
replaces was a quarter of a lesson page's time.
"""

from __future__ import annotations

import functools
from collections.abc import Container
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape

from elearn.content.published import KEPT_VERSIONS, PublishedItem, PublishedVersion


@dataclass(frozen=True, slots=True)
class _Step:
    key: str
    kind: str
    heading: Markup  # the module's title when a new module starts here, else empty
    title: Markup
    href: str


def _steps(version: PublishedVersion) -> list[_Step]:
    kept: dict[int, list[_Step]] = current_app.extensions.setdefault("elearn.syllabus", {})
    found = kept.get(version.id)
    if found is None:
        found, module = [], None
        for item in version.items:
            starts = item.module and item.module != module
            heading = Markup('<li class="module-title" aria-hidden="true">{}</li>')
            found.append(
                _Step(
                    key=item.key,
                    kind=item.kind,
                    heading=heading.format(item.module) if starts else Markup(""),
                    title=escape(item.title),
                    href=url_for("learn.item", key=version.course.key, item_key=item.key),
                )
            )
            module = item.module
        if len(kept) >= KEPT_VERSIONS:
            kept.pop(next(iter(kept)))
        kept[version.id] = found
    return found


@functools.lru_cache(maxsize=16)
def _labels(_locale: str) -> tuple[dict[str, Markup], Markup, Markup]:
    """The words of every syllabus, escaped, once per language (``_locale`` is the
    request's, in which ``_`` translates): translating them on each view was a tenth
    of the syllabus."""
    kinds = {"quiz": escape(_("Quiz")), "lesson": escape(_("Lesson"))}
    return kinds, escape(_("done")), escape(_("opens after the steps before it"))


def syllabus(
    version: PublishedVersion,
    done: Container[str],
    open_until: int,
    enrolled: bool,
    current: PublishedItem | None = None,
) -> Markup:
    """The syllabus list: links to the steps a learner may open (the current one marked),
    each step's kind, and whether it is done or waits for the steps before it."""
    kinds, done_label, waits_label = _labels(str(get_locale()))
    parts = ['<ol class="syllabus">']
    for index, step in enumerate(_steps(version)):
        is_done = step.key in done
        if enrolled and index <= open_until:
            here = ' aria-current="page"' if current is not None and current.key == step.key else ""
            title = f'<a href="{escape(step.href)}"{here}>{step.title}</a>'
        else:
            title = step.title
        state = ""
        if is_done:
            state = f" · {done_label}"
        elif enrolled and index > open_until:
            state = f" · {waits_label}"
        kind = kinds.get(step.kind, kinds["lesson"])
        parts.append(
            f'{step.heading}<li class="{"done" if is_done else ""}">{title}'
            f' <span class="muted">· {kind}{state}</span></li>'
        )
    parts.append("</ol>")
    return Markup("".join(parts))  # noqa: S704 (every part above is escaped)
