"""A batch names faces and attributes chat exactly as a single run does, and honours --participants and --no-names."""

from __future__ import annotations

import csv
import json
import shutil

from cli.entry import main

CHAT = "00:00:00\t김민준:\t기쁘다 정말\n00:00:01\tPark Jiwoo:\t너무 화가 난다\n00:00:01\tAndrew Knight:\tHello\n"


def _names(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [(r["frame"], r["face_id"], r["name"]) for r in csv.DictReader(f) if r["face_id"]]


def _sidecar(path):
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_a_batch_names_and_attributes_as_a_single_run(tmp_path, named_gallery, tiny_weights, tiny_bert_dir):
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(named_gallery, folder / "class.avi")
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    listed = tmp_path / "participants.txt"
    listed.write_text("김민준\n20231457 Park Jiwoo\n", encoding="utf-8")
    common = ["--weights", str(tiny_weights), "--text-model", str(tiny_bert_dir), "--participants", str(listed),
              "--quiet"]
    single = tmp_path / "single.csv"
    assert main(["analyze", str(folder / "class.avi"), "--csv", str(single), "--chat", str(folder / "chat.txt"),
                 *common]) == 0
    out = tmp_path / "out"
    # a worker process: the label reader loads there, as on a Ray actor
    assert main(["analyze", str(folder), "--out", str(out), "--jobs", "1", "--chat", "{dir}/chat.txt", *common]) == 0
    batch = out / "class.emotions.csv"  # the input's name + .emotions.csv

    names = _names(single)
    assert {n for _, _, n in names} >= {"김민준", "20231457 Park Jiwoo"}
    assert _names(batch) == names
    # text columns and congruence too: the chat stage sees a frame as its rows hold it, in either run
    assert batch.read_bytes() == single.read_bytes()
    assert (out / "class.emotions.chat.csv").read_bytes() == single.with_name("single.chat.csv").read_bytes()
    for key in ("names", "name_sources", "camera_off"):
        assert _sidecar(batch)[key] == _sidecar(single)[key]
    assert _sidecar(batch)["options"]["participants"] == str(listed)


def test_a_batch_with_no_names_reads_none(tmp_path, named_gallery, tiny_weights):
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(named_gallery, folder / "class.avi")
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out), "--jobs", "0", "--no-names", "--weights",
                 str(tiny_weights), "--quiet"]) == 0
    rows = _names(out / "class.emotions.csv")
    assert rows and all(n == "" for _, _, n in rows)
    sidecar = _sidecar(out / "class.emotions.csv")
    assert "names" not in sidecar and sidecar["options"]["names"] is False


def test_a_batch_gives_its_namer_the_chats_authors_as_a_single_run_does(tmp_path, named_gallery, tiny_weights,
                                                                          tiny_bert_dir, monkeypatch):
    from core.names.tile_names import TileNamer

    heard: list[list[str]] = []
    original = TileNamer.set_hints
    monkeypatch.setattr(TileNamer, "set_hints", lambda self, names: heard.append(list(names)) or original(self, names))
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(named_gallery, folder / "class.avi")
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    common = ["--weights", str(tiny_weights), "--text-model", str(tiny_bert_dir), "--quiet"]
    assert main(["analyze", str(folder / "class.avi"), "--csv", str(tmp_path / "single.csv"), "--chat",
                 str(folder / "chat.txt"), *common]) == 0
    single = [h for h in heard if h]
    heard.clear()
    # in this process (--jobs 0), so the patched namer is the one the job uses
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--jobs", "0", "--chat", "{dir}/chat.txt",
                 *common]) == 0
    batch = [h for h in heard if h]
    assert single and batch and sorted(single[-1]) == sorted(batch[-1]) == ["Andrew Knight", "Park Jiwoo", "김민준"]


def test_a_batch_reads_each_chat_file_once(tmp_path, named_gallery, tiny_weights, tiny_bert_dir, monkeypatch):
    import core.workflow.chat as workflow_chat

    reads: list[str] = []
    original = workflow_chat.read_chat_file
    monkeypatch.setattr(workflow_chat, "read_chat_file", lambda path, *a, **k: reads.append(str(path)) or original(
        path, *a, **k))
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(named_gallery, folder / "class.avi")
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--jobs", "0", "--chat", "{dir}/chat.txt",
                 "--weights", str(tiny_weights), "--text-model", str(tiny_bert_dir), "--quiet"]) == 0
    assert reads == [str(folder / "chat.txt")]  # its authors for the namer and its messages for the timeline
    assert (tmp_path / "out" / "class.emotions.chat.csv").is_file()  # the chat was added
