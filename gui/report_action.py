"""*Report…*: the last recorded session as an HTML page, written in the background and opened in the browser."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

LABEL = "Report…"


class ReportAction(QAction):
    """Writes the report beside the session's CSV (a long class takes seconds: off the GUI thread), then opens it.

    Disabled until a session has been recorded (call `session_recorded`).
    """

    done = Signal(object, str)  # (page path or None, error text); emitted from the worker, delivered on the GUI thread

    def __init__(self, parent: QWidget, session_csv: Callable[[], Path | None],
                 show_message: Callable[[str, str], None],
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
                 language: Callable[[], str | None] = lambda: None) -> None:
        super().__init__(self.tr("Report…"), parent)
        self._session_csv = session_csv
        self._show_message = show_message
        self._open_url = open_url
        self._language = language  # the page's language: the window's
        self._worker: threading.Thread | None = None
        self.setEnabled(False)
        self.setToolTip(self.tr("Open a report of the last recorded session in the browser (an HTML file beside its CSV)"))
        self.triggered.connect(self.make_report)
        self.done.connect(self._finished)

    def session_recorded(self) -> None:
        """A session has been saved: there is something to report."""
        self.setEnabled(self._worker is None)

    @property
    def busy(self) -> bool:
        """Whether a report is being written."""
        return self._worker is not None

    def make_report(self) -> None:
        """Write the last session's report in a worker thread; `done` follows."""
        csv_path = self._session_csv()
        if csv_path is None or self._worker is not None:
            return
        self.setEnabled(False)
        self.setText(self.tr("Writing report…"))
        self._worker = threading.Thread(target=self._build, args=(Path(csv_path), self._language()), name="report",
                                        daemon=True)
        self._worker.start()

    def _build(self, csv_path: Path, lang: str | None = None) -> None:
        from core.report.build import build_session_report
        from core.report.session import ReportInputError

        try:
            self.done.emit(build_session_report(csv_path, lang=lang).html, "")
        except ReportInputError as e:
            self.done.emit(None, str(e))
        except Exception as e:  # noqa: BLE001 - shown to the user, never a crash of the window
            self.done.emit(None, f"unexpected {type(e).__name__}: {e}")

    def _finished(self, page: Path | None, error: str) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        self.setText(self.tr("Report…"))
        self.setEnabled(True)
        if page is None:
            self._show_message("error", self.tr("Report failed: {reason}").format(reason=error))
            return
        self._show_message("info", self.tr("Report written: {path}").format(path=page))
        self._open_url(QUrl.fromLocalFile(str(page)))
