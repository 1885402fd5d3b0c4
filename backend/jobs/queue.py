"""rq queues behind one small class, so the API and the worker agree on names and retries."""

from __future__ import annotations

from collections.abc import Sequence

from redis import Redis
from rq import Queue, Retry
from rq.job import Job

from backend.jobs.cpu_yield import URGENT_KEEP_MS, URGENT_KEY

RUNNER = "backend.jobs.runner.run"
# One queue: a worker on a single queue takes jobs with LMOVE through rq's intermediate queue,
# so a job popped by a process killed before it could mark it started is not lost.
DEFAULT_QUEUE = "default"
# Back-off for a failed job: 5 s, 30 s, 2 min, 10 min, 30 min, then the failed-job registry.
RETRY_INTERVALS = [5, 30, 120, 600, 1800]

# Every relayed job: its retries, how long it may run, how long its result and failure stay.
_POLICY = {"retry": Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
           "job_timeout": 300, "result_ttl": 24 * 3600, "failure_ttl": 30 * 24 * 3600}


def redis_connection(url: str) -> Redis:
    return Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)


class JobQueue:
    def __init__(self, redis_url: str, name: str = DEFAULT_QUEUE) -> None:
        self.connection = redis_connection(redis_url)
        self.queue = Queue(name, connection=self.connection)

    def enqueue_batch(self, jobs: Sequence[tuple[str, dict, str, bool]]) -> None:
        """Enqueue ``(handler, payload, job id, urgent)`` in two round trips: which ids Redis
        already holds (a relay that pushed them and died before marking them), then the others
        in one MULTI/EXEC: a connection lost before EXEC queues none of them. Ids are outbox
        ids, and the outbox relay never hands the same row to two relays at once (SKIP
        LOCKED). Urgent jobs go to the front of the queue and their ids into ``URGENT_KEY``,
        so a job process does not wait for the API when one of them is next
        (``backend.jobs.cpu_yield``)."""
        if not jobs:
            return
        with self.connection.pipeline(transaction=False) as pipe:
            for _, _, job_id, _ in jobs:
                pipe.exists(Job.key_for(job_id))
            present = pipe.execute()
        fresh = [(job_id, urgent, Queue.prepare_data(
                     RUNNER, args=(name, payload), job_id=job_id, at_front=urgent,
                     timeout=_POLICY["job_timeout"], result_ttl=_POLICY["result_ttl"],
                     failure_ttl=_POLICY["failure_ttl"], retry=_POLICY["retry"]))
                 for (name, payload, job_id, urgent), there in zip(jobs, present, strict=True)
                 if not there]
        if not fresh:
            return
        urgent_ids = [job_id for job_id, urgent, _ in fresh if urgent]
        with self.connection.pipeline() as pipe:  # MULTI/EXEC
            self.queue.enqueue_many([data for _, _, data in fresh], pipeline=pipe)
            if urgent_ids:
                pipe.sadd(URGENT_KEY, *urgent_ids)
                pipe.pexpire(URGENT_KEY, URGENT_KEEP_MS)
            pipe.execute()

    def close(self) -> None:
        self.connection.close()
