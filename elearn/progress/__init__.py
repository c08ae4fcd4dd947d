"""The one path for every write of learner state: the web pages, the CLI and plugins
all call these functions, which store the change, record the event and tell listening
plugins."""

from elearn.progress.courses import (
    check_completion,
    enrol,
    enrolment_for,
    mark_done,
    view_item,
)
from elearn.progress.events import record_event

__all__ = [
    "check_completion",
    "enrol",
    "enrolment_for",
    "mark_done",
    "record_event",
    "view_item",
]
