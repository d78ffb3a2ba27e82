"""Registry imports: one pipeline (pipeline.py) and one importer per kind of sheet."""

from sinergi.registry.importers.businesses import BusinessImporter
from sinergi.registry.importers.cooperatives import CooperativeImporter
from sinergi.registry.importers.members import MemberImporter
from sinergi.registry.importers.pipeline import FileRejected, ImportReport
from sinergi.registry.importers.sheets import SheetError

IMPORTERS = {"umkm": BusinessImporter, "cooperative": CooperativeImporter, "member": MemberImporter}

__all__ = ["IMPORTERS", "FileRejected", "ImportReport", "SheetError"]
