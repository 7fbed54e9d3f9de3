"""Run every benchmark in this folder, one after another (``make bench``).

Each benchmark is a script that prints its own figures; pass ``--only NAME`` to
run one (e.g. ``--only catalog``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", action="append", default=[], help="benchmark name (file stem); repeatable")
    args = ap.parse_args()
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    if args.only:
        scripts = [p for p in scripts if p.stem in args.only]
    failed = 0
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
