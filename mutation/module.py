"""`python -m mutation.module MODULE [--max-children N] [MUTANT ...]`: mutmut over one module of
MODULES; with MUTANT names (as `mutmut results` prints them), those mutants again, whatever
their last result (a survivor after a new test: mutmut retests by itself only the mutants of a
function that changed).

Run from the repository's root (mutmut reads pyproject.toml and the sources there), with
`mutants` a link to the module's workspace (python -m mutation makes it). mutmut's own
configuration is narrowed to the module and its tests before its `run` command starts.
"""

import argparse
import dataclasses
import os

from mutmut import configuration
from mutmut.__main__ import cli

from . import MODULES, ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", choices=sorted(MODULES))
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("mutants", nargs="*", metavar="MUTANT")
    args = parser.parse_args()
    # The copy has no collected static files (python -m mutation sets the same).
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "staticfiles"))
    configuration._config = dataclasses.replace(
        configuration.config(),
        only_mutate=[args.module],
        pytest_add_cli_args_test_selection=MODULES[args.module],
    )
    cli.main(
        ["run", "--max-children", str(args.max_children), *args.mutants], standalone_mode=False
    )


if __name__ == "__main__":
    main()
