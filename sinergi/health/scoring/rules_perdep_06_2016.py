"""Rule set `perdep-06-2016` (the default): Peraturan Deputi Bidang Pengawasan Kementerian KUKM
No. 06/Per/Dep.6/IV/2016, health assessment of KSP and USP Koperasi.

Seven aspects with the weights of reference.md §1.2 and four predicates with the 2016 bands of §1.4:
Sehat 80.00 ≤ x ≤ 100, Cukup Sehat 66.00 ≤ x < 80.00, Dalam Pengawasan 51.00 ≤ x < 66.00 (one
source prints "51.00 < x"; 51.00 belongs here, as §1.4 decides), Dalam Pengawasan Khusus x < 51.00.

The Lampiran of Perdep 06/2016 with its score tables could not be opened; every case that applies
it uses the tables of Permen KUKM 14/2009 unchanged (reference.md §1.3, §6 item 1). The component
tables are therefore shared with `rules_permen_14_2009`, not copied: when the Lampiran is found and
differs, this module gets its own `ASPECTS`.
"""

from sinergi.health.scoring.definitions import RuleSet, grade
from sinergi.health.scoring.rules_permen_14_2009 import ASPECTS, INDICATIVE_COMPONENTS

RULE_SET = RuleSet(
    code="perdep-06-2016",
    name="Perdep 06/2016 (KSP/USP, 4 predikat)",
    regulation="Peraturan Deputi Bidang Pengawasan No. 06/Per/Dep.6/IV/2016",
    aspects=ASPECTS,
    predicates=(
        grade("80.00 ≤ x ≤ 100", "sehat", "Sehat", "Sound"),
        grade("66.00 ≤ x < 80.00", "cukup_sehat", "Cukup Sehat", "Fairly sound"),
        grade("51.00 ≤ x < 66.00", "dalam_pengawasan", "Dalam Pengawasan", "Under supervision"),
        grade(
            "0 ≤ x < 51.00", "dalam_pengawasan_khusus", "Dalam Pengawasan Khusus", "Under special supervision"
        ),
    ),
    indicative_components=INDICATIVE_COMPONENTS,
    version="1",
)
