"""A complete demo mission with synthetic applicants (fictitious people, valid IINs).

Same seed and same reference day, same data: the generator draws everything from one
`random.Random(seed)`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from desktop.domain import iin as iin_rules
from desktop.domain.questionnaire import (
    Child,
    Contacts,
    Employment,
    Place,
    Questionnaire,
    Relative,
    Sex,
)
from desktop.domain.validation import errors, validate
from desktop.services import cases as case_service
from desktop.services import session
from desktop.services.context import Clock, DeskContext, Officer, Role, system_clock
from desktop.storage.models import CaseRow
from desktop.storage.vault import KdfParams

DEMO_PASSWORD = "qonys-demo-2026"  # noqa: S105 - documented demo password, demo stores only
DEMO_MISSION = ("KZ-BER", "Қазақстан Республикасының Германиядағы Елшілігі", "DE")
DEMO_OFFICERS = (
    ("admin", "Серікбаев Ерлан Қайратұлы", Role.ADMIN),
    ("officer", "Жұмабаева Әсел Нұрланқызы", Role.OFFICER),
    ("consul", "Оспанов Дәулет Бақытұлы", Role.CONSUL),
)

_MALE_SURNAMES = (
    "Әбдірахманов", "Жұмабаев", "Нұрпейісов", "Сейітқали", "Қасымов", "Омаров", "Байжанов",
    "Төлеуов", "Ермеков", "Құдайбергенов", "Иванов", "Петров", "Смирнов", "Ким", "Шевченко",
    "Ғабдуллин", "Ұзақбаев", "Өтегенов", "Іскаков", "Һашимов", "Мұхамеджанов", "Беков",
)  # fmt: skip
_MALE_NAMES = (
    "Ерлан", "Нұрлан", "Дәурен", "Асқар", "Бауыржан", "Ғалым", "Өмірзақ", "Қанат", "Серік",
    "Айдос", "Алексей", "Дмитрий", "Сергей", "Виктор", "Ұлан", "Ілияс", "Тимур",
)  # fmt: skip
_FEMALE_NAMES = (
    "Әсел", "Гүлнұр", "Айгерім", "Динара", "Жанар", "Сәуле", "Ғалия", "Меруерт", "Аружан",
    "Елена", "Ольга", "Наталья", "Татьяна", "Ұлжан", "Іңкәр", "Өркен",
)  # fmt: skip
_FATHER_NAMES = ("Қайрат", "Нұрлан", "Бақыт", "Серік", "Мұрат", "Ерлан", "Ғани", "Әлібек")
_RUSSIAN_FATHERS = ("Иван", "Петр", "Сергей", "Николай", "Виктор")
_REGIONS = (
    ("Алматы облысы", "Талғар ауданы", "Талғар"),
    ("Түркістан облысы", "Сайрам ауданы", "Ақсу"),
    ("Қарағанды облысы", "Абай ауданы", "Абай"),
    ("Шығыс Қазақстан облысы", "Глубокое ауданы", "Глубокое"),
    ("Маңғыстау облысы", "Қарақия ауданы", "Құрық"),
    ("Солтүстік Қазақстан облысы", "Қызылжар ауданы", "Бесқұдық"),
)
_CITIES = (("Алматы", "Медеу ауданы"), ("Астана", "Есіл ауданы"), ("Шымкент", "Әл-Фараби ауданы"))
_DESTINATIONS = (
    ("Германия", "Берлин"),
    ("Германия", "Мюнхен"),
    ("Германия", "Гамбург"),
    ("Германия", "Кёльн"),
)
_EMPLOYERS = (
    "Siemens AG",
    "Deutsche Bahn AG",
    "ТОО «Қазақ Инвест»",
    "Charité Berlin",
    "Bosch GmbH",
    "АҚ «Қазпошта»",
    "Lidl Dienstleistung GmbH",
)
_POSITIONS = ("инженер", "бухгалтер", "дәрігер", "жүргізуші", "мұғалім", "программист", "аспаз")
_NATIONALITY = {"kz": "қазақ", "ru": "орыс", "ko": "кәріс", "ua": "украин"}


@dataclass(frozen=True, slots=True)
class DemoResult:
    data_dir: Path
    password: str
    cases: int
    logins: tuple[str, ...]


def _female_surname(surname: str) -> str:
    for ending, female in (("ов", "ова"), ("ев", "ева"), ("ин", "ина")):
        if surname.endswith(ending):
            return surname[: -len(ending)] + female
    return surname


def _patronymic(father: str, male: bool, russian: bool) -> str:
    if russian:
        if father.endswith("й"):  # Сергей → Сергеевич, Николай → Николаевич
            return father[:-1] + ("евич" if male else "евна")
        return father + ("ович" if male else "овна")
    return father + ("ұлы" if male else "қызы")


def _person(rng: random.Random, male: bool) -> tuple[str, str, str, str]:
    surname = rng.choice(_MALE_SURNAMES)
    russian = surname in ("Иванов", "Петров", "Смирнов", "Шевченко")
    korean = surname == "Ким"
    name = rng.choice(_MALE_NAMES if male else _FEMALE_NAMES)
    father = rng.choice(_RUSSIAN_FATHERS if russian else _FATHER_NAMES)
    patronymic = "" if korean and rng.random() < 0.5 else _patronymic(father, male, russian)
    nationality = "ru" if russian else ("ko" if korean else "kz")
    return (surname if male else _female_surname(surname)), name, patronymic, nationality


def _iin(rng: random.Random, birth: date, male: bool) -> str:
    while True:
        number = iin_rules.compose(birth, male, rng.randrange(10000))
        if number is not None:
            return number


def _birth(rng: random.Random, today: date, min_age: int, max_age: int) -> date:
    start = today.replace(year=today.year - max_age)
    end = today.replace(year=today.year - min_age) - timedelta(days=1)
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def synthetic_questionnaire(rng: random.Random, today: date) -> Questionnaire:
    """One fictitious applicant with a complete, valid Annex 1 questionnaire."""
    male = rng.random() < 0.5
    surname, name, patronymic, nationality = _person(rng, male)
    birth = _birth(rng, today, 19, 62)
    region, district, settlement = rng.choice(_REGIONS)
    city, city_district = rng.choice(_CITIES)
    country, dest_city = rng.choice(_DESTINATIONS)
    departure = today - timedelta(days=rng.randrange(200, 2500))
    q = Questionnaire(
        iin=_iin(rng, birth, male),
        surname=surname,
        name=name,
        patronymic=patronymic,
        birth_date=birth,
        sex=Sex.MALE if male else Sex.FEMALE,
        citizenship="Қазақстан Республикасы",
        nationality=_NATIONALITY[nationality],
        contacts=Contacts(
            address=f"{dest_city}, Straße {rng.randrange(1, 200)}",
            phone=f"+49 {rng.randrange(150, 180)} {rng.randrange(1000000, 9999999)}",
            email=f"applicant{rng.randrange(10000)}@example.org" if rng.random() < 0.7 else "",
        ),
        departure_date=departure,
        birth_place=Place("Қазақстан", region, district, "", settlement),
        leaving_place=Place("Қазақстан", city, city_district, "", city),
        destination_country=country,
        destination_settlement=dest_city,
        purpose=rng.choice((2, 2, 2, 4, 3, 9)),
        social_category=rng.choice((1, 1, 2, 3, 4, 5, 9)),
        education=rng.choice((1, 2, 3, 4)),
        speciality=rng.choice((1, 2, 3, 4, 5, 6, 7, 8)),
        marital_status=rng.choice((1, 2, 2, 3, 4)),
        declaration_acknowledged=True,
        consent_given=True,
        application_date=today - timedelta(days=rng.randrange(0, 3)),
    )
    on = q.application_date or today
    if q.marital_status == 2 and rng.random() < 0.6:
        for _ in range(rng.choice((1, 1, 2, 3))):
            child_male = rng.random() < 0.5
            child_birth = _birth(rng, on, 1, 17)
            child_name = rng.choice(_MALE_NAMES if child_male else _FEMALE_NAMES)
            child_surname = (
                surname
                if child_male == male
                else (_female_surname(surname) if not child_male else surname.removesuffix("а"))
            )
            q.children.append(
                Child(
                    full_name=f"{child_surname} {child_name}",
                    iin=_iin(rng, child_birth, child_male),
                    birth_date=child_birth,
                    passport_number=f"N{rng.randrange(10**7, 10**8):08d}"
                    if rng.random() < 0.5
                    else "",
                    sex=Sex.MALE if child_male else Sex.FEMALE,
                    with_one_representative=rng.random() < 0.3,
                )
            )
            # §3(6): the other parent lives in Kazakhstan (their consent is asked for).
            last = q.children[-1]
            if last.with_one_representative:
                last.other_representative_residence = "kz"
    father = _person(rng, True)
    q.relatives.append(
        Relative(
            full_name=f"{father[0]} {father[1]} {father[2]}".strip(),
            kinship="father",
            deceased=rng.random() < 0.2,
            birth_year=birth.year - rng.randrange(20, 40),
            birth_place=settlement,
            country_and_address=f"Қазақстан, {city}",
        )
    )
    mother = _person(rng, False)
    q.relatives.append(
        Relative(
            full_name=f"{mother[0]} {mother[1]} {mother[2]}".strip(),
            kinship="mother",
            birth_year=birth.year - rng.randrange(18, 38),
            birth_place=settlement,
            country_and_address=f"Қазақстан, {city}",
        )
    )
    year = on.year - rng.randrange(0, 5)
    q.employment.append(
        Employment(
            year,
            None,
            rng.choice(_EMPLOYERS),
            dest_city,
            dest_city,
            rng.choice(_POSITIONS),
            rng.random() < 0.05,
        )
    )
    return q


def populate(ctx: DeskContext, count: int, rng: random.Random, *, batch: int = 500) -> int:
    """Insert `count` synthetic draft cases in batches (one transaction per batch)."""
    today = ctx.today()
    made = 0
    while made < count:
        with ctx.uow() as uow:
            now = ctx.now()
            number_prefix = f"{ctx.mission.code}-{now.year}-"
            last = uow.cases.last_number_with_prefix(number_prefix)
            serial = int(last.rsplit("-", 1)[1]) if last else 0
            for _ in range(min(batch, count - made)):
                q = synthetic_questionnaire(rng, today)
                serial += 1
                created = datetime.combine(
                    q.application_date or today, time(9, 30), tzinfo=UTC
                ) + timedelta(minutes=rng.randrange(180))
                row = CaseRow(
                    number=f"{number_prefix}{serial:05d}",
                    created_at=min(created, now),
                    updated_at=min(created, now),
                    created_by=ctx.officer.id,
                    stage=case_service.DRAFT,
                )
                case_service.apply_questionnaire(row, q, complete=not errors(validate(q, today)))
                uow.cases.add(row)
                uow.events.add(
                    row.id,
                    case_service.EVENT_OPENED,
                    row.created_at,
                    ctx.officer.id,
                    {"number": row.number},
                )
                made += 1
            ctx.audit(uow, "demo.populate", "mission", ctx.mission.code, {"cases": made})
            uow.commit()
    return made


def create_demo(
    data_dir: Path,
    *,
    cases: int = 40,
    seed: int = 1,
    password: str = DEMO_PASSWORD,
    kdf: KdfParams | None = None,
    clock: Clock = system_clock,
    spread: int | None = None,
    department: bool = False,
    route_cases: bool = False,
    database: str | None = None,
) -> DemoResult:
    """The demo mission; with `department`, also a Department store in DIR/department that
    has enrolled it (issue 6), so packages can travel both ways at once; with `route_cases`
    (as `qonys demo` makes it), one more case on each §3 route of issue 12."""
    code, name, country = DEMO_MISSION
    admin_login, admin_name, _ = DEMO_OFFICERS[0]
    session.create_store(
        data_dir,
        mission_code=code,
        mission_name=name,
        country=country,
        admin_login=admin_login,
        admin_full_name=admin_name,
        admin_password=password,
        kdf=kdf,
        clock=clock,
        database=database,
    )
    ctx = session.login(data_dir, admin_login, password, clock=clock)
    try:
        officers = [
            session.add_officer(ctx, login_name, full_name, role, password, kdf)
            for login_name, full_name, role in DEMO_OFFICERS[1:]
        ]
        populate(ctx, cases, random.Random(seed))
        _spread_over_stages(ctx, officers, seed, MAX_SPREAD if spread is None else spread)
        if route_cases:
            _route_cases(ctx, officers, seed)
        if department:
            from desktop.department.demo import create_demo_department

            create_demo_department(
                ctx,
                data_dir / "department",
                [o[0] for o in DEMO_OFFICERS],
                password,
                officials=[(o[0], o[1]) for o in DEMO_OFFICERS if o[2] is Role.CONSUL],
                open_as=lambda who: session.login(data_dir, who, password, clock=clock),
                console_roles=DEMO_CONSOLE_ROLES,
            )
    finally:
        ctx.close()
    made = cases + (ROUTE_CASES if route_cases else 0)
    return DemoResult(data_dir, password, made, tuple(o[0] for o in DEMO_OFFICERS))


# The demo Department's web console (issue 17): the same logins, each with a staff role.
DEMO_CONSOLE_ROLES = {"admin": "admin", "officer": "clerk", "consul": "head"}


def hand_to_demo_department(
    ctx: DeskContext, data_dir: Path, sequences: list[int], password: str
) -> list[int]:
    """`qonys demo` (issue 17): the packages just built travel to the demo Department in
    DIR/department offline, as a courier would carry them: the Department receives each with
    `qonys-department receive`'s service, and the mission's outbox records it carried. Its
    console then shows the mission's cases at once; `qonys sync --once` later sends the same
    package, which the server answers as a duplicate (already received). Returns the
    packages received."""
    from desktop.department.demo import receive_demo_packages
    from desktop.services import exchange

    entries = {e.sequence: e for e in exchange.outbox(ctx)}
    paths = [Path(entries[s].folder) / entries[s].file_name for s in sequences]
    received = receive_demo_packages(data_dir / "department", paths, ctx.officer.login, password)
    for sequence in sequences:
        exchange.mark_carried(ctx, sequence)
    return [r.sequence for r in received]


MAX_SPREAD = 400
ROUTE_CASES = 5  # route_demo.add_route_cases: one case on each §3 route of issue 12


def _spread_over_stages(ctx: DeskContext, officers: list[Officer], seed: int, limit: int) -> None:
    """Issue 4: demo cases over every stage of the procedure (procedure_demo.py)."""
    from sqlalchemy import select

    from desktop.domain.calendar import CalendarSpec
    from desktop.services import procedure, procedure_demo

    procedure.set_calendar(
        ctx,
        CalendarSpec(host_country=DEMO_MISSION[2], host_subdivision="BE", timezone="Europe/Berlin"),
    )
    consul = next(o for o in officers if o.role is Role.CONSUL)
    officer = next(o for o in officers if o.role is Role.OFFICER)
    with ctx.uow() as uow:
        # Every stage is covered by the first 17; a huge demo keeps the rest as drafts so that
        # building it stays fast (the spread costs ~20 ms a case).
        ids = list(uow.session.scalars(select(CaseRow.id).order_by(CaseRow.id).limit(limit)))
    procedure_demo.spread_over_stages(
        replace(ctx, officer=officer), consul, ids, random.Random(seed + 1)
    )


def _route_cases(ctx: DeskContext, officers: list[Officer], seed: int) -> None:
    """Issue 12: one case on each §3 route (expired passport, fee exemption, minor applicant,
    other parent abroad, certificate of birth), made through the officer's own services."""
    from desktop.services import route_demo

    consul = next(o for o in officers if o.role is Role.CONSUL)
    officer = next(o for o in officers if o.role is Role.OFFICER)
    rng = random.Random(seed + 2)
    route_demo.add_route_cases(
        replace(ctx, officer=officer),
        consul,
        rng,
        lambda: synthetic_questionnaire(rng, ctx.today()),
    )
