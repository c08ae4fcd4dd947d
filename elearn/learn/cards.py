"""The catalogue's course cards, put together in Python around a template macro.

A card depends on its published version and on where the learner stands with the course
(enrolled, completed, due, the JP shown, available), which many learners share: each is
rendered once per such standing (``elearn.layout.remembered``) and looked up in a plain
loop. In the template's own loop, the look-up alone (a call block, filters and a dozen
context look-ups a card) cost more than a cached card saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from flask import get_template_attribute
from markupsafe import Markup

from elearn.layout import remembered
from elearn.learn.course_facts import CourseFacts, JpShown
from elearn.learn.lookup import missing_parts


@dataclass(frozen=True, slots=True)
class Standing:
    enrolled: bool
    completed: bool
    due: date | None
    jp: JpShown
    unavailable: bool


def course_cards(
    versions: list,
    matched: Mapping[int, tuple[Markup, Markup | None]],
    facts: CourseFacts,
    course_types: Mapping[str, Any],
) -> Markup:
    """The cards of ``versions``; ``matched``: a search's marked titles and passages,
    ``facts``: where the learner stands with each course."""
    card = get_template_attribute("learn/_card.html", "card")
    parts = []
    for version in versions:
        course_id = version.course_id
        standing = Standing(
            enrolled=course_id in facts.enrolled,
            completed=facts.enrolled.get(course_id) is not None,
            due=facts.due.get(course_id),
            jp=facts.jp[course_id],
            unavailable=bool(missing_parts(version)),
        )
        kind = course_types.get(version.course_type)
        label = kind.label if kind else version.course_type
        if version.id in matched:
            parts.append(card(version, *matched[version.id], standing, label))
            continue
        parts.append(
            remembered(
                "catalogue-card",
                version.id,
                standing,
                caller=partial(card, version, version.title, None, standing, label),
            )
        )
    return Markup("".join(parts))  # noqa: S704 - rendered cards
