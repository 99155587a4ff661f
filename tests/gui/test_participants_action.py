"""Participants… in the window, and camera-off participants in the class view (offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
from PySide6.QtWidgets import QWidget  # noqa: E402

from gui.class_panel import ClassPanel  # noqa: E402
from gui.participants_action import ParticipantsAction  # noqa: E402
from tests.gui.test_class_panel import class_of  # noqa: E402


def test_a_participants_file_reaches_the_engine_and_a_bad_one_is_one_message(qtbot, tmp_path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    given, messages = [], []
    action = ParticipantsAction(parent, given.append, lambda kind, text: messages.append((kind, text)))
    path = tmp_path / "class.txt"
    path.write_text("김민준\nPark Jiwoo\n", encoding="utf-8")
    assert action.load(str(path)) == ["김민준", "Park Jiwoo"]
    assert given == [["김민준", "Park Jiwoo"]] and messages[-1][0] == "info"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    assert action.load(str(bad)) is None
    assert messages[-1][0] == "error" and "UTF-8" in messages[-1][1] and len(given) == 1


def test_the_menu_entry_asks_for_a_file_in_a_dialog_over_the_window(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (asked.append(args[0]), ("", ""))[1])
    action = ParticipantsAction(parent, lambda names: None, lambda kind, text: None)
    action.trigger()  # raised AttributeError (QAction.parentWidget) before
    assert asked == [parent] and action.names == []


def test_the_class_view_lists_camera_off_participants(qtbot) -> None:
    panel = ClassPanel()
    qtbot.addWidget(panel)
    panel.show()
    roster = class_of(3, away={2})
    roster.set_name(2, "박지우")
    roster.set_camera_off(["박지우", "서유진 (조교)"])
    panel.refresh(roster, None)
    assert panel.camera_off_label.isVisible() and "서유진 (조교)" in panel.camera_off_label.text()
    assert "2 camera off" in panel.count_label.text()  # 박지우 (seen before) and 서유진 (never on camera)
    assert roster.get(2).camera_off
