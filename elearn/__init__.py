"""elearn: a self-paced learning platform for Indonesian civil servants (ASN)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, database, login, i18n, CSRF, plugin host, blueprints."""
    from elearn import (  # noqa: F401  # noqa: F401 (register their jobs)
        cli,
        db,
        errors,
        mail,
        notifications,
        plugins,
        ratelimit,
        reminders,
        security,
        templating,
    )
    from elearn import config as settings
    from elearn.auth import loader
    from elearn.extensions import babel, csrf
    from elearn.i18n import select_locale
    from elearn.progress import certificates  # noqa: F401 (registers its job)
    from elearn.sessions import VerifiedOnceSessions
    from elearn.urls import Platform, PlatformRule

    app = Platform(__name__, instance_path=_instance_path(config))
    app.session_interface = VerifiedOnceSessions()
    app.url_rule_class = PlatformRule
    app.jinja_options = {**app.jinja_options, "bytecode_cache": templating.COMPILED_TEMPLATES}
    app.config.update(settings.load(Path(app.instance_path), config))
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"] * 1024 * 1024)
    _configure_logging(app)
    if app.config["PROXY_COUNT"]:  # the client's address and scheme, as the proxy saw them
        from werkzeug.middleware.proxy_fix import ProxyFix

        proxies = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]

    db.init_app(app)
    csrf.init_app(app)
    ratelimit.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    loader.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    cli.init_app(app)

    from elearn.admin import bp as admin_bp
    from elearn.auth import bp as auth_bp
    from elearn.author import bp as author_bp
    from elearn.discussions import bp as discussions_bp
    from elearn.ideas import bp as ideas_bp
    from elearn.kegiatan import bp as kegiatan_bp
    from elearn.learn import bp as learn_bp
    from elearn.partner import bp as partner_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(learn_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(author_bp)
    app.register_blueprint(partner_bp)
    app.register_blueprint(kegiatan_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(discussions_bp)

    try:
        plugins.init_app(app)  # last, so plugins see the core's blueprints
    except Exception:
        db.get_db(app).engine.dispose()  # strict mode: no connection outlives the app
        raise
    return app


def _instance_path(config: dict[str, Any] | None) -> str | None:
    import os

    path = (config or {}).get("INSTANCE_PATH") or os.environ.get("ELEARN_INSTANCE_PATH")
    return str(Path(path).resolve()) if path else None


def _configure_logging(app: Flask) -> None:
    if app.config["ENV"] != "testing" and not logging.getLogger("elearn").handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("elearn").addHandler(handler)
        logging.getLogger("elearn").setLevel(logging.INFO)
