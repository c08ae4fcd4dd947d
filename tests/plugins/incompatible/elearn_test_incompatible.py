"""A plugin written for a plugin API this core does not offer."""

from elearn.plugin_api import CourseType, hookimpl

ELEARN_API_VERSION = "2.0"


class FutureCourse(CourseType):
    id = "masa_depan"
    label = "Masa Depan"


@hookimpl
def register_course_types():
    return [FutureCourse]
