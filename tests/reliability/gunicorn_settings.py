"""The portal's settings for the gunicorn of test_concurrent_submissions, and only for it.

Fifty applicants signing in at once is the test's whole point, but here they all come from
127.0.0.1, where in life they come from fifty addresses. So the per-address limits are raised:
the sign-in limit (30 a minute), and the failed sign-in limit (10 per address in 5 minutes),
because allauth counts every attempt as failed until its password checks out and only then
takes it back. Ten sign-ins still hashing their passwords at the same moment therefore lock
the address out for the eleventh, which the test met about one run in three before this.
Everything else is production's; the limits themselves are tested in tests/intlaffairs.
"""

from intlaffairs.settings import *  # noqa: F403

ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,  # noqa: F405
    "login": "500/m/ip",
    "login_failed": "500/5m/ip,5/5m/key",
}
