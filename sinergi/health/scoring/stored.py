"""What an assessment keeps, and how its explanation comes back (reference.md Decision 5).

The explained result of an assessment — inputs, ratio, band, nilai, bobot and skor of every
component, the formulas and notes (`Assessment.to_dict(detail=True)`, 15–18 KB of JSON) — is a pure
function of the report's figures and the rule set. Storing it for every cooperative and year would
cost about 1.7 GB a year at 100,000 cooperatives, so an assessment keeps only what decides it:

- `inputs`: the report as it was scored, in the input schema, without its empty amounts and
  unanswered groups (absent and missing mean the same to the engine, Decision 6);
- `rules` and `rules_version`: the rule set's code and the edition of its tables;
- `scores`: the skor of every component as shown (null when not assessable), which with the total,
  the predicate, `complete` and `official` is the record of what was decided.

`explain` runs the engine again on the kept inputs whenever a page, the PDF or the API shows the
assessment; `differs` says when that no longer gives the kept scores (the tables were corrected
since), so the page can say that the explanation follows the current tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.engine import assess, assess_indicative
from sinergi.health.scoring.report import AMOUNT_FIELDS, MANAGEMENT_GROUPS
from sinergi.health.scoring.results import Assessment
from sinergi.health.scoring.rule_sets import get_rule_set


def input_document(year: int | None, amounts: Mapping, manajemen: Mapping | None) -> dict:
    """A stored report in the input schema: `amounts` are `Decimal` (or None) by field name, as the
    database gives them, written as exact decimal strings; `manajemen` maps a group to its answers."""
    data: dict = {"year": year}
    for name in AMOUNT_FIELDS:
        value = amounts.get(name)
        data[name] = None if value is None else f"{value:f}"
    answers = manajemen or {}
    data["manajemen"] = {group: answers.get(group) for group, _size in MANAGEMENT_GROUPS}
    return data


def compact_inputs(data: Mapping) -> dict:
    """The input document without the amounts and answer groups that are absent: what a row keeps."""
    kept: dict = {"year": data.get("year")}
    for name in AMOUNT_FIELDS:
        value = data.get(name)
        if value is not None and value != "":
            kept[name] = value
    answers = {group: given for group, given in (data.get("manajemen") or {}).items() if given is not None}
    if answers:
        kept["manajemen"] = answers
    return kept


def component_scores(assessment: Assessment) -> dict[str, str | None]:
    """The skor of every component as shown (2 decimals), null when it is not assessable."""
    return {component.code: display(component.skor) for component in assessment.components()}


def rules_version(rules: str) -> str:
    """The edition of a rule set's tables that new assessments record."""
    return get_rule_set(rules).version


def score(inputs: Mapping, rules: str, *, official: bool) -> Assessment:
    """The engine's assessment of stored inputs: the official method, or the indicative score of a
    cooperative without a savings-and-loan business (Decision 11)."""
    return (assess if official else assess_indicative)(inputs, rules)


def explain(inputs: Mapping, rules: str, *, official: bool) -> dict:
    """The full explained result of a stored assessment, computed again from what it keeps."""
    return score(inputs, rules, official=official).to_dict(detail=True)


def differs(
    explained: Mapping,
    *,
    scores: Mapping,
    total: Decimal | str,
    predicate: str | None,
    version: str,
    rules: str,
) -> bool:
    """True when an explanation computed now does not give what the assessment recorded: other
    component scores, total or predicate, or tables of another edition."""
    if version != rules_version(rules):
        return True
    now = {c["code"]: c["skor"] for aspect in explained["aspects"] for c in aspect["components"]}
    return (
        now != dict(scores)
        or explained["predicate"] != predicate
        or Decimal(explained["total"]) != Decimal(str(total))
    )
