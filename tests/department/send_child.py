"""Child process for the interrupted-send test: `send` killed (-9) at a chosen step.

The kill comes from wrapping the service's own steps here, in the test's child, so the
production code carries no test hook. Arguments: DATA_DIR DB_URL|- OUT_DIR POINT.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from desktop.department import outbox
from desktop.department.service import Department
from desktop.sync import package
from tests.department.conftest import PASSWORD


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    data_dir, db_url, out_dir, point = sys.argv[1:5]
    dep = Department.open(
        Path(data_dir), "admin", PASSWORD, db_url=None if db_url == "-" else db_url
    )
    if point == "writing":
        # Half a package on disk: the first member written, then nothing.
        add = package.PackageWriter.add

        def add_then_die(self: package.PackageWriter, kind: str, plaintext: bytes) -> str:
            add(self, kind, plaintext)
            self._handle.flush()
            die()
            raise AssertionError

        package.PackageWriter.add = add_then_die  # type: ignore[method-assign]
    elif point == "written":
        # The package is complete under its staging name; the database has not committed.
        finish = package.PackageWriter.finish

        def finish_then_die(self: package.PackageWriter) -> Any:
            finish(self)
            die()

        package.PackageWriter.finish = finish_then_die  # type: ignore[method-assign]
    elif point == "committed":
        # The database committed the package; the rename to its real name never happened.
        def publish_dies(staged: Path, path: Path) -> None:
            die()

        outbox.publish = publish_dies  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown point {point}")
    dep.send("KZ-BER", Path(out_dir))
    raise SystemExit("the send was not interrupted")


if __name__ == "__main__":
    main()
