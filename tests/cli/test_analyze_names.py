"""`analyze` names faces from their labels: the `name` column, the sidecar's names and sources, --participants."""

from __future__ import annotations

import csv
import json

import pytest

from cli.entry import main


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["face_id"]]


def test_the_face_is_named_from_its_label(tmp_path, labelled_video, tiny_weights):
    out = tmp_path / "out.csv"
    assert main(["analyze", str(labelled_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet"]) == 0
    rows = _rows(out)
    assert rows[0]["name"] == ""  # not before two readings agree
    assert rows[-1]["name"] == "김민준"
    sidecar = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["names"] == {rows[-1]["face_id"]: "김민준"}
    assert sidecar["name_sources"] == {rows[-1]["face_id"]: "tile"}


def test_a_participants_list_gives_the_listed_name(tmp_path, labelled_video, tiny_weights):
    listed = tmp_path / "class.txt"
    listed.write_text("20231457 김민준\n박지우\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["analyze", str(labelled_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet",
                 "--participants", str(listed)]) == 0
    assert _rows(out)[-1]["name"] == "20231457 김민준"
    sidecar = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(sidecar["name_sources"].values()) == {"participants"}
    assert sidecar["options"]["participants"] == str(listed)


def test_no_names_reads_nothing(tmp_path, labelled_video, tiny_weights):
    out = tmp_path / "out.csv"
    assert main(["analyze", str(labelled_video), "--csv", str(out), "--weights", str(tiny_weights), "--quiet",
                 "--no-names"]) == 0
    assert all(r["name"] == "" for r in _rows(out))
    assert "names" not in json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))


def test_a_bad_participants_file_is_one_line_and_exit_2(tmp_path, labelled_video, capsys):
    bad = tmp_path / "class.txt"
    bad.write_bytes("José\n".encode("latin-1"))
    rc = main(["analyze", str(labelled_video), "--csv", str(tmp_path / "o.csv"), "--participants", str(bad)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "UTF-8" in err
    assert not (tmp_path / "o.csv").exists()
