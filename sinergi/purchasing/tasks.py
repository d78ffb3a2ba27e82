"""Background work of Belanja Bareng: thin entry points of the task queue.

Each task only hands its arguments to a service, which does the work and keeps its `core.Job` up
to date (progress, summary, failure), so the job page can follow it.
"""

from __future__ import annotations

from django_tasks import task

from sinergi.purchasing.services import round_solve_run


@task()
def round_solve_task(*, job_id: int, round_id: int, actor_id: int) -> dict:
    """Compute and store a closed round's plan."""
    return round_solve_run(job_id=job_id, round_id=round_id, actor_id=actor_id)
