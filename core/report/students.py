"""Per-student statistics of a session, the class mood over time, and who may need attention (the rule is stated here, once)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.classes import EMOTIONS
from core.report.session import ChatEntry, Session
from core.report.translatable import english

NEGATIVE: tuple[str, ...] = ("angry", "disgust", "fear", "sad")
GAP_S = 5.0  # unseen for longer than this is a presence gap (a blink of the detector is not)
MAX_BINS = 720  # time bins of the plots: enough for a page width, whatever the session's length
MIN_BIN_S = 1.0  # and no finer than a second: single frames only add flicker
# The emotion model calls many calm faces sad, so a fixed share (40% negative, a 3-minute stretch)
# flagged 17 of 22 students in a real class. A student is flagged for what sets them apart: from
# the class (robust z-score: median and MAD, which a few outliers do not move) and from their own
# first minutes (the same face, light and camera: the model's bias for that face cancels out).
ATTENTION_CLASS_Z = 2.0  # negative share this many robust deviations above the class median
ATTENTION_MIN_EXCESS = 0.15  # and at least 15 points above it (a class that agrees has a tiny MAD)
ATTENTION_MAD_FLOOR = 0.05  # the spread is never taken as less than this (five points)
ATTENTION_RISE = 0.30  # or negative 30 points more often than in their own first minutes ...
ATTENTION_RISE_Z = 1.8  # ... while also above most of the class
BASELINE_S = 300.0  # their first five minutes on camera (a fifth of their time, if they were there less than 25 min)
MIN_CLASS = 3  # fewer students than this: no class to compare with
ATTENTION_AWAY_SHARE = 0.25
RULE_TEMPLATE = english(
    "Listed first, marked ⚑: students negative ({negative} as the dominant emotion) much more often than the rest of "
    "the class (at least {excess} more of their time on camera than the class median, and {z} times the class's usual "
    "spread above it), or much more often than in their own first {baseline_min} minutes (at least {rise} more, while "
    "also above most of the class); and students off camera for at least {away} of the session. Comparing with the "
    "class and with the student's own start means a model that sees sadness in many calm faces does not flag "
    "everyone. Within each group, the larger share of negative time comes first. A presence gap is a time of more "
    "than {gap} s without the face."
)
RULE_PARAMS: dict[str, str] = {
    "negative": ", ".join(NEGATIVE), "excess": f"{ATTENTION_MIN_EXCESS:.0%}", "z": f"{ATTENTION_CLASS_Z:g}",
    "baseline_min": f"{BASELINE_S / 60:g}", "rise": f"{ATTENTION_RISE:.0%}", "away": f"{ATTENTION_AWAY_SHARE:.0%}",
    "gap": f"{GAP_S:.0f}",
}
ATTENTION_RULE = RULE_TEMPLATE.format(**RULE_PARAMS)
_NEGATIVE_IDX = np.array([EMOTIONS.index(e) for e in NEGATIVE])


@dataclass(frozen=True)
class Span:
    """A stretch of session time, in seconds from the start."""

    start_s: float
    end_s: float

    @property
    def length_s(self) -> float:
        """How long it lasts."""
        return self.end_s - self.start_s


@dataclass(frozen=True, eq=False)
class StudentStats:
    """One student over one session."""

    label: str  # the teacher-given name, or "face <id>" when unnamed
    named: bool
    face_ids: tuple[int, ...]
    first_seen_s: float
    last_seen_s: float
    on_camera_s: float
    shares: tuple[float, ...]  # share of their frames with each class dominant, in EMOTIONS order
    longest_negative: Span | None
    gaps: tuple[Span, ...]
    reasons: tuple[str, ...]  # why they may need attention; empty when nothing stands out
    strip: np.ndarray  # dominant class per plot bin, -1 where absent
    before_s: float = 0.0  # session time before they were first seen
    after_s: float = 0.0  # session time after they were last seen
    baseline_negative: float = 0.0  # negative share in their first minutes on camera
    later_negative: float = 0.0  # negative share after them (= baseline when there is no "after")
    class_z: float = 0.0  # robust z-score of their negative share in the class
    reason_parts: tuple[tuple[str, dict[str, str]], ...] = ()  # `reasons` as (English template, values), to translate

    @property
    def off_camera_s(self) -> float:
        """Session time without them: before they came, their gaps, after they left (on + off = the session)."""
        return self.before_s + self.after_s + float(sum(g.length_s for g in self.gaps
                                                         if g.start_s > self.first_seen_s and g.end_s <= self.last_seen_s))

    @property
    def negative_share(self) -> float:
        """Share of their frames with a negative class dominant."""
        return float(sum(self.shares[EMOTIONS.index(e)] for e in NEGATIVE))

    @property
    def away_s(self) -> float:
        """Total length of their presence gaps."""
        return float(sum(g.length_s for g in self.gaps))

    @property
    def flagged(self) -> bool:
        """Whether they may need attention."""
        return bool(self.reasons)


@dataclass(frozen=True, eq=False)
class SessionSummary:
    """What a session's report shows."""

    session: Session
    start_s: float
    duration_s: float
    step_s: float  # the usual time between analysed frames
    bin_s: float
    mood: np.ndarray  # [bins, 7]: share of the faces on camera with each class dominant
    faces_on_camera: np.ndarray  # [bins]: mean number of faces per frame
    students: tuple[StudentStats, ...]  # attention order
    chat: tuple[ChatEntry, ...]  # least congruent first; messages without a face comparison last

    def label_of(self, face_id: int | None) -> str:
        """The student label of a face id (for chat authors)."""
        for s in self.students:
            if face_id in s.face_ids:
                return s.label
        return f"face {face_id}" if face_id is not None else ""


