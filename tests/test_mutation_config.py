"""`make mutation` covers every rule module and can import every app (README "Mutation testing")."""

import tomllib

from django.apps import apps

from mutation import MODULES, ROOT


def _mutmut() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]


def _our_apps() -> list[str]:
    return [config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()]


def test_every_app_of_ours_is_copied_into_the_mutants():
    # mutmut copies only source_paths and also_copy: an app left out cannot be imported by the
    # tests that run against a mutant, and the whole run stops at its first module.
    config = _mutmut()
    copied = set(config["source_paths"]) | set(config["also_copy"])
    assert not set(_our_apps()) - copied


def test_every_apps_services_module_is_mutated():
    services = {
        f"{app}/services.py" for app in _our_apps() if (ROOT / app / "services.py").exists()
    }
    assert services, "no services module found: the check would hold vacuously"
    assert not services - set(MODULES)


def test_each_modules_tests_exist():
    missing = [path for tests in MODULES.values() for path in tests if not (ROOT / path).exists()]
    assert not missing
