"""The Exchange window: packages to and from the Department, from the desk (issue 6, items 3, 6).

Three parts, one window:

* **Send** — choose a folder (a USB stick, a shared folder), optionally split into parts of at
  most N MB, and export every change not yet sent. The export runs off the GUI thread
  (`tasks.run_reporting_task`); its per-case progress comes back on the GUI thread. It can be
  cancelled: the service then removes every file it wrote and records nothing.
* **Receive** — choose one or more decision packages; each is verified and applied all or
  nothing, and the window says per file what was applied or why it was refused. A package
  that arrived before earlier ones is accepted only after a deliberate confirmation.
* **Outbox** — every package sent, with its state (built → carried → acknowledged) in words,
  so nothing is silently stuck; "Mark as carried" once it has left the mission.

The widgets call `desktop.services.exchange` only. Wired by `MainWindow.show_exchange`.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import crash
from desktop.domain import formats
from desktop.services import exchange as exchange_service
from desktop.services import sync_online
from desktop.services.errors import KnownError, as_known, technical_details
from desktop.services.os_reasons import os_failure
from desktop.ui.desk import Desk
from desktop.ui.exchange_outbox import (
    COL_FILE,
    SEQUENCE_ROLE,
    STATE_ROLE,
    OutboxModel,
    _size,
    _span,
)
from desktop.ui.tasks import Task, run_reporting_task

FolderChooser = Callable[[QWidget, str], Path | None]
FilesChooser = Callable[[QWidget], list[Path]]

_MB = 1024 * 1024


# --- results of the background work -----------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one package file: applied (`result`), or refused (`refusal`)."""

    path: Path
    result: exchange_service.ImportResult | None = None
    refusal: str = ""
    details: str = ""  # the refusal's technical details (English), shown apart from it
    missing: tuple[int, ...] = ()  # refused because these earlier packages never arrived

    @property
    def applied(self) -> bool:
        return self.result is not None and not self.result.replay


@dataclass(frozen=True)
class ImportBatch:
    outcomes: tuple[ImportOutcome, ...]
    untried: tuple[Path, ...] = ()  # after a gap: waiting for the officer's decision


# --- the window ------------------------------------------------------------------------------


