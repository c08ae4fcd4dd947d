"""Settings: environment variables, the secret key rules, the default database."""

import pytest

from elearn import create_app, db
from elearn.config import ConfigError


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="ELEARN_SECRET_KEY is not set"):
        create_app({"ENV": "production", "INSTANCE_PATH": str(tmp_path)})


@pytest.mark.parametrize("key", ["geheim", "a" * 64])
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    with pytest.raises(ConfigError, match="too weak"):
        create_app({"ENV": "production", "SECRET_KEY": key, "INSTANCE_PATH": str(tmp_path)})


def test_development_generates_a_secret_key_once_and_keeps_it(tmp_path):
    first = create_app({"INSTANCE_PATH": str(tmp_path)})
    second = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_sqlite_under_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ELEARN_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'elearn.sqlite3'}"


def test_settings_come_from_elearn_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("ELEARN_DATABASE_URL", f"sqlite:///{tmp_path / 'lain.sqlite3'}")
    monkeypatch.setenv("ELEARN_JP_YEARLY_TARGET", "24")
    monkeypatch.setenv("ELEARN_PLUGINS_STRICT", "false")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["DATABASE_URL"].endswith("lain.sqlite3")
    assert app.config["JP_YEARLY_TARGET"] == 24
    assert app.config["PLUGINS_STRICT"] is False


def test_an_unknown_environment_name_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="development, production or testing"):
        create_app({"ENV": "staging", "INSTANCE_PATH": str(tmp_path)})


def test_settings_that_are_objects_are_not_read_from_the_environment(tmp_path, monkeypatch):
    """An engine or a plugin object is given in code; a variable of that name (a typo,
    a stale deployment file) is ignored instead of breaking the start."""
    monkeypatch.setenv("ELEARN_DATABASE_URL", f"sqlite:///{tmp_path / 'lain.sqlite3'}")
    monkeypatch.setenv("ELEARN_DATABASE_ENGINE", "postgresql://elsewhere")
    monkeypatch.setenv("ELEARN_EXTRA_PLUGINS", "mine")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["DATABASE_ENGINE"] is None and app.config["EXTRA_PLUGINS"] == {}
    assert str(db.get_db(app).engine.url).endswith("lain.sqlite3")
