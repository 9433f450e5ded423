"""Child process for the kill -9 export test: exports once, saying how far it got.

The progress lines come from wrapping the service's own steps here, in the test's child, so
the production code carries no test hook. Each line is flushed before the step continues:
the parent kills the process right after reading the line it waits for.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from desktop.services import exchange as service
from desktop.services import session
from desktop.services.exchange import exporting
from tests.conftest import PASSWORD


def say(line: str) -> None:
    print(line, flush=True)


HOLD_AT = sys.argv[3] if len(sys.argv) > 3 else ""


def hold(step: str) -> None:
    """Wait at the step the parent kills at: its SIGKILL must land there, not at a later step
    the process would otherwise reach while the signal is on its way."""
    if step == HOLD_AT:
        time.sleep(60)


def main() -> None:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    ctx = session.login(data_dir, "admin", PASSWORD)
    record = exporting._record_export
    publish = exporting._publish

    def recorded(*args: Any, **kwargs: Any) -> Any:
        entries = record(*args, **kwargs)
        say("recorded")  # the package is written, its rows are added, not yet committed
        hold("recorded")
        return entries

    def publishing(*args: Any, **kwargs: Any) -> Any:
        say("publishing")  # committed: the package is about to get its real name
        hold("publishing")
        return publish(*args, **kwargs)

    exporting._record_export = recorded  # type: ignore[assignment]
    exporting._publish = publishing  # type: ignore[assignment]
    say("start")
    result = service.export(ctx, out, include_stages=True)
    say(f"done {len(result.packages)}")
    ctx.close()


if __name__ == "__main__":
    main()