class ExchangeDialog(QDialog):
    """Export, import and the outbox, for the officer at the desk.

    Signals:
        exported(object): the `ExportResult` once packages were written and recorded.
        export_failed(str): the message shown when an export was refused, failed or cancelled.
        imported(object): the `ImportBatch` once a set of package files was processed.
        outbox_reloaded(): the outbox table and the trust line show the store's state again.
        progressed(int, int): cases written (export) or files done (import), of the total.
    """

    exported = Signal(object)
    export_failed = Signal(str)
    imported = Signal(object)
    outbox_reloaded = Signal()
    progressed = Signal(int, int)

    def __init__(
        self,
        desk: Desk,
        *,
        choose_folder: FolderChooser | None = None,
        choose_files: FilesChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exchange_dialog")
        self._desk = desk
        self._choose_folder = choose_folder or self._ask_folder
        self._choose_files = choose_files or self._ask_files
        self._task: Task[object] | None = None
        self._cancel = threading.Event()
        self._busy = False
        self._exporting = False  # which progress bar the relay feeds

        self.trust_label = QLabel()
        self.trust_label.setWordWrap(True)
        self.trust_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Send
        self.send_box = QGroupBox()
        self.folder_edit = QLineEdit()
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder_edit)
        self.choose_button = QPushButton()
        self.split_spin = QSpinBox()
        self.split_spin.setRange(0, 100_000)
        self.split_label = QLabel()
        self.split_label.setBuddy(self.split_spin)
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.export_progress = QProgressBar()
        self.export_progress.setRange(0, 1)
        self.export_progress.setValue(0)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_status.setObjectName("export_status")
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split_label)
        split_row.addWidget(self.split_spin)
        split_row.addStretch(1)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.export_button)
        buttons_row.addWidget(self.cancel_button)
        buttons_row.addWidget(self.export_progress, 1)
        send = QVBoxLayout(self.send_box)
        send.addLayout(folder_row)
        send.addLayout(split_row)
        send.addLayout(buttons_row)
        send.addWidget(self.export_status)
        send.addStretch(1)

        # Receive
        self.receive_box = QGroupBox()
        self.import_button = QPushButton()
        self.import_progress = QProgressBar()
        self.import_progress.setRange(0, 1)
        self.import_progress.setValue(0)
        self.import_progress.setFormat("%v / %m")  # files, not per cent
        self.import_progress.setTextVisible(False)  # nothing to count before the first import
        self.import_log = QPlainTextEdit()
        self.import_log.setReadOnly(True)
        self.import_log.setTabChangesFocus(True)
        self.import_log.setObjectName("import_log")
        self.import_log_label = QLabel()
        self.import_log_label.setBuddy(self.import_log)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addWidget(self.import_progress, 1)
        receive = QVBoxLayout(self.receive_box)
        receive.addLayout(import_row)
        receive.addWidget(self.import_log_label)
        receive.addWidget(self.import_log, 1)

        # Outbox
        self.outbox_box = QGroupBox()
        self.model = OutboxModel(self)
        self.model.zone = desk.ctx.time_zone
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard-only use
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.carried_button = QPushButton()
        self.carried_button.setEnabled(False)
        outbox = QVBoxLayout(self.outbox_box)
        outbox.addWidget(self.table, 1)
        carried_row = QHBoxLayout()
        carried_row.addWidget(self.carried_button)
        carried_row.addStretch(1)
        outbox.addLayout(carried_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.send_box, 3)
        top.addWidget(self.receive_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.trust_label)
        layout.addLayout(top)
        layout.addWidget(self.outbox_box, 1)
        layout.addWidget(self.buttons)

        for first, second in (
            (self.folder_edit, self.choose_button),
            (self.choose_button, self.split_spin),
            (self.split_spin, self.export_button),
            (self.export_button, self.cancel_button),
            (self.cancel_button, self.import_button),
            (self.import_button, self.import_log),
            (self.import_log, self.table),
            (self.table, self.carried_button),
            (self.carried_button, self.buttons),
        ):
            self.setTabOrder(first, second)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.carried_button.clicked.connect(self.mark_selected_carried)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.model.modelReset.connect(self._update_carried_button)
        desk.locked.connect(self._on_desk_locked)

        self.retranslate()
        self.reload()
        if not self.folder_edit.text():
            last = self.model.entry(self.model.rowCount() - 1)
            if last is not None:  # where the last package went is where the next one goes
                self.folder_edit.setText(last.folder)
        self.resize(1000, 640)

    # --- labels --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Exchange with the Department"))
        self.send_box.setTitle(self.tr("Send to the Department"))
        self.folder_label.setText(self.tr("&Folder:"))
        self.folder_edit.setAccessibleName(self.tr("Folder for the package files"))
        self.folder_edit.setPlaceholderText(self.tr("a USB stick or a shared folder"))
        self.choose_button.setText(self.tr("C&hoose…"))
        self.choose_button.setAccessibleName(self.tr("Choose the folder"))
        self.split_label.setText(self.tr("&Split into parts of at most:"))
        self.split_spin.setAccessibleName(self.tr("Largest part in MB, 0 for one file"))
        self.split_spin.setSuffix(self.tr(" MB"))
        self.split_spin.setSpecialValueText(self.tr("one file"))
        self.export_button.setText(self.tr("&Export"))
        self.cancel_button.setText(self.tr("Cance&l export"))
        self.export_progress.setAccessibleName(self.tr("Export progress"))
        self.receive_box.setTitle(self.tr("Receive from the Department"))
        self.import_button.setText(self.tr("&Import packages…"))
        self.import_progress.setAccessibleName(self.tr("Import progress"))
        self.import_log_label.setText(self.tr("&What each package did:"))
        self.import_log.setAccessibleName(self.tr("Import results"))
        self.outbox_box.setTitle(self.tr("Outbox: packages sent"))
        self.table.setAccessibleName(self.tr("Outbox"))
        self.carried_button.setText(self.tr("&Mark as carried"))
        self.carried_button.setToolTip(
            self.tr("The package has left the mission (courier, pouch, e-mail, shared folder)")
        )
        if not self.export_status.text():
            self.export_status.setText(
                self.tr(
                    "Cases go once forwarded (§7); the package is signed and encrypted "
                    "for the Department."
                )
            )
        self.model.retranslate()
        if not self._desk.is_locked:
            self._show_trust()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _lang(self) -> str:
        return self._desk.lang

    # --- outbox and trust ----------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the outbox and the trust list again (a few rows: on the GUI thread)."""
        if self._desk.is_locked:
            return
        selected = self._selected_sequence()
        self.model.lang = self._desk.lang
        self.model.transfers = sync_online.transfers(self._desk.ctx)
        self.model.set_entries(exchange_service.outbox(self._desk.ctx))
        self._show_trust()
        row = self.model.row_of(selected) if selected is not None else None
        if row is None and self.model.rowCount():
            row = self.model.rowCount() - 1  # the newest package
        if row is not None:
            self.table.selectRow(row)
        self._update_carried_button()
        self.outbox_reloaded.emit()

    def _show_trust(self) -> None:
        try:
            st = exchange_service.trust_status(self._desk.ctx)
        except KnownError as exc:
            self.trust_label.setText(exc.message.get(self._lang()))
            return
        self.trust_label.setText(
            self.tr(
                "Mission {code} is enrolled with the Department. Trust list: version {version}, "
                "issued {issued} ({age} days old); missions: {missions}, revocations: "
                "{revocations}."
            ).format(
                code=st.mission_code,
                version=st.version,
                issued=formats.short_date(self._desk.day_of(st.issued_at)),
                age=max(0, int(st.age_days)),  # a clock behind the issuer: never "-7"
                missions=st.missions,
                revocations=st.revocations,
            )
        )

    def _selected_sequence(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(index, SEQUENCE_ROLE)
        return value if isinstance(value, int) else None

    @Slot()
    def _update_carried_button(self) -> None:
        index = self.table.currentIndex()
        state = self.model.data(index, STATE_ROLE) if index.isValid() else None
        self.carried_button.setEnabled(not self._busy and state == exchange_service.BUILT)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_carried_button()

    @Slot()
    def mark_selected_carried(self) -> None:
        sequence = self._selected_sequence()
        if sequence is None or self._desk.is_locked:
            return
        try:
            exchange_service.mark_carried(self._desk.ctx, sequence)
        except KnownError as exc:
            self.export_status.setText(exc.message.get(self._lang()))
        self.reload()

    # --- export ----------------------------------------------------------------------------

    def _ask_folder(self, parent: QWidget, start: str) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            parent, self.tr("Folder for the package files"), start
        )
        return Path(chosen) if chosen else None

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        chosen = self._choose_folder(self, self.folder_edit.text())
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    @Slot()
    def start_export(self) -> None:
        if self._busy or self._desk.is_locked:
            return
        text = self.folder_edit.text().strip()
        if not text:
            self.export_status.setText(self.tr("Choose the folder for the package files first."))
            self.folder_edit.setFocus()
            return
        folder = Path(text).expanduser()
        split_mb = self.split_spin.value() or None
        ctx = self._desk.ctx
        cancel = self._cancel
        cancel.clear()

        def work(report: Callable[[object], None]) -> object:
            # Reports go through the task helper's long-lived dispatcher: a window closed
            # meanwhile only stops hearing them, and the export runs on to land in the outbox.
            return exchange_service.export(
                ctx,
                folder,
                max_part_mb=split_mb,
                progress=lambda done, total: report((done, total)),
                should_stop=cancel.is_set,
            )

        self._set_busy(True, exporting=True)
        self.export_progress.setRange(0, 0)  # busy until the first case is written
        self.export_status.setText(self.tr("Exporting…"))
        self._task = run_reporting_task(
            work, self._on_export_done, self._on_export_failed, self._on_progress, owner=self
        )

    @Slot()
    def cancel_export(self) -> None:
        if self._busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.export_status.setText(self.tr("Cancelling: removing what was written…"))

    def _on_progress(self, payload: object) -> None:
        done, total = cast(tuple[int, int], payload)
        bar = self.export_progress if self._exporting else self.import_progress
        bar.setRange(0, max(total, 1))
        bar.setValue(min(done, max(total, 1)))
        self.progressed.emit(done, total)

    def _on_export_done(self, payload: object) -> None:
        assert isinstance(payload, exchange_service.ExportResult)
        result = payload
        self._task = None
        self._set_busy(False)
        self.export_progress.setRange(0, 1)
        self.export_progress.setValue(1)
        if not result.packages:
            self.export_status.setText(
                self.tr("Nothing new to send: every change has gone already.")
            )
        else:
            total = sum(p.size for p in result.packages)
            lines = [
                self.tr(
                    "Written: packages: {packages}, {size}; cases: {cases}, events: {events}, "
                    "scan pages: {scans}."
                ).format(
                    packages=len(result.packages),
                    size=_size(total),
                    cases=result.cases,
                    events=result.events,
                    scans=result.scans,
                )
            ]
            lines += [
                self.tr("{file} — package {sequence}, {size}").format(
                    file=str(Path(p.folder) / p.file_name), sequence=p.sequence, size=_size(p.size)
                )
                for p in result.packages
            ]
            lines.append(
                self.tr(
                    "Mark each package as carried once it has left the mission; it is "
                    "acknowledged when the Department's reply is imported."
                )
            )
            self.export_status.setText("\n".join(lines))
        self.reload()
        self.exported.emit(result)

    def _on_export_failed(self, exc: BaseException) -> None:
        self._task = None
        cancelled = isinstance(exc, exchange_service.ExportCancelled)
        self._set_busy(False)
        self.export_progress.setRange(0, 1)
        self.export_progress.setValue(0)
        if cancelled:
            message = self.tr("Export cancelled: no file was left behind and nothing was recorded.")
        else:
            message = self._message(exc, self.folder_edit.text().strip())
        self.export_status.setText(message)
        self.reload()
        self.export_failed.emit(message)

    # --- import ----------------------------------------------------------------------------

    def _ask_files(self, parent: QWidget) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            parent,
            self.tr("Packages from the Department"),
            self.folder_edit.text(),
            self.tr("Qonys packages (*.qpkg);;All files (*)"),
        )
        return [Path(n) for n in names]

    @Slot()
    def _on_import_button_clicked(self) -> None:
        paths = self._choose_files(self)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Sequence[Path], *, allow_gap: bool = False) -> None:
        """Verify and apply each file, in sequence order; each one all or nothing."""
        if self._busy or self._desk.is_locked or not paths:
            return
        ctx = self._desk.ctx
        chosen = list(paths)
        lang = self._lang()

        def work(report: Callable[[object], None]) -> object:
            outcomes: list[ImportOutcome] = []
            ordered = exchange_service.in_sequence_order(chosen)
            for i, path in enumerate(ordered):
                report((i, len(ordered)))
                if not path.is_file():
                    outcomes.append(ImportOutcome(path, refusal=_no_such_file(path)))
                    continue
                try:
                    result = exchange_service.import_package(ctx, path, allow_gap=allow_gap)
                except KnownError as exc:
                    missing = exchange_service.missing_before(exc)
                    outcomes.append(ImportOutcome(path, refusal=exc.message.get(lang),
                                                  details=technical_details(exc, lang),
                                                  missing=missing))  # fmt: skip
                    if missing:  # later files wait too: the officer decides first
                        return ImportBatch(tuple(outcomes), tuple(ordered[i:]))
                    continue
                except OSError as exc:
                    outcomes.append(
                        ImportOutcome(path, refusal=os_failure(path.name, exc).get(lang))
                    )
                    continue
                outcomes.append(ImportOutcome(path, result=result))
            report((len(ordered), len(ordered)))
            return ImportBatch(tuple(outcomes))

        self._set_busy(True, exporting=False)
        self.import_progress.setTextVisible(True)
        self.import_progress.setRange(0, 0)
        self.import_log.setPlainText(self.tr("Verifying and applying…"))
        self._task = run_reporting_task(
            work, self._on_import_done, self._on_import_failed, self._on_progress, owner=self
        )

    def _on_import_done(self, payload: object) -> None:
        assert isinstance(payload, ImportBatch)
        batch = payload
        self._task = None
        self._set_busy(False)
        files = max(1, len(batch.outcomes))
        self.import_progress.setRange(0, files)
        self.import_progress.setValue(files)
        self.import_log.setPlainText("\n".join(self._describe(o) for o in batch.outcomes))
        self.reload()
        if any(o.applied for o in batch.outcomes):
            # Decisions moved cases: the case list, dashboard and panels refresh (STYLE §4).
            self._desk.announce([])
        self.imported.emit(batch)
        gap = next((o for o in batch.outcomes if o.missing), None)
        if gap is not None and batch.untried and self._confirm_gap(gap):
            self.import_files(batch.untried, allow_gap=True)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self.import_progress.setRange(0, 1)
        self.import_progress.setValue(0)
        self.import_log.setPlainText(self._message(exc, ""))
        self.reload()

    def _confirm_gap(self, outcome: ImportOutcome) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Packages missing"),
            self.tr(
                "{file} arrived before package(s) {missing} from the Department, which never "
                "came. Import those first if you can.\n\nAccept {file} anyway? Do this only "
                "when the Department confirms the missing packages are lost."
            ).format(file=outcome.path.name, missing=_span(outcome.missing)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _describe(self, outcome: ImportOutcome) -> str:
        name = outcome.path.name
        r = outcome.result
        if r is None:
            # The service's message names the file too: once is enough.
            reason = outcome.refusal.replace(f"{name}: ", "", 1)
            refused = self.tr("{file}: refused, nothing changed. {reason}").format(
                file=name, reason=reason
            )
            return refused + self._details(outcome.details)
        if r.replay:
            return self.tr(
                "{file}: package {sequence} was imported before; nothing changed."
            ).format(file=name, sequence=r.sequence)
        parts = [
            self.tr(
                "{file}: package {sequence} applied. Decisions: {decisions}; packages "
                "acknowledged: {acknowledged}."
            ).format(
                file=name, sequence=r.sequence, decisions=r.decisions, acknowledged=r.acknowledged
            )
        ]
        if r.trust_list_version is not None:
            parts.append(
                self.tr("Trust list updated to version {version}.").format(
                    version=r.trust_list_version
                )
            )
        if r.missing:
            parts.append(
                self.tr("Accepted although package(s) {missing} never arrived.").format(
                    missing=_span(r.missing)
                )
            )
        if r.held:
            parts.append(
                self.tr(
                    "Kept on the case but not applied (the case is not at a stage that "
                    "takes it); record it by hand: {cases}."
                ).format(cases=", ".join(r.held))
            )
        return " ".join(parts)

    # --- shared ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool, *, exporting: bool = False) -> None:
        self._busy = busy
        self._exporting = exporting if busy else self._exporting
        for widget in (self.export_button, self.import_button, self.choose_button,
                       self.folder_edit, self.split_spin):  # fmt: skip
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy and exporting)
        self._update_carried_button()

    def _details(self, details: str) -> str:
        """Technical details (English) on a line of their own, under their own heading."""
        if not details:
            return ""
        return "\n" + self.tr("Technical details: {details}").format(details=details)

    def _message(self, exc: BaseException, where: str) -> str:
        """A known error in the officer's language; a bug gets a report, never a traceback."""
        known = as_known(exc)  # a KnownError, or the shared store's server gone
        if known is not None:
            lang = self._lang()
            return known.message.get(lang) + self._details(technical_details(known, lang))
        if isinstance(exc, OSError):
            if exc.errno == errno.ENOSPC:
                return self.tr("{where}: the disk is full; nothing was recorded.").format(
                    where=where
                )
            return os_failure(where, exc).get(self._lang())
        path = crash.handle(type(exc), exc, exc.__traceback__)
        return self.tr("Internal error ({kind}); a report without personal data was saved: "
                       "{path}").format(kind=type(exc).__name__, path=path or "-")  # fmt: skip

    @Slot()
    def _on_desk_locked(self) -> None:
        # The context is closed: nothing may query it, and the outbox is not left on screen.
        self.model.set_entries([])
        self.import_log.clear()
        self.reject()

    def done(self, result: int) -> None:
        """Closing drops the answer of work still running; an export completes and is in the
        outbox next time (the service records it whole or not at all)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._busy = False
        super().done(result)


def _no_such_file(path: Path) -> str:
    return QCoreApplication.translate("ExchangeDialog", "{file}: no such file").format(
        file=path.name
    )
