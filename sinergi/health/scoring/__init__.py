"""Cooperative health scoring (penilaian kesehatan koperasi): a pure package, no Django.

The official 7-aspect assessment of savings-and-loan cooperatives (KSP/USP) under Perdep
06/Per/Dep.6/IV/2016 (default) and Permen KUKM 14/2009, implemented as reference.md §1.2–1.4 and
its Decisions describe; the unofficial indicative score of Decision 11; the PEARLS ratios a report
allows; the default wording of the management questionnaire.

    from sinergi.health.scoring import assess
    assessment = assess({"total_aset": "1250000000", ...}, rules="perdep-06-2016")
    assessment.to_dict()             # the JSON form
    assessment.to_dict(detail=True)  # plus inputs, formulas and bands of every component
"""

from sinergi.health.scoring.definitions import RuleSet
from sinergi.health.scoring.engine import assess, assess_documents, assess_indicative
from sinergi.health.scoring.pearls import PearlsRatio, pearls
from sinergi.health.scoring.report import ManagementAnswers, Report, ReportError, ScoringError
from sinergi.health.scoring.results import AspectResult, Assessment, ComponentResult, Scaling
from sinergi.health.scoring.rule_sets import DEFAULT_RULES, RULE_SETS, get_rule_set

__all__ = [
    "DEFAULT_RULES",
    "RULE_SETS",
    "AspectResult",
    "Assessment",
    "ComponentResult",
    "ManagementAnswers",
    "PearlsRatio",
    "Report",
    "ReportError",
    "RuleSet",
    "Scaling",
    "ScoringError",
    "assess",
    "assess_documents",
    "assess_indicative",
    "get_rule_set",
    "pearls",
]
