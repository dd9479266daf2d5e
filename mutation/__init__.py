"""Mutation testing of the modules that hold the rules (`make mutation`, README "Mutation testing").

MODULES names each module with the tests written for it. mutmut runs those tests once to learn
which test reaches which function, then runs, for each mutant, only the tests that reached the
mutated function (stopping at the first failure).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each module's mutants and results live in a workspace of their own, so that one module's run
# keeps the others' results (mutmut starts over when its test selection changes).
WORKSPACES = ROOT / "mutation" / "work"

_SERVICES_TESTS = {
    # the monthly report's mailing (monthly_report_send) is tested with the reports
    "agreements": ["tests/agreements", "tests/reports/test_requests.py"],
    "students": ["tests/students"],
    "exchanges": ["tests/exchanges"],
    "mentoring": ["tests/mentoring"],
    "incentives": ["tests/incentives"],
    "research": ["tests/research"],
    "strategy": ["tests/strategy"],
    "website": ["tests/website"],
}

MODULES: dict[str, list[str]] = {
    "intlaffairs/workflow.py": [
        "tests/test_workflow_core.py",
        # move_many (bulk steps on a list) and created() (an agreement import's first state)
        "tests/test_bulk_moves.py",
        "tests/agreements/test_spreadsheets.py",
        *(
            f"tests/{app}/test_workflow_properties.py"
            for app in _SERVICES_TESTS
            if app != "website"  # the public site has no workflow
        ),
    ],
    "intlaffairs/access.py": [
        "tests/intlaffairs/test_access.py",
        "tests/test_url_policy.py",
        "tests/test_visibility.py",
    ],
    "intlaffairs/jalali.py": [
        "tests/intlaffairs/test_jalali.py",
        # the Arabic month names and digits (date_display in "ar")
        "tests/intlaffairs/test_arabic_dates.py",
    ],
    "intlaffairs/normalize.py": [
        "tests/intlaffairs/test_normalize.py",
        # the stored search columns (SearchTextField, their refill, the code prefixes)
        "tests/intlaffairs/test_search_text.py",
    ],
    "intlaffairs/uploads.py": [
        "tests/intlaffairs/test_hostile_uploads.py",
        "tests/students/test_document_check.py",
    ],
    "mentoring/matching.py": ["tests/mentoring"],
    "incentives/points.py": ["tests/incentives/test_points.py", "tests/incentives/test_claims.py"],
    **{f"{app}/services.py": tests for app, tests in _SERVICES_TESTS.items()},
}


def workspace(module: str) -> Path:
    """The folder holding `module`'s mutants/ (e.g. mutation/work/intlaffairs.jalali)."""
    return WORKSPACES / module.removesuffix(".py").replace("/", ".")
