"""Issue 19: a name search reads only indexes to find and sort its first page.

A name search ORs prefix ranges of the surname key, the name key and the Latin surname, each
cut to its first page in surname order. Before revision 0009 the name and Latin ranges sorted
by reading every matching row from the (encrypted) table; now each is a covering index.
"""

from __future__ import annotations

from sqlalchemy import event

from desktop.services import cases
from desktop.services.context import DeskContext


def test_every_arm_of_a_name_search_is_a_covering_index(admin: DeskContext) -> None:
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    engine = admin.store.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        found = cases.list_cases(admin, "аб")
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    [(search, params)] = [s for s in statements if "FROM cases" in s[0]]
    with admin.uow() as uow:
        raw = uow.session.connection().connection.dbapi_connection
        assert raw is not None
        plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + search, params)]
    ranges = [step for step in plan if step.startswith("SEARCH cases USING") and ">?" in step]
    assert {r.split(" (")[0] for r in ranges} >= {
        "SEARCH cases USING COVERING INDEX ix_cases_surname_key",
        "SEARCH cases USING COVERING INDEX ix_cases_name_key_surname",
        "SEARCH cases USING COVERING INDEX ix_cases_surname_latin_key",
    }
    # Only the case-number arm (no match for letters) may touch the table.
    assert all("COVERING" in r or "autoindex" in r for r in ranges), plan
    assert all(c.surname.lower().startswith("аб") or c.name.lower().startswith("аб") for c in found)
