"""The task queue's entry points only hand their arguments to a service; the job's bookkeeping
(progress, summary, failure) lives in the service, so the demo, a command or a test can run it."""

import ast
import inspect

import pytest

from sinergi.core.jobs import job_create
from sinergi.core.models import Job
from sinergi.purchasing import services, tasks
from sinergi.purchasing.models import RoundPlan, RoundStatus
from sinergi.purchasing.tests.conftest import POOLED_TOTAL


def test_every_task_is_one_call_to_a_service():
    tree = ast.parse(inspect.getsource(tasks))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert [f.name for f in functions] == ["round_solve_task"]
    for function in functions:
        body = [
            n for n in function.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
        ]
        assert len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Call)
        assert hasattr(services, body[0].value.func.id)


@pytest.fixture
def job(coordinator, closed_round):
    return job_create(actor=coordinator, kind="purchasing.solve", label="Optimalkan")


@pytest.mark.django_db
def test_solve_run_finishes_the_job_with_the_summary(coordinator, closed_round, job):
    summary = services.round_solve_run(job_id=job.pk, round_id=closed_round.pk, actor_id=coordinator.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result == summary
    assert (summary["status"], summary["total_cost"], summary["savings"]) == (
        "optimal",
        POOLED_TOTAL,
        290_000,
    )
    assert (job.done, job.total) == (3, 3)
    assert RoundPlan.objects.get(round=closed_round).job_id == job.pk


@pytest.mark.django_db
def test_solve_run_fails_the_job_on_an_unexpected_error(coordinator, closed_round, job, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(services.plans.optimizer, "solve", broken)
    with pytest.raises(RuntimeError):
        services.round_solve_run(job_id=job.pk, round_id=closed_round.pk, actor_id=coordinator.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (Job.Status.FAILED, "RuntimeError: solver crashed")
    closed_round.refresh_from_db()
    assert closed_round.status == RoundStatus.CLOSED and not RoundPlan.objects.exists()


@pytest.mark.django_db
def test_solve_run_fails_the_job_with_the_refusal(coordinator, open_round):
    job = job_create(actor=coordinator, kind="purchasing.solve", label="Optimalkan")
    result = services.round_solve_run(job_id=job.pk, round_id=open_round.pk, actor_id=coordinator.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == " ".join(result["error"]) != ""
    assert result["next_url"] == f"/belanja-bareng/putaran/{open_round.pk}/"
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.OPEN and not RoundPlan.objects.exists()
