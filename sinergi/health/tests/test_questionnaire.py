"""The default management questionnaire: 38 bilingual questions matching the rule sets' groups."""

import re

import pytest

from sinergi.health.scoring import RULE_SETS
from sinergi.health.scoring.definitions import QuestionnaireComponent
from sinergi.health.scoring.questionnaire import GROUPS, VERSION, group, questions
from sinergi.health.scoring.report import MANAGEMENT_GROUPS


def test_version_string():
    assert VERSION == "2026.1"
    assert re.fullmatch(r"\d{4}\.\d+", VERSION)


def test_38_questions_in_five_groups():
    assert [(g.code, g.component, len(g.questions)) for g in GROUPS] == [
        ("umum", "3a", 12),
        ("kelembagaan", "3b", 6),
        ("permodalan", "3c", 5),
        ("aktiva", "3d", 10),
        ("likuiditas", "3e", 5),
    ]
    assert len(questions()) == 38


def test_groups_match_the_report_schema():
    assert [(g.code, len(g.questions)) for g in GROUPS] == list(MANAGEMENT_GROUPS)


@pytest.mark.parametrize("rules", RULE_SETS)
def test_groups_match_every_rule_set(rules):
    components = [c for c in RULE_SETS[rules].components() if isinstance(c, QuestionnaireComponent)]
    assert [(c.code, c.group, c.questions) for c in components] == [
        (g.component, g.code, len(g.questions)) for g in GROUPS
    ]


def test_questions_are_numbered_in_answer_order_with_stable_codes():
    for g in GROUPS:
        assert [q.number for q in g.questions] == list(range(1, len(g.questions) + 1))
        assert [q.code for q in g.questions] == [f"{g.code}-{n:02d}" for n in range(1, len(g.questions) + 1)]
        assert all(q.group == g.code for q in g.questions)
    assert len({q.code for q in questions()}) == 38
    assert group("aktiva").questions[0].code == "aktiva-01"


def test_every_question_is_a_yes_no_question_in_indonesian_and_english():
    for q in questions():
        assert q.text.startswith("Apakah ") and q.text.endswith("?"), q.code
        assert q.text_en.endswith("?") and q.text_en != q.text, q.code
        assert "  " not in q.text and "  " not in q.text_en
    assert len({q.text for q in questions()}) == 38
    assert len({q.text_en for q in questions()}) == 38


def test_group_titles_are_bilingual():
    assert [(g.title, g.title_en) for g in GROUPS] == [
        ("Manajemen umum", "General management"),
        ("Kelembagaan", "Institutional"),
        ("Manajemen permodalan", "Capital management"),
        ("Manajemen aktiva", "Asset management"),
        ("Manajemen likuiditas", "Liquidity management"),
    ]


def test_unknown_group():
    with pytest.raises(KeyError):
        group("sdm")
