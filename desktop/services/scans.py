"""Use cases of the scanning room: attach a document's pages to a case's checklist item,
list, reorder, replace and delete them, export a document as one PDF, and turn a passport's
MRZ into proposed identity values with the mismatches against the questionnaire.

Pages are stored as compressed JPEG bytes in the `attachments` table, i.e. inside the
SQLCipher database: no image is ever written in clear under the data directory (§3: the
copies are part of the case file). Compression happens before a service is called
(``desktop.scanning.pages.compress``, on a worker thread); a service is one short
transaction.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from PIL import Image

from desktop.domain.checklist import DocumentStatus, IdentityDocument, IdentityKind
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError, Sex
from desktop.scanning.messages import mrz_field_name as mrz_field_name  # for the desk
from desktop.scanning.mrz import (
    Mismatch,
    MrzError,
    MrzProblem,
    MrzResult,
    compare_with_questionnaire,
)
from desktop.scanning.mrz import parse_mrz as _parse_mrz
from desktop.scanning.ocr import OcrResult, read_mrz_image
from desktop.scanning.pages import PageSettings, StoredPage, compress, decode, export_pdf
from desktop.scanning.sources import ScanError, ScannedPage
from desktop.services import cases as case_service
from desktop.services import procedure
from desktop.services.context import DeskContext
from desktop.services.errors import (
    InvalidInput,
    NotFound,
    StoreDamaged,
    case_ref,
    document_ref,
    page_ref,
)
from desktop.services.procedure.loading import recorded_facts
from desktop.storage.models import AttachmentRow
from desktop.storage.scanfiles import ScanFileError
from desktop.storage.uow import UnitOfWork

EVENT_ATTACHED = "document_attached"
EVENT_REMOVED = "document_removed"
EVENT_PAGES_CHANGED = "document_pages_changed"
EVENT_CHECKED = "identity_document_checked"

_ITEM_KEY = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,63}$")
MAX_PAGES_PER_DOCUMENT = 100  # = scanning.sources.MAX_PAGES: a file is refused before rendering


@dataclass(frozen=True, slots=True)
class PageInfo:
    id: int
    page_no: int
    mime: str
    width: int
    height: int
    size_bytes: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The pages of one document attached to one checklist item, in order."""

    case_id: int
    item_key: str
    document_id: str
    note: str
    pages: list[PageInfo] = field(default_factory=list)

    @property
    def size_bytes(self) -> int:
        return sum(p.size_bytes for p in self.pages)


def _invalid(en: str, ru: str, kk: str) -> InvalidInput:
    return InvalidInput(Text(kk, ru, en))


class ScanFailed(InvalidInput):
    """A scanning failure as a known error the desk and the CLI show like any other; `code` is
    the failure's stable code (`desktop.scanning.messages`)."""

    def __init__(self, exc: ScanError) -> None:
        text = exc.text
        super().__init__(
            Text(f"Сканерлеу қатесі: {text.kk}", f"Ошибка сканирования: {text.ru}", text.en)
        )
        self.code = exc.code


def scan_error(exc: ScanError) -> ScanFailed:
    """A scanning failure as a known error the desk and the CLI show like any other."""
    return ScanFailed(exc)


def _check_item(item_key: str) -> None:
    if not _ITEM_KEY.match(item_key):
        raise _invalid(
            f"not a checklist item key: {item_key!r}",
            f"неверный ключ пункта перечня: {item_key!r}",
            f"тізбе тармағының кілті қате: {item_key!r}",
        )


def _case_exists(uow: UnitOfWork, case_id: int) -> None:
    if uow.cases.get(case_id) is None:
        raise NotFound(case_ref(case_id))


def compress_pages(
    pages: Sequence[ScannedPage], settings: PageSettings | None = None
) -> list[StoredPage]:
    """Normalise and compress scanned pages (CPU work: run it off the GUI thread)."""
    return [compress(p, settings) for p in pages]


