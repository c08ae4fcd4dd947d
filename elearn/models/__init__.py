"""Typed models, split by domain. Importing this package registers every table."""

from elearn.models.accounts import ROLES, Agency, User, UserRole
from elearn.models.catalog import (
    Asset,
    Course,
    CourseItem,
    CourseVersion,
    Question,
    VersionAsset,
)
from elearn.models.events import Event
from elearn.models.plugins import PluginState

__all__ = [
    "ROLES",
    "Agency",
    "Asset",
    "Course",
    "CourseItem",
    "CourseVersion",
    "Event",
    "PluginState",
    "Question",
    "User",
    "UserRole",
    "VersionAsset",
]
