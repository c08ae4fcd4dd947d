"""Flask extensions, created here and bound to an app in ``create_app``."""

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)


def login_limit_per_address() -> str:
    """Password-reset requests per address (sign-ins are slowed by ``auth.throttle``)."""
    return current_app.config["LOGIN_LIMIT_ADDRESS"]