def attach_document(
    ctx: DeskContext,
    case_id: int,
    item_key: str,
    pages: Sequence[StoredPage],
    note: str = "",
) -> DocumentInfo:
    """Attach a new document (its pages in order) to a checklist item of a case."""
    _check_item(item_key)
    if not pages:
        raise _invalid("the document has no pages", "в документе нет страниц", "құжатта бет жоқ")
    if len(pages) > MAX_PAGES_PER_DOCUMENT:
        raise _invalid(
            f"at most {MAX_PAGES_PER_DOCUMENT} pages per document",
            f"не более {MAX_PAGES_PER_DOCUMENT} страниц в документе",
            f"бір құжатта ең көбі {MAX_PAGES_PER_DOCUMENT} бет",
        )
    for page in pages:
        if page.mime not in ("image/jpeg", "image/png"):
            raise _invalid(
                f"unsupported page type {page.mime}",
                f"неподдерживаемый тип страницы {page.mime}",
                f"бет түріне қолдау жоқ: {page.mime}",
            )
    # §3: only the documents the Rules require — the key must be an item of this case's list.
    on_list = {e.key for e in procedure.get_checklist(ctx, case_id).status.entries}
    if item_key not in on_list:
        raise _invalid(
            f"{item_key} is not on the checklist of this case (§3)",
            f"«{item_key}» нет в перечне документов этого дела (п. 3)",
            f"«{item_key}» осы істің құжаттар тізбесінде жоқ (3-тармақ)",
        )
    now = ctx.now()
    document_id = str(uuid.uuid4())
    with ctx.uow() as uow:
        _case_exists(uow, case_id)
        for number, page in enumerate(pages, start=1):
            uow.attachments.add(
                AttachmentRow(
                    case_id=case_id,
                    item_key=item_key,
                    document_id=document_id,
                    page_no=number,
                    mime=page.mime,
                    width=page.width,
                    height=page.height,
                    data=page.data,
                    created_at=now,
                    created_by=ctx.officer.id,
                    note=note,
                )
            )
        detail = {"item": item_key, "document": document_id, "pages": len(pages)}
        uow.events.add(case_id, EVENT_ATTACHED, now, ctx.officer.id, detail)
        ctx.audit(uow, "attachment.add", "case", case_id, detail)
        uow.commit()
    try:
        # The checklist owns its items: it records which documents hold each item's copies.
        procedure.attach_scans(ctx, case_id, item_key, [document_id])
    except BaseException:
        # Two transactions: undo the first so no page is stored without its checklist link.
        delete_document(ctx, case_id, document_id, unlink=False)
        raise
    return _documents(ctx, case_id, document_id=document_id)[0]


def attach_scanned(
    ctx: DeskContext,
    case_id: int,
    item_key: str,
    pages: Sequence[ScannedPage],
    settings: PageSettings | None = None,
    note: str = "",
) -> DocumentInfo:
    """Compress freshly scanned pages and attach them as one document."""
    return attach_document(ctx, case_id, item_key, compress_pages(pages, settings), note)


def list_documents(
    ctx: DeskContext, case_id: int, item_key: str | None = None
) -> list[DocumentInfo]:
    """The documents of a case (optionally of one checklist item), pages in order; the image
    bytes are not loaded."""
    return _documents(ctx, case_id, item_key=item_key)


def _documents(
    ctx: DeskContext, case_id: int, *, item_key: str | None = None, document_id: str | None = None
) -> list[DocumentInfo]:
    with ctx.uow() as uow:
        _case_exists(uow, case_id)
        found: dict[str, DocumentInfo] = {}
        for row, size in uow.attachments.pages_without_data(case_id):
            if item_key is not None and row.item_key != item_key:
                continue
            if document_id is not None and row.document_id != document_id:
                continue
            doc = found.setdefault(
                row.document_id, DocumentInfo(case_id, row.item_key, row.document_id, row.note)
            )
            doc.pages.append(
                PageInfo(row.id, row.page_no, row.mime, row.width, row.height, size,
                         row.created_at)
            )  # fmt: skip
        return list(found.values())


