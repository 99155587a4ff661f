"""Names read off tiles in the report: camera-off participants counted, names from any source escaped."""

from __future__ import annotations

import json

from core.report.build import build_session_report
from core.report.participants import participant_rows
from tests.core.report.conftest import read_page

HOSTILE = ["<b>굵게</b>", "=1+1", "\u202e서유진\u202c", "가" * 200]


def test_camera_off_participants_are_counted_and_name_sources_said() -> None:
    rows = dict(participant_rows({"camera_off": ["서유진 (조교)", "Lee Eunho"],
                                  "name_sources": {"1": "tile", "2": "tile", "3": "typed"}}, 21))
    assert rows["Participants"].startswith("23 participants: 21 on camera, 2 with the camera off all along")
    assert "서유진 (조교)" in rows["Participants"]
    assert rows["Names"] == "2 read from their tiles, 1 typed in the window"
    assert participant_rows({}, 5) == []


def test_names_from_the_screen_are_text_on_the_page(session) -> None:
    meta = json.loads(session.sidecar.read_text(encoding="utf-8"))
    ids = list(meta["names"])
    meta["names"] = {**meta["names"], **dict(zip(ids, HOSTILE))}
    meta["name_sources"] = {i: "tile" for i in ids}
    meta["camera_off"] = ["<i>off</i>", "=HYPERLINK(1)"]
    session.sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    page = read_page(build_session_report(session.csv).html)  # the parser checks that every tag closes
    text = page.body_text
    assert "<b>굵게</b>" in text and "<i>off</i>" in text  # shown as typed, not as markup
    assert "<b>굵게</b>" not in page.outside_data_uris().replace("&lt;b&gt;굵게&lt;/b&gt;", "")
    assert "=1+1" in text and "가" * 200 in text
    assert "with the camera off all along" in text
