"""Every change to the registry, one function per write (split by sub-domain)."""

from sinergi.registry.services.businesses import (  # noqa: F401
    business_register,
    business_set_cooperatives,
    business_update,
)
from sinergi.registry.services.claims import (  # noqa: F401
    business_claim_decide,
)
from sinergi.registry.services.clusters import (  # noqa: F401
    cluster_save,
)
from sinergi.registry.services.cooperatives import (  # noqa: F401
    cooperative_officer_set,
    cooperative_record_rat,
    cooperative_register,
    cooperative_set_status,
    cooperative_update,
)
from sinergi.registry.services.duplicates import (  # noqa: F401
    duplicate_mark_distinct,
    duplicate_merge,
    duplicate_scan,
    duplicate_scan_start,
    merge_revert,
)
from sinergi.registry.services.imports import (  # noqa: F401
    import_batch_execute,
    import_batch_preview,
    import_batch_run,
    import_batch_upload,
    import_files_purge,
    may_upload_import,
)
from sinergi.registry.services.members import (  # noqa: F401
    member_save,
)
from sinergi.registry.services.moves import (  # noqa: F401
    organization_move_cancel,
    organization_move_decide,
    organization_move_request,
)
