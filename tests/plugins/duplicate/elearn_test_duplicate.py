"""A plugin that registers a course type id the core already has."""

from elearn.plugin_api import CourseType, hookimpl

ELEARN_API_VERSION = "1.0"


class AnotherGeneral(CourseType):
    id = "umum"
    label = "Umum (tiruan)"


@hookimpl
def register_course_types():
    return [AnotherGeneral]