def page_data(ctx: DeskContext, case_id: int, attachment_id: int) -> StoredPage:
    """One stored page's bytes (for a preview or a thumbnail, kept in memory)."""
    with ctx.uow() as uow:
        row = uow.attachments.get(attachment_id)
        if row is None or row.case_id != case_id:
            raise NotFound(page_ref(attachment_id))
        return _stored(row)


def _stored(row: AttachmentRow) -> StoredPage:
    try:
        # The header is enough for the resolution: no need to decode the picture.
        with Image.open(io.BytesIO(row.data)) as header:
            dpi_info = header.info.get("dpi")
        dpi = round(float(dpi_info[0])) if dpi_info else 300
    except ScanFileError as exc:
        raise StoreDamaged(f"page {row.id}: {exc}") from exc
    except (OSError, ValueError, TypeError, IndexError) as exc:
        raise StoreDamaged(f"page {row.id} cannot be decoded") from exc
    return StoredPage(row.data, row.mime, row.width, row.height, dpi)


def document_pages(ctx: DeskContext, case_id: int, document_id: str) -> list[StoredPage]:
    with ctx.uow() as uow:
        rows = uow.attachments.for_document(case_id, document_id)
        if not rows:
            raise NotFound(document_ref(document_id))
        return [_stored(r) for r in rows]


def export_document_pdf(ctx: DeskContext, case_id: int, document_id: str) -> bytes:
    """The document's pages as one PDF, in memory (the caller decides where it goes)."""
    pages = document_pages(ctx, case_id, document_id)
    try:
        return export_pdf(pages)
    except ScanError as exc:
        raise scan_error(exc) from exc


def _changed(
    uow: UnitOfWork, ctx: DeskContext, case_id: int, action: str, detail: dict[str, object]
) -> None:
    now = ctx.now()
    kind = EVENT_REMOVED if action == "attachment.delete" else EVENT_PAGES_CHANGED
    uow.events.add(case_id, kind, now, ctx.officer.id, dict(detail))
    ctx.audit(uow, action, "case", case_id, dict(detail))


def delete_document(
    ctx: DeskContext, case_id: int, document_id: str, *, unlink: bool = True
) -> None:
    """Remove a document's pages and its link from the checklist item."""
    with ctx.uow() as uow:
        rows = uow.attachments.for_document(case_id, document_id)
        if not rows:
            raise NotFound(document_ref(document_id))
        item = rows[0].item_key
        for row in rows:
            uow.attachments.delete(row)
        _changed(uow, ctx, case_id, "attachment.delete",
                 {"item": item, "document": document_id, "pages": len(rows)})  # fmt: skip
        uow.commit()
    if unlink:
        procedure.detach_scans(ctx, case_id, [document_id])


def delete_page(ctx: DeskContext, case_id: int, attachment_id: int) -> None:
    """Remove one page; the pages after it move up. Removing the last page removes the
    document."""
    with ctx.uow() as uow:
        row = uow.attachments.get(attachment_id)
        if row is None or row.case_id != case_id:
            raise NotFound(page_ref(attachment_id))
        document_id, item = row.document_id, row.item_key
        uow.attachments.delete(row)
        rest = uow.attachments.for_document(case_id, document_id)
        for number, other in enumerate(rest, start=1):
            other.page_no = number
        action = "attachment.page_delete" if rest else "attachment.delete"
        _changed(uow, ctx, case_id, action,
                 {"item": item, "document": document_id, "pages": len(rest)})  # fmt: skip
        uow.commit()
    if not rest:
        procedure.detach_scans(ctx, case_id, [document_id])


