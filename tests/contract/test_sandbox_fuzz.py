"""A short schema-driven fuzz run on every build (``bench/fuzz_sandbox.py`` runs a long one)."""

from .fuzz import run, summary


def test_generated_requests_never_break_the_sandbox_or_the_spec():
    report = run(max_examples=5)
    assert report.operations == 68
    assert report.cases >= 68 * 2 * 3, summary(report)
    assert report.server_errors == [], summary(report)
    assert report.schema_failures == [], summary(report)
    assert report.by_status[400] > 0 and report.by_status[200] > 0, summary(report)
