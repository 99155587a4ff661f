"""`analyze --chat` with a Korean-Windows chat (said, read right) and a transcript where no cue can be read (refused)."""

import csv

from cli.entry import main

STUDENTS = ["김민지", "이서준", "박하은", "최도윤", "정서연", "강지호"]


def test_a_cp949_chat_is_read_with_its_authors_and_said(tmp_path, synthetic_video, tiny_weights, tiny_bert_dir, capsys):
    chat = tmp_path / "chat.txt"
    chat.write_bytes("".join(f"00:00:00\t{n}:\t오늘 수업 좋아요 {i}\n" for i, n in enumerate(STUDENTS)).encode("cp949"))
    out = tmp_path / "out.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet",
                 "--no-names", "--chat", str(chat), "--text-model", str(tiny_bert_dir)]) == 0
    err = capsys.readouterr().err
    assert "warning: read as CP949 (Korean Windows, EUC-KR), not UTF-8" in err
    with open(out.with_name("out.chat.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["author_name"] for r in rows) == sorted(STUDENTS) and not any("\ufffd" in r["text"] for r in rows)


def test_a_transcript_with_no_readable_cue_is_one_line_and_exit_2(tmp_path, synthetic_video, capsys):
    vtt = tmp_path / "t.vtt"
    vtt.write_text("WEBVTT\n\n" + "".join(f"{i}\n00:00:0{i}.000 -> 00:00:0{i}.900\n화자: 문장\n\n" for i in range(1, 9)),
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["analyze", str(synthetic_video), "--csv", str(out), "--chat", str(vtt)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no message could be read; 8 cue(s) skipped" in err[0] and "line 3, 7, 11" in err[0]
    assert not out.exists() and not list(tmp_path.glob("out*"))
