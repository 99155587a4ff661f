import importlib

import pytest

from benchmarks import bench_names, shared_data


def test_the_default_data_lies_beside_the_checkout_whatever_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EMOSYNC_SHARED_DATA", raising=False)
    paths = importlib.reload(shared_data)
    assert paths.FER_TEST.is_absolute()
    assert paths.FER_TEST == paths.ROOT.parent / "shared" / "data" / "fer2013" / "PublicTest.npz"
    assert (paths.ROOT / "benchmarks" / "shared_data.py").is_file()


def test_a_data_path_given_and_absent_is_an_error_never_the_generated_faces(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        bench_names.main(["--data", str(tmp_path / "absent.npz")])
    assert exc.value.code == 2
    assert "no such file" in capsys.readouterr().err


def test_no_data_file_means_the_astronaut_variants(tmp_path):
    images, labels, what = shared_data.faces_or_astronaut(tmp_path / "absent.npz")
    assert what == "astronaut variants" and len(images) == len(labels) > 0 and not labels.any()
