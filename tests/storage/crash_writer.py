"""Child process for the kill -9 test: commits cases and reports each commit on stdout."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.domain.questionnaire import Questionnaire
from desktop.services import cases, session
from tests.conftest import PASSWORD


def main() -> None:
    data_dir = Path(sys.argv[1])
    ctx = session.login(data_dir, "admin", PASSWORD)
    n = 0
    while True:
        n += 1
        saved = cases.create_draft(ctx, Questionnaire(surname="Сынақов", name=f"Ерлан{n}"))
        q = cases.get_case(ctx, saved.summary.id).questionnaire
        q.patronymic = "Қайратұлы"
        cases.update_questionnaire(ctx, saved.summary.id, q)
        print(saved.summary.id, flush=True)


if __name__ == "__main__":
    main()