def reorder_pages(ctx: DeskContext, case_id: int, document_id: str, order: Sequence[int]) -> None:
    """Put the pages (attachment ids) of a document in the given order."""
    with ctx.uow() as uow:
        rows = uow.attachments.for_document(case_id, document_id)
        if not rows:
            raise NotFound(document_ref(document_id))
        by_id = {r.id: r for r in rows}
        if sorted(order) != sorted(by_id) or len(set(order)) != len(order):
            raise _invalid(
                "the new order must list every page of the document once",
                "новый порядок должен содержать каждую страницу документа один раз",
                "жаңа ретте құжаттың әр беті бір рет болуы керек",
            )
        # Two steps so that the (document, page_no) pairs never collide mid-update.
        for number, attachment_id in enumerate(order, start=1):
            by_id[attachment_id].page_no = -number
        uow.session.flush()
        for row in rows:
            row.page_no = -row.page_no
        _changed(uow, ctx, case_id, "attachment.reorder",
                 {"item": rows[0].item_key, "document": document_id, "pages": len(rows)})  # fmt: skip
        uow.commit()


def replace_page(ctx: DeskContext, case_id: int, attachment_id: int, page: StoredPage) -> None:
    """Put a rescanned page in place of a stored one (same position in its document)."""
    with ctx.uow() as uow:
        row = uow.attachments.get(attachment_id)
        if row is None or row.case_id != case_id:
            raise NotFound(page_ref(attachment_id))
        row.data = page.data
        row.mime = page.mime
        row.width = page.width
        row.height = page.height
        row.created_at = ctx.now()
        row.created_by = ctx.officer.id
        _changed(uow, ctx, case_id, "attachment.replace",
                 {"item": row.item_key, "document": row.document_id, "page": row.page_no})  # fmt: skip
        uow.commit()


# --- MRZ pre-fill -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IdentityProposal:
    """What the MRZ proposes for the case's identity fields, and how it compares.

    Names are Latin as printed (FIELD-NOTES: store them as printed). The name line has no
    check digit: ``names_need_confirmation`` is always True and the desk asks the officer.
    ``expired`` is what the checklist uses to mark the passport item expired (§5).
    """

    document_kind: str  # "passport", "id_card" or "visa"
    surname_latin: str
    given_names_latin: str
    birth_date: date | None
    sex: Sex | None
    document_number: str
    expiry_date: date | None
    issuing_state: str
    nationality: str
    iin: str | None
    expired: bool
    checks_passed: bool
    failed_checks: list[str]
    problems: list[MrzProblem]  # format findings: shown, the officer decides
    mismatches: list[Mismatch]
    names_need_confirmation: bool = True
    document_format: str = ""  # ICAO 9303: "TD1", "TD2", "TD3", "MRV-A" or "MRV-B"

    def to_json(self) -> dict[str, object]:
        return {
            "document_kind": self.document_kind,
            "document_format": self.document_format,
            "surname_latin": self.surname_latin,
            "given_names_latin": self.given_names_latin,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex.value if self.sex else None,
            "document_number": self.document_number,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "issuing_state": self.issuing_state,
            "nationality": self.nationality,
            "iin": self.iin,
            "expired": self.expired,
            "checks_passed": self.checks_passed,
            "failed_checks": self.failed_checks,
            "problems": [str(p) for p in self.problems],
            "mismatches": [
                {
                    "field": m.field,
                    "mrz": m.mrz_value,
                    "questionnaire": m.questionnaire_value,
                    "note": m.note,
                }
                for m in self.mismatches
            ],
        }


