"""Hostile inputs (see ``hostile.py``): a 4xx in Scalev's error shape for each, never a 5xx or a
dropped connection, and a store that keeps working after them."""

from .hostile import run, table


def test_hostile_inputs_get_clear_answers_and_never_break_the_sandbox():
    outcomes = run()
    assert [o.case.label for o in outcomes if not o.ok] == [], table(outcomes)
    assert len(outcomes) > 20
