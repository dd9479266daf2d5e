"""Project package and shared core of the International Affairs Portal."""

from .celery import app as celery_app

__all__ = ["celery_app"]
