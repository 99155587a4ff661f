"""Korean-Windows chats and participants lists, and parsers that say what they skip (and refuse when nothing is read)."""

import codecs

import pytest

from core.chat.chat_formats import ChatFormatError, open_chat, read_all
from core.chat.chat_input import read_chat_file
from core.names.participants import ParticipantsError, read_participants

STUDENTS = ["김민지", "이서준", "박하은", "최도윤", "정서연", "강지호"]
CLOUD = "".join(f"00:00:{10 + i:02d}\t{name}:\t오늘 수업 재미있어요 {i}\n" for i, name in enumerate(STUDENTS))


@pytest.mark.parametrize("encode, note", [
    (lambda t: t.encode("utf-8"), None),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), None),
    (lambda t: t.encode("utf-16"), "UTF-16"),  # Notepad's "Unicode": a BOM, little-endian here
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "UTF-16 BE"),
    (lambda t: t.encode("utf-16-le"), "UTF-16 LE"),  # no BOM: told by its NUL bytes
    (lambda t: t.encode("cp949"), "CP949"),
])
def test_a_chat_in_any_korean_windows_encoding_keeps_its_six_authors(tmp_path, encode, note):
    p = tmp_path / "chat.txt"
    p.write_bytes(encode(CLOUD))
    chat = read_chat_file(p)
    assert [m.author for m in chat.messages] == STUDENTS
    assert all("\ufffd" not in m.text and m.text.startswith("오늘") for m in chat.messages)
    said = [w for w in chat.warnings if w.startswith("read as")]
    assert (said == []) if note is None else (len(said) == 1 and note in said[0])


def test_a_chat_that_is_no_text_at_all_is_one_line(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_bytes(bytes(range(128, 256)) * 20)
    with pytest.raises(ChatFormatError, match="not text in UTF-8, UTF-16 or CP949") as e:
        read_chat_file(p)
    assert "\n" not in str(e.value)


def test_korean_excel_participants_report_in_cp949(tmp_path):
    p = tmp_path / "participants.csv"
    rows = "Name (Original Name),User Email,Join Time\n" + "".join(f"{n},x{i}@school.kr,09:00\n"
                                                                  for i, n in enumerate(STUDENTS))
    p.write_bytes(rows.encode("cp949"))
    notes = []
    assert read_participants(p, notes) == STUDENTS
    assert len(notes) == 1 and "CP949" in notes[0] and str(p) in notes[0]
    p.write_bytes(codecs.BOM_UTF16_LE + "\n".join(STUDENTS).encode("utf-16-le"))
    assert read_participants(p) == STUDENTS
    p.write_bytes(bytes(range(128, 256)) * 3)
    with pytest.raises(ParticipantsError, match="not text in UTF-8"):
        read_participants(p)


def _vtt(cues):
    return "WEBVTT\n\n" + "".join(f"{i + 1}\n{timing}\n화자{i}: 문장 {i}\n\n" for i, timing in enumerate(cues))


def test_webvtt_cues_with_malformed_times_are_counted_with_their_lines(tmp_path):
    good = [f"00:00:{i:02d}.000 --> 00:00:{i:02d}.900" for i in range(16)]
    bad = {3: "00:00:03,000 -> 00:00:03.900", 7: "00:00:61.000 --> 00:01:02.000", 12: "00:00:12 --> 00:00:13"}
    p = tmp_path / "t.vtt"
    p.write_text(_vtt([bad.get(i, t) for i, t in enumerate(good)]), encoding="utf-8")
    chat = read_chat_file(p)
    assert len(chat.messages) == 13
    lines = [3 + 4 * i for i in sorted(bad)]  # each cue's first line (its identifier)
    said = [w for w in chat.warnings if "cue(s) skipped" in w]
    assert said == [f"3 cue(s) skipped: their timing line is not HH:MM:SS.mmm --> HH:MM:SS.mmm "
                    f"(line {', '.join(map(str, lines))})"]


def test_webvtt_where_no_cue_can_be_read_is_refused(tmp_path):
    p = tmp_path / "t.vtt"
    p.write_text(_vtt([f"00:00:{i:02d}.000 -> 00:00:{i:02d}.900" for i in range(16)]), encoding="utf-8")
    with pytest.raises(ChatFormatError, match="no message could be read; 16 cue\\(s\\) skipped") as e:
        read_all(open_chat(p))
    assert "\n" not in str(e.value) and str(p) in str(e.value)


def test_a_zoom_chat_of_unplaced_lines_only_is_refused(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text("00:00:05\tA:\thi\n", encoding="utf-8")
    assert len(read_chat_file(p).messages) == 1
    p.write_text("WEBVTT\n\nno timing here\nnor here\n", encoding="utf-8")
    with pytest.raises(ChatFormatError, match="no message could be read"):
        read_chat_file(p)
