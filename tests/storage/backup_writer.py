"""Child process for the backup test: keeps committing cases with a scan each, reporting ids."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.domain.questionnaire import Questionnaire
from desktop.services import cases, session
from tests.conftest import PASSWORD
from tests.storage.backup_helpers import add_scan


def main() -> None:
    data_dir = Path(sys.argv[1])
    ctx = session.login(data_dir, "admin", PASSWORD)
    n = 0
    while True:
        n += 1
        saved = cases.create_draft(ctx, Questionnaire(surname="Сынақов", name=f"Ерлан{n}"))
        add_scan(ctx, saved.summary.id, os.urandom(64 * 1024))
        print(saved.summary.id, flush=True)


if __name__ == "__main__":
    main()
