"""§7: each received case goes to the internal affairs body of the applicant's last registered
place. The bodies are a reference list kept as data (``dep_police_body``, seeded from
``police_bodies.json``, edited by a head); a forwarding letter per body lists its cases (PDF,
Kazakh), and the day it was sent starts the §9 thirty days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.department.casebook import applicant
from desktop.department.core import STAGE_AWAITING, DepartmentCore, DepartmentError
from desktop.department.store import Case, ForwardingLetter, PoliceBody, Routing, utcnow
from desktop.domain.search import search_key

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


def _place_key(text: str) -> str:
    return search_key(text.replace("г.", " ").replace("город", " ").replace("қаласы", " "))


def suggest(s: Session, questionnaire: dict[str, Any]) -> PoliceBody | None:
    """The body whose places name the applicant's last registered place (item 10), if one."""
    place = questionnaire.get("leaving_place") or {}
    if not isinstance(place, dict):
        return None
    wanted = [_place_key(str(place.get(k) or "")) for k in ("region", "settlement")]
    wanted = [w for w in wanted if w]
    if not wanted:
        return None
    for body in s.scalars(select(PoliceBody).where(PoliceBody.active).order_by(PoliceBody.code)):
        keys = {_place_key(line) for line in body.places.splitlines() if line.strip()}
        if any(w in keys for w in wanted):
            return body
    return None


@dataclass(frozen=True)
class Body:
    """A police body of the reference list, as the pages show it."""

    code: str
    name_kk: str
    name_ru: str
    places: str
    active: bool


@dataclass(frozen=True)
class LetterCase:
    mission: str
    number: str
    applicant: str
    received_on: str


@dataclass(frozen=True)
class LetterRow:
    id: int
    police_body: str
    created_at: str
    created_by: str
    sent_on: str | None
    cases: int


class RoutingRoom(DepartmentCore):
    """Routing, letters and the reference list (a room of the console's Department)."""

    def police_bodies(self, *, active_only: bool = False) -> list[Body]:
        with self.uow() as tx:
            q = select(PoliceBody).order_by(PoliceBody.name_kk)
            if active_only:
                q = q.where(PoliceBody.active)
            return [
                Body(b.code, b.name_kk, b.name_ru, b.places, b.active)
                for b in tx.session.scalars(q)
            ]

    def save_police_body(
        self, code: str, name_kk: str, name_ru: str, places: str, active: bool
    ) -> None:
        code = code.strip().lower()
        if not _CODE.match(code):
            raise DepartmentError("the code is 2-40 Latin letters, digits or hyphens")
        name_kk, name_ru = name_kk.strip(), name_ru.strip()
        if not name_kk or not name_ru:
            raise DepartmentError("the Kazakh and the Russian names are required")
        lines = "\n".join(line.strip() for line in places.splitlines() if line.strip())
        with self.uow() as tx:
            s = tx.session
            body = s.get(PoliceBody, code)
            if body is None:
                s.add(
                    PoliceBody(
                        code=code, name_kk=name_kk, name_ru=name_ru, places=lines, active=active
                    )
                )
                self._audit(s, "police-body-add", f"police body {code}")
            else:
                body.name_kk, body.name_ru, body.places, body.active = (
                    name_kk,
                    name_ru,
                    lines,
                    active,
                )
                self._audit(s, "police-body-edit", f"police body {code}")
            tx.commit()

    def route(self, case_id: int, police_body: str) -> None:
        """Send a case to a police body (again, while no letter has gone with it)."""
        with self.uow() as tx:
            s = tx.session
            case = s.get(Case, case_id, with_for_update=True)
            if case is None:
                raise DepartmentError(f"no case {case_id}")
            if case.stage != STAGE_AWAITING:
                raise DepartmentError(f"case {case.number} is past routing")
            body = s.get(PoliceBody, police_body)
            if body is None or not body.active:
                raise DepartmentError("choose a police body of the reference list")
            row = s.get(Routing, case.id)
            if row is not None and row.letter_id is not None:
                raise DepartmentError(f"case {case.number} has gone with a letter already")
            if row is None:
                s.add(
                    Routing(
                        case_id=case.id,
                        police_body=body.code,
                        routed_at=utcnow(),
                        routed_by=self.user,
                        letter_id=None,
                    )
                )
            else:
                row.police_body, row.routed_at, row.routed_by = body.code, utcnow(), self.user
            self._audit(s, "route", f"case {case.id}: to police body {body.code}")
            tx.commit()

    def make_letter(self, police_body: str, on: date) -> int:
        """A forwarding letter with every routed case of the body not yet in a letter."""
        from desktop.department.letter import forwarding_letter_pdf

        with self.uow() as tx:
            s = tx.session
            body = s.get(PoliceBody, police_body, with_for_update=True)
            if body is None:
                raise DepartmentError("no such police body")
            rows = s.execute(
                select(Routing, Case)
                .join(Case, Case.id == Routing.case_id)
                .where(Routing.police_body == body.code, Routing.letter_id.is_(None))
                .order_by(Case.mission_code, Case.number)
            ).all()
            if not rows:
                raise DepartmentError("no routed case waits for a letter to this police body")
            cases = [
                LetterCase(
                    c.mission_code,
                    c.number,
                    applicant(c.questionnaire or {}),
                    c.received_at.date().strftime("%d.%m.%Y"),
                )
                for _r, c in rows
            ]
            letter = ForwardingLetter(
                police_body=body.code,
                created_at=utcnow(),
                created_by=self.user,
                sent_on=None,
                pdf=b"",
            )
            s.add(letter)
            s.flush()
            letter.pdf = forwarding_letter_pdf(letter.id, body.name_kk, cases, on, self._code(s))
            for routing, _c in rows:
                routing.letter_id = letter.id
            self._audit(s, "letter", f"letter {letter.id} to {body.code}: {len(cases)} cases")
            tx.commit()
            return letter.id

    def letters(self) -> list[LetterRow]:
        from sqlalchemy import func

        with self.uow() as tx:
            s = tx.session
            counts = dict(
                s.execute(
                    select(Routing.letter_id, func.count(Routing.case_id)).group_by(
                        Routing.letter_id
                    )
                ).all()
            )
            return [
                LetterRow(
                    lt.id,
                    lt.police_body,
                    lt.created_at.strftime("%d.%m.%Y"),
                    lt.created_by,
                    lt.sent_on,
                    int(counts.get(lt.id, 0)),
                )
                for lt in s.scalars(
                    select(ForwardingLetter).order_by(ForwardingLetter.id.desc()).limit(200)
                )
            ]

    def letter_pdf(self, letter_id: int) -> bytes:
        with self.uow() as tx:
            letter = tx.session.get(ForwardingLetter, letter_id)
            if letter is None:
                raise DepartmentError(f"no letter {letter_id}")
            return letter.pdf

    def record_sent(self, letter_id: int, on: date) -> None:
        """The day the letter went to the police: the §9 thirty days run from it."""
        if on > utcnow().date():
            raise DepartmentError("the date sent is in the future")
        with self.uow() as tx:
            s = tx.session
            letter = s.get(ForwardingLetter, letter_id, with_for_update=True)
            if letter is None:
                raise DepartmentError(f"no letter {letter_id}")
            if letter.sent_on is not None:
                raise DepartmentError(f"letter {letter_id} was recorded as sent already")
            letter.sent_on = on.isoformat()
            self._audit(s, "letter-sent", f"letter {letter_id}: sent {on.isoformat()}")
            tx.commit()
