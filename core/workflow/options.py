"""How to analyse: the options one run, a batch worker or a Ray actor is given (a frozen record that crosses processes)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Fields that do not shape the rows (device, weights: the models' digests say those) or that the
# sidecar records in other words (the participants file's path, not its names; names only when off).
_NOT_RECORDED = ("device", "weights", "names", "participants", "participants_file")


@dataclass(frozen=True)
class AnalysisOptions:
    """How to analyse (crosses to worker processes and Ray actors)."""

    device: str = "auto"
    weights: str | None = None
    every: int = 1
    smooth: float = 0.0
    full_every: int = 10
    split_minutes: float | None = None
    views: str | None = None  # test-time views of each face (None: what the weights ship with)
    attention: bool = False  # attention signals (head pose, eyes) per face
    names: bool = True  # read participants' names off the gallery tiles' labels
    participants: tuple[str, ...] = ()  # the class's participants list, read once by whoever starts the run
    participants_file: str | None = None  # where that list came from, as the sidecar records it

    def recorded(self, chat: dict[str, object] | None = None) -> dict[str, object]:
        """The options that shape the rows, as sidecars record them (a change means the input is redone).

        `chat` adds a chat's options (file, half-life, start) before the naming ones.
        """
        out = {k: v for k, v in asdict(self).items() if k not in _NOT_RECORDED}
        out.update(chat or {})
        if self.participants_file:
            out["participants"] = self.participants_file
        if not self.names:
            out["names"] = False
        return out
