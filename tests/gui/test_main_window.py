"""The main window, offscreen: sessions, bars, timeline, export, source switching, faults."""

from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np
import pytest
import torch

pytest.importorskip("PySide6")
from PySide6.QtCore import QSettings  # noqa: E402

from core.live.engine import LiveEngine  # noqa: E402
from core.recording.timeline import TIMELINE_COLUMNS  # noqa: E402
from core.sources.frame_source import ArraySource, FrameSource  # noqa: E402
from core.sources.spec import SourceSpec  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402


@pytest.fixture()
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def window(qtbot, factory, settings, tmp_path):
    w = MainWindow(LiveEngine(factory), settings)
    w.choose_output_folder(str(tmp_path / "sessions"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


@dataclass(frozen=True)
class LoopSpec(SourceSpec):
    """A live-like source of in-memory frames; `fail_after` frames, then it 'unplugs' once."""

    frames: tuple = ()
    fail_after: int = 0
    opens: list = None  # type: ignore[assignment]

    def open(self) -> FrameSource:
        self.opens.append(1)
        n = self.fail_after if (self.fail_after and len(self.opens) == 1) else 10_000
        frames = [self.frames[i % len(self.frames)] for i in range(n)]
        from core.sources.frame_source import PacedSource
        return PacedSource(ArraySource(frames, fps=25.0))


def loop_spec(synthetic_frames, fail_after=0, kind="camera"):
    frames, present = synthetic_frames
    face_frames = tuple(f for f, p in zip(frames, present) if p)
    return LoopSpec(kind, "9", None, face_frames, fail_after, [])


def said(window, text: str) -> bool:
    return any(text in message for _, message in window.messages)


def test_window_builds_and_closes(window, qtbot):
    assert window.windowTitle() == "EmoSync"
    qtbot.waitUntil(window.engine.ready.is_set, timeout=10000)
    qtbot.waitUntil(lambda: "emonet_t" in window.model_label.text(), timeout=5000)


def test_session_updates_bars_and_timeline_and_exports(window, qtbot, synthetic_frames, tmp_path):
    window.set_source(loop_spec(synthetic_frames))
    window.start_session()
    assert window.rec_label.text() == "● REC"
    seen = []

    def enough() -> bool:
        if window.bars.updates and (not seen or not np.array_equal(seen[-1], window.bars.heights)):
            seen.append(window.bars.heights.copy())
        return len(seen) >= 5 and window.timeline.points >= 5

    qtbot.waitUntil(enough, timeout=15000)
    for h in seen[1:]:
        assert h.sum() == pytest.approx(1.0, abs=1e-4)
    assert window.selected_id is not None and window.face_label.text().startswith("Face #")
    out = window.export_csv(str(tmp_path / "export.csv"))
    with open(out, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(TIMELINE_COLUMNS) and len(rows) > 1
    window.stop_session()
    assert window.rec_label.text() == ""
    assert window.last_session_csv.exists()
    sidecar = window.last_session_csv.with_suffix(".json").read_text()
    assert '"status": "complete"' in sidecar and '"model": "emonet_t"' in sidecar


def test_switching_sources_mid_run(window, qtbot, synthetic_frames, synthetic_video):
    window.set_source(loop_spec(synthetic_frames))
    qtbot.waitUntil(lambda: window.engine.analysed > 3, timeout=15000)
    window.open_video(str(synthetic_video))
    before = window.engine.analysed
    qtbot.waitUntil(lambda: window.engine.analysed > before + 3, timeout=15000)
    # the short clip may have ended by now on a busy machine: "(ended)" follows the name then
    assert window.source_label.full_text().startswith(str(synthetic_video))


def test_end_of_video_keeps_the_session_open(window, qtbot, synthetic_video):
    window.open_video(str(synthetic_video))
    window.start_session()
    qtbot.waitUntil(lambda: said(window, "end of video"), timeout=20000)
    assert window.engine.session is not None
    window.stop_session()
    assert window.last_session_csv.exists()


def test_absent_camera_and_unreadable_video_are_shown(window, qtbot, tmp_path):
    window.set_source(SourceSpec("camera", "57"))
    qtbot.waitUntil(lambda: said(window, "camera 57 is not available"), timeout=10000)
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00" * 1000)
    window.open_video(str(junk))
    qtbot.waitUntil(lambda: said(window, "cannot open as a video"), timeout=10000)
    assert window.act_open.isEnabled() and window.act_screen.isEnabled()
    # The message lies over the video (no re-layout of the window) until another source opens.
    assert window.banner.parent() is window.video and not window.banner.isHidden()
    assert "cannot open as a video" in window.banner.text()
    window.set_source(SourceSpec("camera", "57"))
    assert window.banner.isHidden()


def test_unplugged_camera_reconnects_and_keeps_the_session(window, qtbot, synthetic_frames):
    window.engine.RECONNECT_EVERY_S = 0.1
    spec = loop_spec(synthetic_frames, fail_after=10)
    window.set_source(spec)
    window.start_session()
    qtbot.waitUntil(lambda: said(window, "stopped delivering"), timeout=15000)
    qtbot.waitUntil(lambda: said(window, "reconnected"), timeout=15000)
    assert window.engine.session is not None
    before = window.engine.analysed
    qtbot.waitUntil(lambda: window.engine.analysed > before + 3, timeout=15000)


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_cuda_request_without_cuda_falls_back(window, qtbot):
    qtbot.waitUntil(window.engine.ready.is_set, timeout=10000)
    window.device_box.setCurrentIndex(2)  # CUDA
    qtbot.waitUntil(lambda: said(window, "CUDA is not available"), timeout=10000)
    assert "on cpu" in window.model_label.text()


def test_settings_are_remembered(qtbot, factory, settings, tmp_path, synthetic_video):
    w = MainWindow(LiveEngine(factory), settings)
    qtbot.addWidget(w)
    w.choose_output_folder(str(tmp_path / "out"))
    w.device_box.setCurrentIndex(1)
    w.open_video(str(synthetic_video))
    w.close()
    again = MainWindow(LiveEngine(factory), settings)
    qtbot.addWidget(again)
    assert again.output_folder == tmp_path / "out"
    assert again.device_box.currentText() == "CPU"
    assert again.act_last.isEnabled() and str(synthetic_video) in again.act_last.text()
    again.set_device("auto")  # as `main.py --device auto` does
    assert settings.value("device") == "auto"
    again.close()


def test_clicking_a_face_selects_it(window, qtbot, synthetic_frames):
    window.set_source(loop_spec(synthetic_frames))
    qtbot.waitUntil(lambda: window.video._result is not None and bool(window.video._result.faces), timeout=15000)
    face = window.video._result.faces[0]
    rect, scale = window.video._target()
    from PySide6.QtCore import QPointF
    x, y, w, h = face.box
    pos = QPointF(rect.x() + (x + w / 2) * scale, rect.y() + (y + h / 2) * scale)
    assert window.video.face_at(pos) == face.face_id
    assert window.video.face_at(QPointF(rect.x() + 2, rect.y() + 2)) is None
    from PySide6.QtCore import Qt
    with qtbot.waitSignal(window.video.faceClicked, timeout=2000) as blocker:
        qtbot.mouseClick(window.video, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert blocker.args == [face.face_id]
    assert window.selected_id == face.face_id


def test_no_frame_is_written_to_disk(window, qtbot, synthetic_frames, tmp_path):
    window.set_source(loop_spec(synthetic_frames))
    window.start_session()
    qtbot.waitUntil(lambda: window.engine.analysed > 5, timeout=15000)
    window.stop_session()
    files = {p.suffix for p in (tmp_path / "sessions").iterdir()}
    assert files == {".csv", ".json"}




def test_no_camera_is_a_banner_only_while_nothing_else_plays(window, qtbot, synthetic_frames):
    window.video.hide_banner()
    window.sources.show_cameras([])  # what the probe found: no camera
    assert not window.banner.isHidden() and "No camera found" in window.banner.text()
    assert not window.source_box.isEnabled()
    window.set_source(loop_spec(synthetic_frames, kind="file"))
    assert window.banner.isHidden()
    window.sources.show_cameras([])  # a late probe result must not cover the video now playing
    assert window.banner.isHidden()
    # nor say "No camera found" in the status bar while a video plays: the source box says it
    assert "No camera found" not in window.statusBar().currentMessage()
    assert window.source_box.currentText() == "No camera found"


def two_faces(face_patch) -> tuple:
    frames = []
    for i in range(20):
        img = np.full((480, 640, 3), 110, np.uint8)
        h, w = face_patch.shape[:2]
        img[100:100 + h, 40 + i:40 + i + w] = face_patch
        img[100:100 + h, 400 - i:400 - i + w] = face_patch[:, ::-1]
        frames.append(img)
    return tuple(frames)


def test_class_view_names_a_student_and_asks_for_consent_once(window, qtbot, face_patch):
    import json

    window.set_source(LoopSpec("camera", "9", None, two_faces(face_patch), 0, []))
    window.start_session()
    qtbot.waitUntil(lambda: len(window.roster.students()) == 2, timeout=15000)
    qtbot.waitUntil(lambda: window.class_panel.model.rowCount() == 2, timeout=5000)
    assert window.consent_shown and "frames" in window.consent_box.text()
    first, second = (s.face_id for s in window.roster.students())
    window.name_face(second, "박지우")
    qtbot.waitUntil(lambda: any(f.name == "박지우" for f in window.engine.latest().faces), timeout=5000)
    window.class_panel.cards.clicked.emit(window.class_panel.model.index(1, 0))
    assert window.selected_id == second
    qtbot.waitUntil(lambda: window.face_label.text().startswith("박지우"), timeout=5000)
    qtbot.waitUntil(lambda: window.chat.author_box.count() == 3, timeout=5000)  # selected face + 2 students
    assert window.chat.author_box.itemText(2) == "박지우"
    author = window.state.author(window.chat.author_box.itemData(2))
    assert author.face_id == second and author.name == "박지우" and author.probs is not None
    from core.recording.chat_log import ChatMessage

    window.engine.add_message(ChatMessage(window.engine.now(), "2026-11-25T10:00:00+09:00", "슬퍼요", np.eye(7)[5],
                                          author_id=second, author_name="박지우"))
    # the selected student's own message drives the congruence plot
    qtbot.waitUntil(lambda: "congruence: 0." in window.congruence_label.text()
                    or "congruence: 1." in window.congruence_label.text(), timeout=5000)
    window.stop_session()
    sidecar = json.loads(window.last_session_csv.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["names"] == {str(second): "박지우"}
    with open(window.last_session_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["name"] for r in rows if r["face_id"] == str(second)} >= {"박지우"}
    assert all(r["name"] == "" for r in rows if r["face_id"] == str(first))


def test_a_still_photo_gets_boxes_cards_and_bars(window, qtbot, astronaut_bgr, tmp_path):
    import cv2

    photo = tmp_path / "class_photo.jpg"
    cv2.imwrite(str(photo), astronaut_bgr)
    window.open_video(str(photo))
    qtbot.waitUntil(lambda: said(window, "photo: class_photo.jpg"), timeout=20000)
    qtbot.waitUntil(lambda: window.class_panel.model.rowCount() == 1 and window.bars.updates > 0, timeout=20000)
    assert window.selected_id == window.roster.students()[0].face_id
    assert not said(window, "end of video")
