"""The rule sets this package knows, by the code every assessment records (reference.md Decision 1).

A new rule set is a new `rules_<regulation>.py` module exposing `RULE_SET`, added to this dict.
"""

from sinergi.health.scoring import rules_perdep_06_2016, rules_permen_14_2009
from sinergi.health.scoring.definitions import RuleSet
from sinergi.health.scoring.report import ScoringError

DEFAULT_RULES = "perdep-06-2016"

RULE_SETS: dict[str, RuleSet] = {
    rules_perdep_06_2016.RULE_SET.code: rules_perdep_06_2016.RULE_SET,
    rules_permen_14_2009.RULE_SET.code: rules_permen_14_2009.RULE_SET,
}


def get_rule_set(rules: str | RuleSet) -> RuleSet:
    """The rule set for a code (or the rule set itself); ScoringError names the known codes."""
    if isinstance(rules, RuleSet):
        return rules
    try:
        return RULE_SETS[rules]
    except (KeyError, TypeError):
        known = ", ".join(RULE_SETS)
        raise ScoringError(
            f"Aturan penilaian tidak dikenal / Unknown rule set: {rules!r}",
            [f"pilih salah satu / choose one of: {known}"],
        ) from None
