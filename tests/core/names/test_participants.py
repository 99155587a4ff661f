from __future__ import annotations

import pytest

from core.names.participants import ParticipantsError, read_participants, zoom_display_name

ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,자료구조 3주차,11/24/2026 09:00:00 AM,11/24/2026 10:15:00 AM,prof@example.ac.kr,75,5

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
김민준,,11/24/2026 09:01:02 AM,11/24/2026 10:15:00 AM,74,Yes
Park Jiwoo (박지우),,11/24/2026 09:01:30 AM,11/24/2026 10:15:00 AM,74,Yes
서유진 (조교),,11/24/2026 09:00:10 AM,11/24/2026 10:15:00 AM,75,No
강서준 (Seojun Kang),,11/24/2026 09:02:00 AM,11/24/2026 10:15:00 AM,73,Yes
김민준,,11/24/2026 09:40:00 AM,11/24/2026 10:15:00 AM,35,Yes
"""


def test_zooms_report_gives_the_names_shown_on_screen(tmp_path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(ZOOM, encoding="utf-8-sig")
    assert read_participants(path) == ["김민준", "Park Jiwoo (박지우)", "서유진 (조교)", "강서준"]


@pytest.mark.parametrize("value, shown", [
    ("강서준 (Seojun Kang)", "강서준"),  # renamed: the original after it
    ("서유진 (조교)", "서유진 (조교)"),  # a role stays
    ("서유진 (조교) (Yujin Seo)", "서유진 (조교)"),
    ("김민준", "김민준"),
])
def test_zoom_display_name(value: str, shown: str) -> None:
    assert zoom_display_name(value) == shown


def test_a_plain_list_one_name_a_line(tmp_path) -> None:
    path = tmp_path / "class.txt"
    path.write_text("\ufeff김민준\n\n  Park Jiwoo \n# 조교\n20231457 강서준\n김민준\n", encoding="utf-8")
    assert read_participants(path) == ["김민준", "Park Jiwoo", "20231457 강서준"]


def test_bad_files_are_one_line_errors(tmp_path) -> None:
    with pytest.raises(ParticipantsError, match="no such"):
        read_participants(tmp_path / "missing.csv")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("José\n".encode("latin-1"))
    with pytest.raises(ParticipantsError, match="UTF-8"):
        read_participants(latin1)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n|||\n", encoding="utf-8")
    with pytest.raises(ParticipantsError, match="no names"):
        read_participants(empty)
    with pytest.raises(ParticipantsError, match="folder"):
        read_participants(tmp_path)
