"""The home page reads every slice: it borrows the health and purchasing fixtures."""

from sinergi.health.tests.conftest import (  # noqa: F401
    answers,
    draft,
    ksp_bandung,
    ksp_bogor,
    submitted,
    values,
)
from sinergi.purchasing.tests.conftest import (  # noqa: F401
    bandung_manager,
    bulog,
    cooperative_cahaya,
    coordinator,
    draft_round,
    juk_coordinator_org,
    network,
    nusantara,
    open_round,
    price_lists,
    products,
    system,
)
