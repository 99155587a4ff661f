"""Input discovery: folders recursively, globs, plain files; mirrored outputs; duplicates and clashes."""

from pathlib import Path

import pytest

from core.batch.inputs import InputError, discover


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_folder_is_searched_recursively_and_mirrored(tmp_path):
    for name in ("sem/w1/a.mp4", "sem/w1/notes.txt", "sem/w2/b.MOV", "sem/c.jpg", "sem/summary.csv"):
        touch(tmp_path / name)
    found = discover([str(tmp_path / "sem")])
    assert [(i.path.relative_to(tmp_path).as_posix(), i.rel_out.as_posix()) for i in found] == [
        ("sem/c.jpg", "c.emotions.csv"), ("sem/w1/a.mp4", "w1/a.emotions.csv"), ("sem/w2/b.MOV", "w2/b.emotions.csv")]


def test_glob_mirrors_below_its_fixed_part_and_files_come_once(tmp_path):
    a = touch(tmp_path / "rec/w1/a.mp4")
    touch(tmp_path / "rec/w2/b.avi")
    found = discover([str(tmp_path / "rec/*/*.mp4"), str(a), str(tmp_path / "rec/w2/*")])
    assert [i.rel_out.as_posix() for i in found] == ["w1/a.emotions.csv", "b.emotions.csv"]


@pytest.mark.parametrize("spec, message", [("absent.mp4", "no such file"), ("*.nothing", "no files match"),
                                           ("empty", "no video or image files")])
def test_nothing_to_do_is_an_input_error(tmp_path, spec, message):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=message):
        discover([str(tmp_path / spec)])


def test_two_inputs_with_one_output_are_refused(tmp_path):
    a, b = touch(tmp_path / "x/lec.mp4"), touch(tmp_path / "y/lec.avi")
    with pytest.raises(InputError, match="would both write lec.emotions.csv"):
        discover([str(a), str(b)])
