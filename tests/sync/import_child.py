"""Child process for the kill -9 import test: imports one decision package, saying how far it got.

The progress lines come from wrapping the service's own steps here, in the test's child, so
the production code carries no test hook. Each line is flushed before the step continues:
the parent kills the process right after reading the line it waits for. Given a third
argument, the child stops at the step of that name (it sleeps there until it is killed): on a
loaded machine the parent may read the line late, and the import must not run on past it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from desktop.services import exchange as service
from desktop.services import session
from desktop.services.exchange import importing
from desktop.storage.uow import UnitOfWork
from desktop.sync import exchange
from tests.conftest import PASSWORD

HOLD_AT = sys.argv[3] if len(sys.argv) > 3 else None


def say(line: str) -> None:
    print(line, flush=True)
    if line == HOLD_AT:
        time.sleep(600)  # the parent's SIGKILL lands here


def main() -> None:
    data_dir, package = Path(sys.argv[1]), Path(sys.argv[2])
    ctx = session.login(data_dir, "admin", PASSWORD)
    open_incoming = exchange.open_incoming
    decision_step = importing._decision_step
    commit = UnitOfWork.commit
    steps = 0

    def verified(*args: Any, **kwargs: Any) -> exchange.Incoming:
        incoming = open_incoming(*args, **kwargs)
        say("verified")
        return incoming

    def decided(*args: Any, **kwargs: Any) -> Any:
        nonlocal steps
        done = decision_step(*args, **kwargs)
        steps += 1
        say(f"decision {steps}")
        return done

    def committing(self: UnitOfWork) -> None:
        say("commit")
        commit(self)

    exchange.open_incoming = verified  # type: ignore[assignment]
    importing._decision_step = decided  # type: ignore[assignment]
    UnitOfWork.commit = committing  # type: ignore[method-assign]
    say("start")
    began = time.monotonic()
    result = service.import_package(ctx, package)
    say(f"done {result.decisions} {time.monotonic() - began:.3f}")
    ctx.close()


if __name__ == "__main__":
    main()
