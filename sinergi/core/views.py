from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from sinergi.core.htmx import render_page
from sinergi.core.jobs import access_job


@login_required
def job_detail(request, pk: int):
    """A job's progress; the page polls its own #progress partial until the job finishes."""
    job = access_job(user=request.user, pk=pk)
    return render_page(request, "core/job_detail.html", {"job": job}, partial="progress")


@never_cache
def health(request):
    """Liveness for load balancers and process managers: the app answers, nothing else is checked."""
    return HttpResponse("ok", content_type="text/plain")
