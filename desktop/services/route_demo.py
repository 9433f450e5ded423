"""Demo cases on each §3 route of issue 12, built through the services an officer uses.

`qonys demo` adds them after the random cases: an expired passport with the explanation, a
consular fee exemption, a minor applicant with a legal representative, a child whose other
parent lives abroad, and children with a certificate of birth (анықтама) whose originals were
handed back — each at a stage where its route shows (checklist, receipt, notification, journal).
`qonys case NUMBER --json` lists a case's routes under `routes`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from desktop.domain import iin as iin_rules
from desktop.domain.checklist import (
    CaseFacts,
    IdentityDocument,
    IdentityKind,
    Representative,
    RepresentativeAuthority,
)
from desktop.domain.questionnaire import Child, Questionnaire, Sex
from desktop.domain.validation import errors, validate
from desktop.domain.workflow import Action
from desktop.services import cases as case_service
from desktop.services import originals, procedure
from desktop.services.context import DeskContext, Officer
from desktop.services.procedure_demo import _data

_A = Action
ACCEPTED = [(_A.ACCEPT, 0)]
FORWARDED = [(_A.ACCEPT, 0), (_A.RECORD_BURKIT, 1), (_A.FORWARD, 0)]
ISSUED = [*FORWARDED, (_A.RECORD_PERMISSION, 2), (_A.ISSUE_NOTIFICATION, 1)]
HANDED_OVER = [*ISSUED, (_A.HAND_OVER, 1)]


def _iin(rng: random.Random, birth: date, male: bool) -> str:
    while True:
        number = iin_rules.compose(birth, male, rng.randrange(10000))
        if number is not None:
            return number


def _years_ago(today: date, years: int, days: int = 40) -> date:
    return today.replace(year=today.year - years) - timedelta(days=days)


def _surname(q: Questionnaire, male: bool) -> str:
    base = q.surname
    if male and base.endswith(("ова", "ева", "ина")):
        return base[:-1]
    if not male and base.endswith(("ов", "ев", "ин")):
        return base + "а"
    return base


def _child(
    rng: random.Random, q: Questionnaire, today: date, name: str, age: int, male: bool
) -> Child:
    birth = _years_ago(today, age)
    return Child(
        full_name=f"{_surname(q, male)} {name}",
        iin=_iin(rng, birth, male),
        birth_date=birth,
        passport_number=f"N{rng.randrange(10**7, 10**8):08d}",
        sex=Sex.MALE if male else Sex.FEMALE,
    )


def _passport(rng: random.Random, expires_on: date) -> IdentityDocument:
    return IdentityDocument(
        IdentityKind.PASSPORT, number=f"N{rng.randrange(10**7, 10**8):08d}", expires_on=expires_on
    )


Route = tuple[
    str, Callable[[Questionnaire], None], CaseFacts, dict[str, str], list[tuple[Action, int]]
]


def add_route_cases(
    ctx: DeskContext, consul: Officer, rng: random.Random, make: Callable[[], Questionnaire]
) -> dict[str, str]:
    """One case per route; returns route → case number."""
    today = ctx.today()
    valid = today + timedelta(days=2000)

    def minor(q: Questionnaire) -> None:
        birth = _years_ago(today, 15)
        q.birth_date = birth
        q.iin = _iin(rng, birth, q.sex is Sex.MALE)
        q.social_category = q.education = q.speciality = q.marital_status = None
        q.employment = []
        q.children = []
        q.departure_date = today - timedelta(days=300)

    def one_child_abroad(q: Questionnaire) -> None:
        q.marital_status = 4
        child = _child(rng, q, today, "Айша", 8, False)
        child.with_one_representative = True
        child.other_representative_residence = "abroad"
        q.children = [child]

    def two_children(q: Questionnaire) -> None:
        q.marital_status = 2
        q.children = [
            _child(rng, q, today, "Дана", 5, False),
            _child(rng, q, today, "Нұрлан", 12, True),
        ]

    mother = Representative(
        full_name="",
        document=f"Паспорт N{rng.randrange(10**7, 10**8):08d}",
        authority=RepresentativeAuthority.PARENT,
        authority_document="Туу туралы куәлік",
        with_one_representative=True,
        other_residence="kz",
    )
    routes: list[Route] = [
        (
            "identity_explanation",
            lambda _q: None,
            CaseFacts(identity=(_passport(rng, today - timedelta(days=200)),)),
            {},
            ACCEPTED,
        ),
        (
            "fee_exemption",
            lambda _q: None,
            CaseFacts(
                identity=(_passport(rng, valid),),
                fee_exemption="Салық кодексі бойынша консулдық алымнан босатылған",
            ),
            {},
            HANDED_OVER,
        ),
        (
            "minor_applicant",
            minor,
            CaseFacts(identity=(_passport(rng, valid),), representative=mother),
            {"representative_consent:applicant": "court"},
            ACCEPTED,
        ),
        (
            "other_representative_abroad",
            one_child_abroad,
            CaseFacts(identity=(_passport(rng, valid),)),
            {},
            FORWARDED,
        ),
        (
            "birth_record",
            two_children,
            CaseFacts(identity=(_passport(rng, valid),)),
            {"birth_certificate:*": "record"},
            ISSUED,
        ),
    ]
    made: dict[str, str] = {}
    consul_ctx = replace(ctx, officer=consul)
    for name, adjust, facts, variants, path in routes:
        q = make()
        adjust(q)
        problems = errors(validate(q, today))
        assert not problems, (name, [p.key for p in problems])
        if facts.representative is not None:  # the mother, by the applicant's surname
            mother = replace(facts.representative, full_name=f"{_surname(q, False)} Гүлнұр")
            facts = replace(facts, representative=mother)
        case_id = case_service.create_draft(ctx, q).summary.id
        view = procedure.set_facts(ctx, case_id, facts)
        for entry in view.status.entries:
            variant = variants.get(entry.key) or variants.get(f"{entry.item.kind}:*")
            procedure.record_item(
                ctx,
                case_id,
                entry.key,
                received=True,
                expires_on=entry.state.expires_on,
                variant=variant,
            )
        for entry in procedure.get_checklist(ctx, case_id).status.entries:
            if entry.item.returned_original:
                # §3(2): handed back to whoever presented it (the representative, if any).
                to = facts.representative.full_name if facts.representative else q.full_name
                originals.return_original(ctx, case_id, entry.key, to)
        cal = procedure.working_calendar(ctx)
        total = sum(gap for _, gap in path)
        on = today - timedelta(days=total + 1)
        for action, gap in path:
            on += timedelta(days=gap)
            actor = consul_ctx if action is Action.ISSUE_NOTIFICATION else ctx
            procedure.perform(actor, case_id, action, _data(action, on, rng, cal))
        made[name] = view.case.number
    return made
