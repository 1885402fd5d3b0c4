"""rq queues behind one small class, so the API and the worker agree on names and retries."""

from __future__ import annotations

from redis import Redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError

RUNNER = "backend.jobs.runner.run"
# One queue: a worker on a single queue takes jobs with LMOVE through rq's intermediate queue,
# so a job popped by a process killed before it could mark it started is not lost.
DEFAULT_QUEUE = "default"
# Back-off for a failed job: 5 s, 30 s, 2 min, 10 min, 30 min, then the failed-job registry.
RETRY_INTERVALS = [5, 30, 120, 600, 1800]


def redis_connection(url: str) -> Redis:
    return Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)


class JobQueue:
    def __init__(self, redis_url: str, name: str = DEFAULT_QUEUE) -> None:
        self.connection = redis_connection(redis_url)
        self.queue = Queue(name, connection=self.connection)

    def enqueue_job_by_name(self, job: str, payload: dict, job_id: str) -> None:
        try:
            self.queue.enqueue(
                RUNNER, job, payload, job_id=job_id, unique=True,
                retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
                job_timeout=300, result_ttl=24 * 3600, failure_ttl=30 * 24 * 3600,
            )
        except DuplicateJobError:
            pass  # relayed before: rq ids make the relay idempotent

    def close(self) -> None:
        self.connection.close()
