"""A plugin whose request-time hook fails on every page."""

from elearn.plugin_api import hookimpl

ELEARN_API_VERSION = "1.0"


@hookimpl
def menu_links(user):
    raise RuntimeError("menu rusak")


@hookimpl
def sign_certificate(pdf, certificate):
    raise RuntimeError("layanan tanda tangan tidak menjawab")
