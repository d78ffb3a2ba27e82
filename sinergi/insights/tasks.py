"""Background work of insights: each task calls one service, which keeps its job's progress."""

from __future__ import annotations

from django_tasks import task

from sinergi.insights.recap import recap_run


@task()
def run_recap(recap_id: int) -> dict:
    """Generate a requested monthly recap's PDF and XLSX (see recap.recap_run)."""
    return recap_run(recap_id=recap_id)
