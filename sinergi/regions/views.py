from django.shortcuts import render
from django.views.decorators.http import require_GET

from sinergi.regions.widgets import picker_context


@require_GET
def picker(request):
    """Re-render the region picker after one of its selects changed (an htmx fragment)."""
    name = request.GET.get("field", "region")[:40]
    depth = max(1, min(4, int(request.GET.get("depth") or 4)))
    try:
        changed = int(request.GET.get("changed") or 1)
    except ValueError:
        changed = 1
    # The deepest choice at or above the level that changed; deeper choices are cleared.
    code = ""
    for level in range(min(changed, depth), 0, -1):
        code = request.GET.get(f"{name}_{level}", "")
        if code:
            break
    ctx = picker_context(name, code or None, root=request.GET.get("root") or None, depth=depth)
    return render(request, "regions/picker.html", ctx)