def propose_identity(
    mrz: MrzResult,
    questionnaire: Questionnaire | None,
    today: date,
    recorded: Sequence[IdentityDocument] = (),
) -> IdentityProposal:
    """Pure: the proposal for one MRZ against one questionnaire (None: nothing to compare)
    and the identity documents the checklist recorded (a number there that differs from the
    zone's is a mismatch too)."""
    sex = {"M": Sex.MALE, "F": Sex.FEMALE}.get(mrz.sex)
    mismatches: list[Mismatch] = []
    if questionnaire is not None:
        given = " ".join(p for p in (questionnaire.name, questionnaire.patronymic) if p)
        q_sex = (
            {Sex.MALE: "M", Sex.FEMALE: "F"}.get(questionnaire.sex) if questionnaire.sex else None
        )
        mismatches = compare_with_questionnaire(
            mrz,
            surname=questionnaire.surname or None,
            given_names=given or None,
            birth_date=questionnaire.birth_date,
            sex=q_sex,
        )
        if mrz.iin and questionnaire.iin and mrz.iin != questionnaire.iin:
            mismatches.append(Mismatch("iin", mrz.iin, questionnaire.iin))
    kind = IdentityKind.PASSPORT if mrz.is_passport else IdentityKind.ID_CARD
    for doc in recorded:
        number = doc.number.replace(" ", "").upper()
        if not mrz.format.is_visa and doc.kind is kind and number and number != mrz.document_number:
            mismatches.append(Mismatch("document_number", mrz.document_number, doc.number))
    return IdentityProposal(
        document_kind=(
            "visa" if mrz.format.is_visa else "passport" if mrz.is_passport else "id_card"
        ),
        document_format=mrz.format.value,
        surname_latin=mrz.surname,
        given_names_latin=mrz.given_names,
        birth_date=mrz.birth_date,
        sex=sex,
        document_number=mrz.document_number,
        expiry_date=mrz.expiry_date,
        issuing_state=mrz.issuing_state,
        nationality=mrz.nationality,
        iin=mrz.iin,
        expired=mrz.is_expired(today),
        checks_passed=not mrz.failed_checks,
        failed_checks=[c.name for c in mrz.failed_checks],
        problems=list(mrz.problems),
        mismatches=mismatches,
    )


def _questionnaire(uow: UnitOfWork, case_id: int) -> Questionnaire:
    row = uow.cases.get(case_id)
    if row is None:
        raise NotFound(case_ref(case_id))
    try:
        return Questionnaire.from_dict(row.questionnaire)
    except QuestionnaireFormatError as exc:
        raise StoreDamaged(f"case {row.number}: {exc}") from None


def parse_mrz_text(text: str, today: date) -> MrzResult:
    """Parse what a passport reader typed; a known error if it is not an MRZ at all."""
    try:
        return _parse_mrz(text, today=today)
    except MrzError as exc:
        t = exc.text
        raise _invalid(
            f"not a machine-readable zone: {t.en}",
            f"это не машиночитаемая зона: {t.ru}",
            f"бұл машинамен оқылатын аймақ емес: {t.kk}",
        ) from exc


def propose_from_mrz(ctx: DeskContext, case_id: int, mrz: MrzResult) -> IdentityProposal:
    with ctx.uow() as uow:
        q = _questionnaire(uow, case_id)
        recorded = recorded_facts(uow, case_id).identity
    return propose_identity(mrz, q, ctx.today(), recorded)


def propose_from_text(ctx: DeskContext, case_id: int, text: str) -> IdentityProposal:
    """Keyboard-wedge or serial input → proposal."""
    return propose_from_mrz(ctx, case_id, parse_mrz_text(text, ctx.today()))


@dataclass(frozen=True, slots=True)
class LiveReading:
    """What one camera frame showed: the zone's lines (none if no zone was found), whether
    every check digit is right, and in how many frames in a row that same reading came."""

    lines: tuple[str, ...]
    mrz: MrzResult | None
    checks_passed: bool
    agreeing_frames: int
    stable: bool


class LiveMrzReader:
    """Reads the MRZ from a camera's live picture, frame after frame, and says when a reading
    whose check digits are all right came out the same from ``required`` frames in a row:
    a reading that a frame's glare or blur got wrong does not come back identical.

    CPU-bound (0.1–0.5 s a frame): the panel offers a frame from a worker thread, one at a
    time. Frames are read at most ``max_side`` pixels wide (a 13 MP frame is brought down:
    the zone stays legible and the reading fast).
    """

    def __init__(self, today: Callable[[], date], required: int = 2, max_side: int = 1600) -> None:
        self._today = today  # the desk's day: the century of the zone's dates
        self.required = max(1, required)
        self.max_side = max_side
        self._last: tuple[str, ...] = ()
        self._count = 0

    def reset(self) -> None:
        self._last, self._count = (), 0

    def offer(self, image: Image.Image) -> LiveReading:
        if max(image.size) > self.max_side:
            f = self.max_side / max(image.size)
            image = image.resize(
                (max(1, round(image.width * f)), max(1, round(image.height * f))),
                Image.Resampling.BOX,
            )
        result = read_mrz_image(image, today=self._today(), thorough=False)
        if result.ok:
            self._count = self._count + 1 if result.lines == self._last else 1
            self._last = result.lines
        else:
            self._last, self._count = (), 0
        return LiveReading(
            lines=result.lines,
            mrz=result.mrz,
            checks_passed=result.ok,
            agreeing_frames=self._count,
            stable=result.ok and self._count >= self.required,
        )


