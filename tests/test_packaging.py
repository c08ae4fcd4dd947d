"""The wheel holds every package of the core: a package left out of setup.cfg installs
without complaint and fails only when imported (a partner's install, not the tests)."""

import configparser
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_every_core_package_is_in_the_wheel():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "elearn").rglob("__init__.py")
        if "template" not in init.parts  # the plugin scaffold's files, shipped as data
    }
    assert found - listed == set()