def clock(seconds: float) -> str:
    """Session time as h:mm:ss (m:ss under an hour)."""
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def length(seconds: float, sec: str = " s", minute: str = " min", hour: str = " h") -> str:
    """A duration in words: '45 s', '3 min 05 s', '2 h 04 min' (other units: another language's)."""
    if seconds < 9.95 and abs(seconds - round(seconds)) > 0.05:
        return f"{seconds:.1f}{sec}"
    s = int(round(seconds))
    if s < 60:
        return f"{s}{sec}"
    if s < 3600:
        return f"{s // 60}{minute} {s % 60:02d}{sec}"
    return f"{s // 3600}{hour} {s % 3600 // 60:02d}{minute}"


def student_label(face_id: int, names: dict[int, str]) -> str:
    """How a face is called in the report: its name, else 'face <id>'."""
    return names.get(face_id) or f"face {face_id}"


def _bin(t: np.ndarray, start: float, bin_s: float, bins: int) -> np.ndarray:
    # The small offset keeps a frame exactly on a bin edge (0.3 s / 0.1 s = 2.9999...) in its own bin.
    return np.minimum(((t - start) / bin_s + 1e-6).astype(np.int64), bins - 1)


def summarise(session: Session) -> SessionSummary:
    """Per-student statistics in attention order, the class mood and the chat, for one session."""
    t_all = session.time_s
    diffs = np.diff(t_all)
    forward = diffs[diffs > 0]
    step = float(np.median(forward)) if forward.size else 1.0
    start = float(t_all.min())
    end = float(t_all.max()) + step
    duration = end - start
    bins = max(1, min(MAX_BINS, int(np.ceil(duration / max(step, MIN_BIN_S) - 1e-9))))
    bin_s = duration / bins

    face = session.face_id >= 0
    t, fid, dom = t_all[face], session.face_id[face], session.dominant[face].astype(np.int64)
    bin_of = _bin(t, start, bin_s, bins)
    counts = np.bincount(bin_of * len(EMOTIONS) + dom, minlength=bins * len(EMOTIONS)).reshape(bins, len(EMOTIONS))
    faces_per_bin = counts.sum(axis=1)
    mood = counts / np.maximum(faces_per_bin, 1)[:, None]
    frame_times = t_all[np.r_[True, diffs != 0]]
    frames_per_bin = np.bincount(_bin(frame_times, start, bin_s, bins), minlength=bins)
    faces_on_camera = faces_per_bin / np.maximum(frames_per_bin, 1)

    labels = sorted({student_label(int(i), session.names) for i in np.unique(fid)})
    index = {lab: k for k, lab in enumerate(labels)}
    lut = np.full(int(fid.max()) + 1 if fid.size else 1, -1, dtype=np.int64)
    ids_of: dict[str, list[int]] = {lab: [] for lab in labels}
    for i in np.unique(fid):
        lab = student_label(int(i), session.names)
        lut[i] = index[lab]
        ids_of[lab].append(int(i))
    sid = lut[fid]
    order = np.argsort(sid, kind="stable")
    bounds = np.searchsorted(sid[order], np.arange(len(labels) + 1))
    students = []
    for k, lab in enumerate(labels):
        rows = order[bounds[k]:bounds[k + 1]]
        students.append(_student(lab, lab in session.names.values(), tuple(ids_of[lab]), t[rows], dom[rows],
                                  bin_of[rows], bins, start, end, step))
    students = flag_standouts(students)
    students.sort(key=lambda s: (not s.flagged, -s.negative_share, -(s.longest_negative.length_s if s.longest_negative else 0), s.label))
    chat = tuple(sorted(session.chat, key=lambda m: (m.similarity is None, m.similarity or 0.0, m.time_s)))
    return SessionSummary(session, start, duration, step, bin_s, mood, faces_on_camera, tuple(students), chat)