@dataclass(frozen=True, slots=True)
class DocumentReading:
    """The OCR of a stored document's pages: the first page with an MRZ, and the proposal."""

    page_id: int | None
    ocr: OcrResult | None
    proposal: IdentityProposal | None


def read_document_mrz(ctx: DeskContext, case_id: int, document_id: str) -> DocumentReading:
    """OCR the stored pages of a document (passport or ID card copy) for an MRZ.

    CPU-bound (about 0.1–0.5 s a page): the desk runs it off the GUI thread.
    """
    with ctx.uow() as uow:
        q = _questionnaire(uow, case_id)
        recorded = recorded_facts(uow, case_id).identity
        rows = uow.attachments.for_document(case_id, document_id)
        if not rows:
            raise NotFound(document_ref(document_id))
        pages = [(r.id, r.data) for r in rows]
    best: tuple[int, OcrResult] | None = None
    for page_id, data in pages:
        image: Image.Image = decode(StoredPage(data, "image/jpeg", 0, 0, 0))
        result = read_mrz_image(image, today=ctx.today())
        if result.ok:
            best = (page_id, result)
            break
        if result.mrz is not None and best is None:
            best = (page_id, result)
    if best is None:
        return DocumentReading(None, None, None)
    page_id, result = best
    assert result.mrz is not None
    return DocumentReading(page_id, result, propose_identity(result.mrz, q, ctx.today(), recorded))


def record_document_check(
    ctx: DeskContext, case_id: int, item_key: str, proposal: IdentityProposal
) -> bool:
    """Record that an identity document was checked from its MRZ, and put its expiry date on
    the checklist item, which then shows it expired (§5: an expired document is a ground to
    refuse acceptance). Returns whether the checklist was updated (not once the case is
    accepted: the accepted set is frozen; the event is recorded either way)."""
    _check_item(item_key)
    updated = False
    if proposal.checks_passed and proposal.expiry_date is not None:
        view = procedure.get_checklist(ctx, case_id)
        entry = next((e for e in view.status.entries if e.key == item_key), None)
        if entry is not None and entry.item.has_expiry and not view.frozen:
            procedure.record_item(
                ctx, case_id, item_key, received=True, expires_on=proposal.expiry_date,
                note=entry.state.note,
            )  # fmt: skip
            updated = True
    now = ctx.now()
    detail: dict[str, object] = {
        "item": item_key,
        "kind": proposal.document_kind,
        "expiry_date": proposal.expiry_date.isoformat() if proposal.expiry_date else None,
        "expired": proposal.expired,
        "checks_passed": proposal.checks_passed,
        "mismatches": [m.field for m in proposal.mismatches],
    }
    with ctx.uow() as uow:
        _case_exists(uow, case_id)
        uow.events.add(case_id, EVENT_CHECKED, now, ctx.officer.id, dict(detail))
        ctx.audit(uow, "document.check", "case", case_id,
                  {"item": item_key, "expired": proposal.expired})  # fmt: skip
        uow.commit()
    return updated


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """The latest check of an identity document on a checklist item (for the checklist)."""

    item_key: str
    kind: str
    expiry_date: date | None
    expired_on_check: bool
    checks_passed: bool
    checked_at: datetime

    def expired(self, today: date) -> bool:
        """§5: expired today (a passport valid when checked may have expired since)."""
        return self.expiry_date is not None and self.expiry_date < today


