"""The portal's Celery app, for the worker tests only: a worker process that SIGKILLs itself
at chosen moments of a job, so that the test knows where each job was interrupted.

A job whose id starts with `crash-` is killed three times before it may finish: the 1st
delivery just before its body runs (nothing done), the 2nd just after its first database
commit (part done; at the end if it never commits), the 3rd just after its body returned
(all done, the message not yet acknowledged). Only the pool process dies; the worker's
main process sees it lost and, the job being acks_late, gives the message back to the broker.
With acks_late off the message was acknowledged on receipt and the job is simply lost.

Deliveries are counted in Redis (CRASH_REDIS_URL), as a killed process remembers nothing, and
each delivery whose body ran to the end is listed there with its outcome ("crash:ended").
"""

import os
import signal

import redis
from celery.signals import task_postrun, task_prerun
from django.db.backends.base.base import BaseDatabaseWrapper

from intlaffairs.celery import app

__all__ = ["app"]

counter = redis.Redis.from_url(os.environ["CRASH_REDIS_URL"])
current = {"delivery": 0}


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@task_prerun.connect
def before(task_id, task, **kwargs):
    current["delivery"] = 0
    if not task_id.startswith("crash-"):
        return
    current["delivery"] = counter.incr(f"crash:{task_id}")
    if current["delivery"] == 1:
        die()


@task_postrun.connect
def after(task_id, state=None, **kwargs):
    if current["delivery"]:
        counter.rpush("crash:ended", f"{task_id} {current['delivery']} {state}")
    if current["delivery"] in (2, 3):
        die()


commit = BaseDatabaseWrapper.commit


def commit_then_die(self):
    commit(self)
    if current["delivery"] == 2:
        die()


BaseDatabaseWrapper.commit = commit_then_die
