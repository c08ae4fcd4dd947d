"""A plugin whose import fails: it needs a package that is not installed."""

import elearn_package_that_does_not_exist  # noqa: F401

ELEARN_API_VERSION = "1.0"
