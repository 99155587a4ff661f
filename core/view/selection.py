"""Which face the window follows: the one picked (a click on the video or a card), else the largest on screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from core.records import FaceResult


def most_present(faces: Iterable[FaceResult]) -> int:
    """The id of the largest face (the nearest to the camera, or the biggest tile)."""
    return max(faces, key=lambda f: f.box[2] * f.box[3]).face_id


class Selection:
    """The selected face id; when that face is not in a frame and others are, the largest of them is picked.

    A selected face that leaves an empty picture stays selected (its card and bars keep its last reading).
    """

    def __init__(self) -> None:
        self.face_id: int | None = None

    def pick(self, face_id: int | None) -> bool:
        """Select `face_id`; True if that changed the selection."""
        if face_id == self.face_id:
            return False
        self.face_id = face_id
        return True

    def clear(self) -> None:
        """Nothing selected (a new source): the next frame with faces picks one."""
        self.face_id = None

    def follow(self, faces: Mapping[int, FaceResult]) -> bool:
        """Keep the selection if its face is in `faces`, else pick the largest there; True if it changed."""
        if self.face_id in faces or not faces:
            return False
        return self.pick(most_present(faces.values()))
