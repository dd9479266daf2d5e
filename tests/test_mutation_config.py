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


def test_a_mutants_session_of_tests_without_the_database_passes():
    """A mutant whose function only tests without the database reach (a formatter) runs a
    session without a test database: the plugin then writes no rows, or every such session
    failed at its setup and mutmut counted its mutant as killed."""
    import os
    import subprocess
    import sys

    completed = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
            *("-p", "mutation.pytest_plugin", "--reuse-db"),
            "tests/test_workflow_core.py::test_rules_on_the_person_named_by_the_record",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]