def document_checks(ctx: DeskContext, case_id: int) -> dict[str, DocumentCheck]:
    """The latest ``identity_document_checked`` event per checklist item of a case."""
    found: dict[str, DocumentCheck] = {}
    with ctx.uow() as uow:
        _case_exists(uow, case_id)
        for event in uow.events.for_case(case_id):
            if event.kind != EVENT_CHECKED:
                continue
            data = dict(event.data)
            expiry = data.get("expiry_date")
            item = str(data.get("item", ""))
            found[item] = DocumentCheck(
                item_key=item,
                kind=str(data.get("kind", "")),
                expiry_date=date.fromisoformat(expiry) if isinstance(expiry, str) else None,
                expired_on_check=bool(data.get("expired")),
                checks_passed=bool(data.get("checks_passed")),
                checked_at=event.at,
            )
    return found


def attached_items(ctx: DeskContext, case_id: int) -> dict[str, int]:
    """Checklist item → number of pages attached (the checklist shows which items have copies)."""
    counts: dict[str, int] = {}
    for doc in list_documents(ctx, case_id):
        counts[doc.item_key] = counts.get(doc.item_key, 0) + len(doc.pages)
    return counts


@dataclass(frozen=True, slots=True)
class Prefill:
    """What :func:`prefill_case` wrote: questionnaire fields that were empty, and whether the
    identity document's number and expiry went into the checklist facts."""

    filled: list[str]
    facts_updated: bool
    mismatches: list[Mismatch]


def prefill_case(ctx: DeskContext, case_id: int, proposal: IdentityProposal) -> Prefill:
    """Pre-fill a draft case from an MRZ whose check digits are all right.

    Empty questionnaire fields (date of birth, sex, IIN) are filled; a value already there is
    never overwritten — a disagreement stays a mismatch for the officer. The identity
    document's number and expiry go into the checklist facts (§3(2)), so an expired passport
    shows as expired (§5). Names are not written: the questionnaire holds them in Cyrillic and
    the MRZ has no check digit on them.
    """
    if not proposal.checks_passed:
        raise _invalid(
            "the MRZ check digits are wrong: read the passport again before pre-filling",
            "контрольные цифры MRZ неверны: считайте паспорт ещё раз",
            "MRZ бақылау цифрлары қате: паспортты қайта оқыңыз",
        )
    if proposal.document_kind == "visa":
        raise _invalid(
            "a visa is not an identity document: read the passport or the ID card instead",
            "виза не является документом, удостоверяющим личность: считайте паспорт или "
            "удостоверение личности",
            "виза жеке басты куәландыратын құжат емес: паспортты немесе жеке куәлікті оқыңыз",
        )
    kind = IdentityKind.PASSPORT if proposal.document_kind == "passport" else IdentityKind.ID_CARD
    view = procedure.get_checklist(ctx, case_id)
    identity = list(view.facts.identity)
    index = next((i for i, d in enumerate(identity) if d.kind is kind), None)
    updated = IdentityDocument(
        kind=kind,
        status=identity[index].status if index is not None else DocumentStatus.VALID,
        number=proposal.document_number,
        expires_on=proposal.expiry_date,
    )
    facts_updated = False
    if index is None or identity[index] != updated:
        if index is None:
            identity.append(updated)
        else:
            identity[index] = updated
        procedure.set_facts(ctx, case_id, replace(view.facts, identity=tuple(identity)))
        facts_updated = True

    detail = case_service.get_case(ctx, case_id)
    q = detail.questionnaire
    filled: list[str] = []
    if q.birth_date is None and proposal.birth_date is not None:
        q.birth_date = proposal.birth_date
        filled.append("birth_date")
    if q.sex is None and proposal.sex is not None:
        q.sex = proposal.sex
        filled.append("sex")
    if not q.iin and proposal.iin:
        q.iin = proposal.iin
        filled.append("iin")
    if filled:
        case_service.update_questionnaire(ctx, case_id, q, detail.summary.version)
    return Prefill(filled, facts_updated, list(proposal.mismatches))
