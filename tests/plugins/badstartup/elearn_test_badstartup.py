"""A plugin that refuses to start: its settings are missing."""

from elearn.plugin_api import CourseType, PluginStartupError, hookimpl

ELEARN_API_VERSION = "1.0"


class SignedCourse(CourseType):
    id = "bertanda_tangan"
    label = "Bertanda Tangan"


@hookimpl
def register_course_types():
    return [SignedCourse]


@hookimpl
def startup(app):
    raise PluginStartupError("ELEARN_TTE_URL belum diatur")
