"""Synthetic face clips: the face is where the path puts it, empty frames have none, videos read back."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from core.sources.face_clip import background, drifting_face_frames, iter_drifting_face, write_video


def test_face_follows_the_path_and_empty_frames_follow(face_patch):
    frames, present = drifting_face_frames(face_patch, 3, 2, path=lambda i: (10 * i, 5))
    assert present == [True, True, True, False, False]
    fh, fw = face_patch.shape[:2]
    for i in range(3):
        np.testing.assert_array_equal(frames[i][5 : 5 + fh, 10 * i : 10 * i + fw], face_patch)
    np.testing.assert_array_equal(frames[3], background())


def test_path_is_clamped_and_cut_goes_grey(face_patch):
    frames, _ = drifting_face_frames(face_patch, 1, 1, size=(320, 240), path=lambda i: (1000, -50), cut_to_grey=True)
    fh, fw = face_patch.shape[:2]
    assert frames[0].shape == (240, 320, 3)
    np.testing.assert_array_equal(frames[0][0:fh, 320 - fw : 320], face_patch)
    assert (frames[1] == 200).all()


def test_written_video_reads_back(tmp_path, face_patch):
    frames, _ = drifting_face_frames(face_patch, 4, 1)
    path = write_video(tmp_path / "clip.avi", frames, 10.0)
    cap = cv2.VideoCapture(str(path))
    n = 0
    while cap.read()[0]:
        n += 1
    cap.release()
    assert n == 5


def test_frames_stream_to_the_writer_without_a_list(tmp_path, face_patch):
    frames = (f for f, _ in iter_drifting_face(face_patch, 3, 2))
    path = write_video(tmp_path / "stream.avi", frames, 10.0)
    cap = cv2.VideoCapture(str(path))
    assert int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) == 5
    cap.release()
    with pytest.raises(OSError, match="no frames"):
        write_video(tmp_path / "none.avi", iter(()), 10.0)
