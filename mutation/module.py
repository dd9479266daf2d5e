"""`python -m mutation.module MODULE [--max-children N]`: mutmut over one module of MODULES.

Run from the repository's root (mutmut reads pyproject.toml and the sources there), with
`mutants` a link to the module's workspace (python -m mutation makes it). mutmut's own
configuration is narrowed to the module and its tests before its `run` command starts.
"""

import argparse
import dataclasses

from mutmut import configuration
from mutmut.__main__ import cli

from . import MODULES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", choices=sorted(MODULES))
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args()
    configuration._config = dataclasses.replace(
        configuration.config(),
        only_mutate=[args.module],
        pytest_add_cli_args_test_selection=MODULES[args.module],
    )
    cli.main(["run", "--max-children", str(args.max_children)], standalone_mode=False)


if __name__ == "__main__":
    main()
