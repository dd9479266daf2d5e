"""gunicorn's settings file, read from the directory it starts in (make demo, make serve, make
bench, the tests that serve the portal). The command line still says where to bind and how many
workers."""

import gc


def post_worker_init(worker) -> None:
    """Moves what the worker loaded at start-up (Django, the apps, the translations) out of the
    garbage collector's sight, so that its collections only walk what requests make: on the
    applications list they took 2.5 ms a request on average, 0.5 ms after this."""
    gc.collect()
    gc.freeze()
