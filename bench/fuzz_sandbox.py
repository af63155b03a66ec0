"""Long schema-driven fuzz run of the sandbox; prints the counts.

    .venv/bin/python -m bench.fuzz_sandbox [--examples 100]

Each of the 68 storefront operations gets up to ``--examples`` positive and as many negative
cases generated from Scalev's spec (schemathesis), sent with the real key and a customer token;
then the hostile inputs of ``tests/contract/hostile.py`` (lone surrogates, odd digits, huge ids,
deep and oversized bodies, tokens without claims, bad fault rules, control calls from other
pages), each with the answer it got.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.contract import hostile
from tests.contract.fuzz import run, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100)
    args = parser.parse_args()
    report = run(max_examples=args.examples)
    print(summary(report))
    for failure in report.server_errors + report.schema_failures:
        print("FAIL", failure)
    outcomes = hostile.run()
    print(f"\nHostile inputs: {sum(o.ok for o in outcomes)} of {len(outcomes)} answered as they should")
    print(hostile.table(outcomes))
    sys.exit(1 if report.server_errors or report.schema_failures or not all(o.ok for o in outcomes) else 0)


if __name__ == "__main__":
    main()
