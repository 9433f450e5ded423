"""Procedure benchmark (issue 4): the deadline dashboard, a case's procedure view, one step,
and the monitoring export, on a demo store whose cases are spread over every stage.

    python -m bench.procedure [--cases 5000] [--keep DIR]

Prints each figure with its target and the ratio to the desk's own first page of the case
list (`cases.list_cases`, the baseline every screen is compared with).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.common import median_ms, verdict
from desktop.domain.workflow import Stage
from desktop.services import cases, demo, monitoring, procedure, session
from desktop.storage.vault import KdfParams

PASSWORD = "bench-password-1"
TARGETS_MS = {"dashboard": 500.0, "procedure_view": 50.0, "checklist": 50.0, "export_month": 2000.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="keep the store in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="qonys-bench-"))
    data_dir = folder / "store"
    try:
        started = time.perf_counter()
        demo.create_demo(data_dir, cases=args.cases, password=PASSWORD, kdf=KdfParams(1024, 1, 1))
        print(f"demo store of {args.cases} cases built in {time.perf_counter() - started:.1f} s")
        ctx = session.login(data_dir, "officer", PASSWORD)
        try:
            accepted = cases.list_cases(ctx, stages=(Stage.ACCEPTED.value,), limit=1)
            case_id = accepted[0].id
            today = ctx.today()
            baseline = median_ms(lambda: cases.list_cases(ctx, limit=100), repeat=20)
            figures = {
                "dashboard": median_ms(lambda: procedure.dashboard(ctx), repeat=10),
                "procedure_view": median_ms(lambda: procedure.procedure_view(ctx, case_id)),
                "checklist": median_ms(lambda: procedure.get_checklist(ctx, case_id)),
                "export_month": median_ms(
                    lambda: monitoring.export(ctx, today - timedelta(days=30), today), repeat=5
                ),
            }
            print(f"{'baseline: first page of the case list':40} {baseline:9.2f} ms")
            for name, value in figures.items():
                target = TARGETS_MS[name]
                print(
                    f"{name:40} {value:9.2f} ms  target {target:7.0f} ms  "
                    f"x{value / baseline:6.1f} of baseline  {verdict(value, target)}"
                )
        finally:
            ctx.close()
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
