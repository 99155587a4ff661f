"""The class view with many students, offscreen: cards, sorting, clicks, names, mood strip."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402

from core.classes import EMOTIONS  # noqa: E402
from core.live.roster import ClassRoster  # noqa: E402
from core.records import FaceResult, FrameResult  # noqa: E402
from gui.class_panel import CARD, ClassPanel, card_pixmap, duration  # noqa: E402
from gui.palette import EMOTION_COLORS  # noqa: E402


def class_of(n: int, seconds: int = 4, away: set[int] = frozenset()) -> ClassRoster:
    """A roster fed `seconds` of 5 frames/s with `n` students; those in `away` leave after 1 s."""
    roster = ClassRoster()
    rng = np.random.default_rng(0)
    for i in range(5 * seconds):
        faces = []
        for fid in range(1, n + 1):
            if fid in away and i > 5:
                continue
            p = rng.dirichlet(np.ones(7))
            p[fid % 7] += 2  # each student leans to one class
            faces.append(FaceResult(fid, (fid * 10, 0, 60, 60), 0.9, p / p.sum()))
        roster.update(FrameResult(i, i / 5, faces))
    return roster


@pytest.fixture()
def panel(qtbot):
    p = ClassPanel()
    qtbot.addWidget(p)
    p.resize(360, 700)
    p.show()
    return p


def item_ids(panel: ClassPanel) -> list[int]:
    m = panel.cards.model()
    return [int(m.index(r, 0).data(Qt.ItemDataRole.UserRole)) for r in range(m.rowCount())]


def test_forty_five_cards_sorted_and_counted(panel):
    roster = class_of(45, away={3, 9})
    panel.refresh(roster, selected_id=5)
    assert item_ids(panel) == list(range(1, 46))
    assert panel.count_label.text() == "43 on camera, 45 seen"
    panel.sort_box.setCurrentIndex(1)  # by not seen
    panel.refresh(roster, 5)
    assert item_ids(panel)[:2] == [3, 9]
    panel.sort_box.setCurrentIndex(2 + EMOTIONS.index("happy"))  # after "by id", "by not seen"
    panel.refresh(roster, 5)
    happy = [roster.get(i).probs[EMOTIONS.index("happy")] for i in item_ids(panel)]
    assert happy == sorted(happy, reverse=True)
    assert "happy" in panel.cards.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_click_selects_and_double_click_asks_for_a_name(panel, qtbot):
    roster = class_of(6)
    panel.refresh(roster, None)
    with qtbot.waitSignal(panel.faceSelected) as sel:
        panel.cards.clicked.emit(panel.cards.model().index(2, 0))
    assert sel.args == [3]
    with qtbot.waitSignal(panel.renameRequested) as ren:
        panel.cards.doubleClicked.emit(panel.cards.model().index(4, 0))
    assert ren.args == [5]


def test_mood_strip_stacks_shares_to_one_in_class_colours(panel, qtbot):
    roster = class_of(10, seconds=60)
    panel.refresh(roster, None)
    top = panel.mood._edges[-1].getData()[1]
    assert len(top) >= 3 and np.allclose(top, 1.0)
    qtbot.wait(50)
    image = panel.mood.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width() - 40, image.width(), 2)
               for y in range(0, image.height(), 2)}
    leaning = {EMOTION_COLORS[EMOTIONS[fid % 7]] for fid in range(1, 11)}
    assert leaning & colours  # the stacked areas are painted, in the classes' colours


def test_card_shows_names_and_absence(panel):
    roster = class_of(3, seconds=30, away={2})
    roster.set_name(1, "김민준")
    font = panel.font()
    pix = card_pixmap(roster.get(1), roster.now_s, True, font)
    assert pix.size() == CARD and not pix.toImage().isNull()
    assert roster.get(1).label() == "김민준"
    assert duration(42) == "42 s" and duration(185) == "3 min" and duration(3900) == "1 h 05 min"


def test_cards_paint_on_the_view(panel, qtbot):
    panel.refresh(class_of(12), selected_id=3)
    image = panel.cards.viewport().grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, 120, 3)}
    assert "#1565c0" in colours  # the selected card's border
