"""The window in Korean: every string of gui/ has a translation, the shipped .qm is current, and a built window shows no English."""

from __future__ import annotations

import re
import shutil

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QMenu  # noqa: E402

from core.live.engine import LiveEngine  # noqa: E402
from core.resources import translation_path  # noqa: E402
from gui import translations  # noqa: E402
from gui.i18n import LANGUAGES, install_language  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

# Words that stay as they are in Korean: names and units a Korean teacher reads in Latin letters.
KEPT = {"EmoSync", "EU", "AI", "CPU", "CUDA", "CSV", "English", "Language", "Enter", "REC", "emonet", "cpu", "cuda", "auto"}
PYQTGRAPH_OWN = {"Export..."}  # the plots' own context menu, switched off (setMenuEnabled(False))
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture()
def korean():
    assert install_language("ko")
    yield
    install_language("en")


def test_every_string_of_the_window_has_a_korean_translation(tmp_path):
    ts = tmp_path / "emosync_ko.ts"
    shutil.copy(translation_path("ko", ".ts"), ts)
    translations.extract(ts)  # today's strings of gui/*.py, merged with the committed translations
    missing = translations.untranslated(ts)
    assert not missing, ("untranslated (run `python -m gui.translations update` and translate): "
                         + "; ".join(f"{c}: {t!r}" for c, t in missing[:10]))


def test_the_shipped_qm_is_compiled_from_the_committed_ts(tmp_path):
    qm = tmp_path / "emosync_ko.qm"
    translations.compile_ts(translation_path("ko", ".ts"), qm)
    assert qm.read_bytes() == translation_path("ko").read_bytes(), "run `python -m gui.translations update`"


def _english_words(text: str) -> list[str]:
    words = [w for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\(&\w\)", "", text)) if w not in KEPT]
    return [] if HANGUL.search(text) and not words else words


def test_a_window_built_in_korean_shows_no_english(qtbot, factory, tmp_path, korean):
    w = MainWindow(LiveEngine(factory), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    texts = [w.consent_box.text(), w.consent_box.windowTitle(), w.video.placeholder]
    texts += [a.text() for a in w.findChildren(type(w.act_open)) if a.text()]
    texts += [m.title() for m in w.findChildren(QMenu)]
    texts += [lab.text() for lab in w.findChildren(QLabel) if lab.text()]
    texts += [b.text() for b in w.findChildren(QAbstractButton) if b.text()]
    texts += [e.placeholderText() for e in w.findChildren(QLineEdit) if e.placeholderText()]
    for box in w.findChildren(QComboBox):
        texts += [box.itemText(i) for i in range(box.count())]
    texts = [t for t in texts if t not in LANGUAGES.values() and t not in PYQTGRAPH_OWN]
    english = {t: _english_words(t) for t in texts if _english_words(t)}
    assert not english, f"English left in the Korean window: {english}"
    assert any("수업" in t for t in texts)
    w.close()


def test_the_language_menu_remembers_the_choice(qtbot, factory, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(LiveEngine(factory), settings)
    qtbot.addWidget(w)
    w.language_menu.actions_by_language["ko"].trigger()
    assert settings.value("language") == "ko"
    w.close()
    again = MainWindow(LiveEngine(factory), settings)
    qtbot.addWidget(again)
    assert again.language_menu.actions_by_language["ko"].isChecked()
    again.close()


def test_engine_messages_are_said_in_korean(korean):
    from gui.engine_messages import window_text

    assert window_text("end of video: a.mp4") == "동영상 끝: a.mp4"
    assert window_text("camera 0 reconnected") == "camera 0 다시 연결됨"
    assert window_text("something new") == "something new"
