"""Background work of Belanja Bareng: optimising a closed round while its job page shows progress."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks import task

from sinergi.accounts.models import User
from sinergi.core.jobs import job_fail, job_finish, job_progress
from sinergi.purchasing.models import Round
from sinergi.purchasing.services import round_solve


@task()
def round_solve_task(*, job_id: int, round_id: int, actor_id: int) -> dict:
    """Compute and store a round's plan (`services.round_solve`); a refusal fails the job with the
    reason (lines nobody can serve are named on the round page as well)."""
    actor = User.objects.get(pk=actor_id)
    round = Round.objects.select_related("network").get(pk=round_id)
    next_url = reverse("purchasing:round_detail", args=[round_id])
    try:
        plan = round_solve(
            actor=actor,
            round=round,
            job_id=job_id,
            progress=lambda done, total, message: job_progress(job_id, done, total, message),
        )
    except ValidationError as exc:
        job_fail(job_id, " ".join(exc.messages))
        return {"error": exc.messages, "next_url": next_url}
    except Exception as exc:  # the job page must show a failure, not a job stuck "running"
        job_fail(job_id, f"{type(exc).__name__}: {exc}")
        raise
    summary = {
        "next_url": next_url,
        "status": plan.status,
        "gap": plan.gap,
        "total_cost": int(plan.total_cost),
        "alone_cost": int(plan.alone_cost),
        "savings": int(plan.savings),
    }
    job_finish(job_id, summary)
    return summary
