"""The portal's settings for the gunicorn of test_concurrent_submissions, and only for it.

Fifty applicants signing in from one address within a minute is the test's whole point, so
the per-address login limit (30 a minute) is raised here; everything else is production's.
"""

from intlaffairs.settings import *  # noqa: F403

ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "500/m/ip"}  # noqa: F405
