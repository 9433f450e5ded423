"""Child process for the kill -9 backup test: backs up once, saying when the container is
being written. The line comes from wrapping the storage step here, in the test's child: no
test hook in the production code. The parent kills the process right after reading it."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.storage import backup as container
from tests.conftest import PASSWORD


def main() -> None:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    ctx = session.login(data_dir, "admin", PASSWORD)
    hold = container.hold

    def holding(fd: int) -> None:
        hold(fd)
        print("writing", flush=True)
        time.sleep(60)  # killed here: the half-written container is on disk

    container.hold = holding  # type: ignore[assignment]
    backup_service.backup_store(ctx, out)


if __name__ == "__main__":
    main()