def _student(label: str, named: bool, face_ids: tuple[int, ...], t: np.ndarray, dom: np.ndarray, bin_of: np.ndarray,
             bins: int, start: float, end: float, step: float) -> StudentStats:
    if t.size > 1 and (np.diff(t) < 0).any():
        order = np.argsort(t, kind="stable")
        t, dom, bin_of = t[order], dom[order], bin_of[order]
    keep = np.r_[True, np.diff(t) > 0]  # two faces with one name in a frame count once
    t, dom, bin_of = t[keep], dom[keep], bin_of[keep]
    dt = np.diff(t)
    gap_after = dt > GAP_S
    n_gaps = int(gap_after.sum())
    on_camera = float(t[-1] - t[0] - dt[gap_after].sum() + step * (n_gaps + 1))
    gaps = []
    if t[0] - start > GAP_S:
        gaps.append(Span(start, float(t[0])))
    gaps += [Span(float(t[i]) + step, float(t[i + 1])) for i in np.nonzero(gap_after)[0]]
    if end - (t[-1] + step) > GAP_S:
        gaps.append(Span(float(t[-1]) + step, end))
    shares = np.bincount(dom, minlength=len(EMOTIONS)) / dom.size

    neg = np.isin(dom, _NEGATIVE_IDX)
    joined = neg[1:] & neg[:-1] & ~gap_after  # row i and i+1 belong to one negative stretch
    starts = np.nonzero(neg & ~np.r_[False, joined])[0]
    ends = np.nonzero(neg & ~np.r_[joined, False])[0]
    longest = None
    if starts.size:
        lengths = t[ends] - t[starts] + step
        j = int(np.argmax(lengths))
        longest = Span(float(t[starts[j]]), float(t[ends[j]] + step))

    strip_counts = np.bincount(bin_of * len(EMOTIONS) + dom, minlength=bins * len(EMOTIONS)).reshape(bins, len(EMOTIONS))
    strip = np.where(strip_counts.sum(axis=1) > 0, strip_counts.argmax(axis=1), -1).astype(np.int8)
    strip = _fill_short_gaps(strip, t, gap_after, start, (end - start) / bins, step)

    before = float(t[0]) - start
    after = max(0.0, end - (float(t[-1]) + step))
    inner = float(dt[gap_after].sum() - step * n_gaps)
    on_camera = max(0.0, (end - start) - before - after - inner)  # on + off is the whole session, exactly
    baseline_span = min(BASELINE_S, on_camera / 5)
    early = t < t[0] + baseline_span
    baseline = float(neg[early].mean()) if early.any() else 0.0
    later = float(neg[~early].mean()) if (~early).any() else baseline
    parts = []
    off = before + after + inner
    if end > start and off / (end - start) >= ATTENTION_AWAY_SHARE:
        parts.append((english("off camera {share} of the session"), {"share": f"{off / (end - start):.0%}"}))
    reasons = [template.format(**values) for template, values in parts]
    return StudentStats(label, named, face_ids, float(t[0]), float(t[-1]), on_camera, tuple(float(x) for x in shares),
                        longest, tuple(gaps), tuple(reasons), strip, before, after, baseline, later,
                        reason_parts=tuple(parts))


def _fill_short_gaps(strip: np.ndarray, t: np.ndarray, gap_after: np.ndarray, start: float, bin_s: float,
                     step: float) -> np.ndarray:
    """White only where the time counts as off camera (before, after, gaps over GAP_S): an empty bin inside
    a shorter absence takes the emotion before it, so the strip and the on/off shares agree."""
    centre = start + (np.arange(strip.size) + 0.5) * bin_s
    off = (centre < t[0]) | (centre >= t[-1] + step)
    for i in np.nonzero(gap_after)[0]:
        off |= (centre >= t[i] + step) & (centre < t[i + 1])
    filled = strip.copy()
    for k in np.nonzero((strip < 0) & ~off)[0]:
        filled[k] = filled[k - 1] if k > 0 and filled[k - 1] >= 0 else -1
    return np.where(off, -1, filled).astype(np.int8)


def flag_standouts(students: list[StudentStats]) -> list[StudentStats]:
    """Add the negative-emotion reasons (see ATTENTION_RULE): against the class, and against their own start."""
    if len(students) < MIN_CLASS:
        return students
    neg = np.array([s.negative_share for s in students])
    median = float(np.median(neg))
    spread = max(1.4826 * float(np.median(np.abs(neg - median))), ATTENTION_MAD_FLOOR)
    out = []
    for s, share in zip(students, neg):
        z = (share - median) / spread
        parts = []
        if z >= ATTENTION_CLASS_Z and share - median >= ATTENTION_MIN_EXCESS:
            parts.append((english("negative {share} of the time on camera (class median {median})"),
                          {"share": f"{share:.0%}", "median": f"{median:.0%}"}))
        rise = s.later_negative - s.baseline_negative
        if rise >= ATTENTION_RISE and z >= ATTENTION_RISE_Z:
            parts.append((english("negative {later} of the time after the first minutes (was {baseline})"),
                          {"later": f"{s.later_negative:.0%}", "baseline": f"{s.baseline_negative:.0%}"}))
        out.append(replace(s, reasons=tuple(t.format(**v) for t, v in parts) + s.reasons,
                           reason_parts=tuple(parts) + s.reason_parts, class_z=float(z)))
    return out
