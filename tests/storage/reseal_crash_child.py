"""Child process for the re-seal crash test: logs in and dies (exit 70, no clean-up) right
after the re-sealed key slot was written and fsynced beside the vault, before it replaces it.
Prints "committed" if the login's audit entry was committed by then."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from desktop.services import session
from desktop.storage import files
from desktop.storage.vault import VAULT_FORMAT
from tests.conftest import PASSWORD

_real_replace = Path.replace


def main() -> None:
    data_dir = Path(sys.argv[1])
    committed: list[bool] = []
    real_open_as = session._open_as

    def open_as(*args: Any, **kwargs: Any) -> Any:
        result = real_open_as(*args, **kwargs)
        committed.append(True)
        return result

    def replace(self: Path, target: Any) -> Path:
        if Path(target).name == "qonys.vault" and VAULT_FORMAT.encode() in self.read_bytes():
            print("committed" if committed else "not committed", flush=True)
            os._exit(70)
        return _real_replace(self, target)

    session._open_as = open_as  # type: ignore[assignment]
    files.Path.replace = replace  # type: ignore[method-assign]
    session.login(data_dir, "admin", PASSWORD)
    sys.exit(1)  # the re-seal was never written


if __name__ == "__main__":
    main()
