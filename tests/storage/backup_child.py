"""Child process for the kill -9 backup test: backs up once, saying when the snapshot is made.

The line comes from wrapping the storage step here, in the test's child: no test hook in the
production code. The parent kills the process right after reading it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.storage import backup as container
from tests.conftest import PASSWORD


def main() -> None:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    ctx = session.login(data_dir, "admin", PASSWORD)
    write = container.write_container

    def writing(*args: Any, **kwargs: Any) -> Any:
        print("snapshot made", flush=True)
        time.sleep(60)  # killed here: the snapshot copy is on disk
        return write(*args, **kwargs)

    container.write_container = writing  # type: ignore[assignment]
    backup_service.backup_store(ctx, out)


if __name__ == "__main__":
    main()
