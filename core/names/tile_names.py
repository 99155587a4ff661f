"""Each face named from its gallery tile's label, by votes over readings, and the camera-off participants.

Cost: one `step` reads at most `max_reads` labels (3-20 ms of OCR each, ~1 ms of geometry);
everything else it does is bookkeeping per face (a 64x8 thumbnail of the label region once a
second, to notice a rename). A face is read when it has settled in its seat (`settle_s`), then
every `retry_s` until named (every `idle_s` while nothing legible is there, and less and less
often while its readings keep disagreeing), then once a minute (`refresh_s`: the label's pixels
are watched; a change is read at once). On a 25-tile gallery that is ~50 reads in the first
seconds, then under one a second.

Design:

* **Votes, not readings**: each read of a label takes the next of the `READ_INPUTS` (other
  scales and binarisations of the same line). A reading counts when Tesseract was sure of it
  (mean word confidence >= `MIN_CONFIDENCE`, least sure word >= `MIN_WORD_CONFIDENCE`, a known
  role's words aside) or the syllable network vouches for its unsure Hangul words (with the chat's
  authors: an author's Hangul read sure makes the line sure, its role or Latin part written as the
  author has it when unreadable; an author's Latin read unsure is a vote a second input must
  confirm, and an author's name with a Latin letter or two read otherwise is no name: `latin_misread`),
  and it is a plausible display name (`plausible_name`: `무서ㅁ`, `권6 민`, `Bus` are not). Latin words Tesseract's
  LSTM was unsure of count when its legacy engine, a reader of character shapes, reads each of them alike and sure
  (`LabelReader.latin_check`): the LSTM reads short Latin names right but unsure (`Ryu` at 36-68, `Hana Lee` at
  25-73), and the two engines' errors are not the same ones. An icon
  beside the name (a muted microphone) read as punctuation or one or two small letters is no part of
  the reading, and its low confidence no doubt on it (`without_icons`).
  Readings of the same letters are one vote, spaced as the most spaced of them. A face is named once a reading comes
  from two different inputs, is more than half of the readings kept that found a name (a reading
  the network disputes weighs twice against), and no other reading holds it whole (`고은` beside
  `고은비`); renamed only when its last two readings, of two inputs, agree on other letters. A reading
  made of syllables the Korean model read unsure where kor+eng only guessed Latin (`weak`) is a second
  input for a name (after a third reading, `WEAK_WAIT`), not a vote: at 12 px the network vouches for
  `심상펑` where inputs read 평 and 펑 alike, and such a reading must not tip them. So is the network's own
  spelling of a reading Tesseract was unsure of, where the network is sure of every syllable and reads one
  otherwise (`SPELL_CONFIDENCE`: Tesseract's `흥채윤` at 56 on a Teams label, the network's 홍채윤). Not of a
  reading Tesseract was sure of and the network disputes: that one stays a doubt on every name (on tuning
  gallery seed 3 the network sided with 심상펑, 은펑별 and 서펑성 against the one input that read 평).
  Better unnamed than misnamed: readings that keep disagreeing leave the face unnamed (read
  every `idle_s`, then less and less often, once they have disagreed `STUBBORN_READS` times).
* **A participants list**, when given, turns each reading into its nearest listed name
  (`best_match`: jamo edit distance, cores without student numbers and roles); readings that
  match nobody are used as read when plausible (a guest not on the list). Source: `participants` or `tile`.
* **Camera-off tiles** (tiles of the faces' grid with no face) are read the same way, keyed
  by their position, and watched the same way: their name's line once a second, a read when its
  pixels change, else every `off_refresh_s` (every 5 s, unwatched, was a quarter of a 7x7
  class's reads after its first seconds); their names (`camera_off`) are participants present
  without a camera. A name that is a face's, or within the matching distance of one, is that
  student with the camera turned off (under the face's name: the roster says so), and camera-off names never
  make the names outnumber the grid's tiles (`camera_off_names`).
* **A face back under a new id** (the camera turned on again, the tracker lost it for a moment) in
  the tile of a face that is gone, its label's pixels unchanged, takes that face's votes, name and
  turn of inputs at once (`_inherit`); the gone face gives them up, so one name is never on two ids.
* **Typed names win**: this class never sees them; the engine lays typed names over these.

One thread at a time calls `step` (the name worker, or `analyze`'s frame loop); `names`,
`sources` and `camera_off` are replaced whole, so other threads read them without a lock.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from core.names.labels import (
    READ_INPUTS,
    Box,
    LabelCut,
    centre_region,
    face_label,
    label_changed,
    label_region,
    off_camera_label,
    read_input,
    signature,
    whiteness,
)
from core.names.names import (
    MATCH_DISTANCE,
    best_match,
    clean_name,
    clean_reading,
    core_name,
    has_letters,
    known_roles,
    latin_completed,
    latin_misread,
    letters,
    name_distance,
    numbered_as,
    plausible_name,
    respelled,
    role_completed,
)
from core.names.ocr import LATIN_WORD, LabelReader, LineText
from core.names.spacing import ink_spaces, with_spaces
from core.names.hangul import is_syllable
from core.names.syllables import SyllableChecker, disputed, spelled_by_network, vouches
from core.records import FaceResult
from core.vision.gallery_tiles import find_tile, grid_tiles

MIN_CONFIDENCE = 60.0  # Tesseract's mean word confidence below which a reading is dropped
# ... and its least sure word's: on single tuning labels (11-15 px, bench_labels' cases) a floor of 80
# kept 361 of 395 right readings and 29 of 77 wrong ones (a syllable misread: 펑 for 평, 멸 for 별)
MIN_WORD_CONFIDENCE = 80.0
# A label read this often without agreeing is read every `idle_s` after that, not every `retry_s`, and that
# interval doubles with each further round of the inputs up to STUBBORN_MAX_S: its reads must not keep
# costing frames for the rest of a class.
STUBBORN_READS = 2 * len(READ_INPUTS)
STUBBORN_MAX_S = 30.0
# A name whose second input is a weak reading waits until this many readings were taken: the network vouches for
# a 12 px 펑 as readily as it disputes a 평 (tuning gallery seed 3), and the first dispute came on the third read
WEAK_WAIT = 3
VOTES_KEPT = 8  # more than READ_INPUTS: every input's last reading has a say
SOURCE_TILE, SOURCE_PARTICIPANTS, SOURCE_TYPED = "tile", "participants", "typed"


@dataclass(frozen=True)
class Reading:
    """One reading of a label: the name it gave ("" for none), where from, of which input, and what it was."""

    text: str
    source: str = SOURCE_TILE
    read_from: int = 0
    text_there: bool = False  # text was there, whether or not a name could be made of it
    hinted: bool = False  # it spells a chat author letter for letter
    disputed: bool = False  # a name Tesseract read that the syllable network reads otherwise (and is sure)
    doubted: str = ""  # that name, as Tesseract read it (for benchmarks)
    gapped: str = ""  # the name spaced where the ink shows a space OCR dropped ("": none to add)
    # syllables the Korean model read unsure where kor+eng only guessed Latin (`LineText.guessed`): a second input
    # for a name other readings hold, never a vote that outweighs them
    weak: bool = False


@dataclass
class Votes:
    """Readings of one label (each with the input it was read from) and the name they agree on."""

    name: str = ""
    source: str = ""
    readings: deque[Reading] = field(default_factory=lambda: deque(maxlen=VOTES_KEPT))

    def add(self, reading: str, source: str, read_from: int = 0, text_there: bool = False, hinted: bool = False,
            disputed: bool = False, doubted: str = "") -> bool:
        """Count one reading ("" for nothing legible, or for text that is no name: `text_there`) of
        input `read_from`; True when the name changed.

        A name needs readings of two different inputs that agree: the same input read twice
        repeats its own misread. A reading that is letter for letter a name the class's chat gave
        (`hinted`: a chat author) needs no second input: a misread rarely spells another
        participant's name exactly. A `disputed` reading (the syllable network read a syllable
        otherwise) weighs twice against every other name: where inputs read a syllable two ways and
        the network sides with one, the label is in doubt, and the network is not always right either
        (`평` and `펑` at 12 px). It names no one ("") unless Tesseract's spelling is a chat author's
        and the network's is not; then it is also a vote, never hinted, for that spelling.
        """
        return self.count(Reading(reading, source, read_from, text_there or bool(reading), hinted and not disputed,
                                  disputed, doubted))

    def count(self, r: Reading) -> bool:
        """Count one reading as `add` does; True when the name changed."""
        self.readings.append(r)
        reading, source = r.text, r.source
        if not reading:
            return False
        if not self.name:
            agreed = self._agreed(reading)
            if agreed:
                self.name, self.source = agreed, source
                return True
            return False
        last = list(self.readings)[-2:]
        if (len(last) == 2 and last[0].text == last[1].text == reading and last[0].read_from != last[1].read_from
                and letters(reading) != letters(self.name) and not last[0].weak and not last[1].weak):
            self.name, self.source = reading, source
            return True
        if letters(reading) == letters(self.name):
            self.source = source
            written = self._written(letters(reading))
            if written != self.name:  # the same name, read with the space or hyphen OCR had dropped
                self.name = written
                return True
        return False

    def _agreed(self, reading: str) -> str:
        """The name the readings agree on now that `reading` came, or "". Readings of the same letters are one
        vote however OCR spaced them; the name must be read by two different inputs, be more than half of the
        readings kept that found a name (disputed ones counted twice), and none of them may hold it whole with
        more letters (`고은` beside `고은비`: a cut or a reading that lost a letter). It is written as the reading
        of its letters with the most spaces and hyphens: OCR drops them (`방소정` for 방 소정, `Yejun` for Ye-jun)
        and on the tuning labels never added one (1,749 right readings of single labels: one space dropped)."""
        key = letters(reading)
        counts = Counter(letters(r.text) for r in self.readings if r.text and not r.weak)
        same = [r for r in self.readings if r.text and letters(r.text) == key]
        # a disputed reading weighs twice against any other name (once more than its count, if it has a name):
        # the readers disagree, the label is in doubt
        against = sum(1 if r.text else 2 for r in self.readings if r.disputed and letters(r.text) != key)
        inputs = {r.read_from for r in same}
        hinted = any(r.hinted for r in same)
        if len(inputs) < 2 and not hinted or 2 * counts[key] <= sum(counts.values()) + against:
            return ""
        if not hinted and len({r.read_from for r in same if not r.weak}) < 2 and len(self.readings) < WEAK_WAIT:
            return ""  # a weak reading is the second input: one more read first, for a dispute to show
        if any(key in letters(r.text) and letters(r.text) != key for r in self.readings if r.text):
            return ""
        return self._written(key)

    def _written(self, key: str) -> str:
        """The readings of these letters as the one with the most spaces and hyphens (then the most read), or as
        the ink spaces them (`core.names.spacing`) where more than half of them, from two inputs, show it so."""
        same = [r for r in self.readings if r.text and letters(r.text) == key]
        forms = Counter(r.text for r in same)
        best = max(forms, key=lambda f: (_separators(f), forms[f]))
        shown = Counter(r.gapped or r.text for r in same)
        gapped, n = shown.most_common(1)[0]
        if (_separators(gapped) > _separators(best) and 2 * n > len(same)
                and len({r.read_from for r in same if (r.gapped or r.text) == gapped}) >= 2):
            return gapped
        return best

    @property
    def blank(self) -> bool:
        """Whether the last two readings found no text at all."""
        return len(self.readings) >= 2 and not self.readings[-1].text_there and not self.readings[-2].text_there

    @property
    def pending(self) -> bool:
        """Whether the last reading found another name than the face's (a confirming read is due soon); a
        reading that found none is no sign of a rename."""
        return bool(self.readings) and bool(self.readings[-1].text) and (
            letters(self.readings[-1].text) != letters(self.name))


@dataclass
class _Seat:
    """What is followed of one face, or of one camera-off tile."""

    first_seen_s: float
    votes: Votes = field(default_factory=Votes)
    last_read_s: float = -math.inf
    last_check_s: float = -math.inf
    read_signature: np.ndarray | None = None
    read_box: Box | None = None  # where the label's line was at the last read (its own pixels, not the face's)
    changed: bool = False
    last_seen_s: float = 0.0
    first_named_s: float | None = None
    reads: int = 0  # readings taken: the next one is of input `reads % len(READ_INPUTS)`


class TileNamer:
    """Reads gallery labels a few at a time (`step`) and keeps who is called what."""

    def __init__(self, reader: LabelReader, participants: Sequence[str] = (), hints: Iterable[str] = (),
                 checker: SyllableChecker | None = None, settle_s: float = 0.3,
                 retry_s: float = 0.5, refresh_s: float = 60.0, check_s: float = 1.0, off_refresh_s: float = 30.0,
                 idle_s: float = 3.0) -> None:
        self.reader = reader
        self.checker = checker
        self.participants = list(participants)
        self._hints: dict[str, set[str]] = {}  # a hint's letters -> its name proper as the chat writes it
        self.set_hints(hints)
        self.settle_s, self.retry_s, self.refresh_s, self.check_s = settle_s, retry_s, refresh_s, check_s
        self.off_refresh_s, self.idle_s = off_refresh_s, idle_s
        self._faces: dict[int, _Seat] = {}
        self._tiles: dict[int, Box] = {}  # face id -> its tile when last read
        self._off: dict[tuple[int, int], _Seat] = {}  # camera-off tiles by origin
        self._grid: list[Box] = []
        self._grid_of = 0  # how many faces' tiles the grid was made from
        self._shape: tuple[int, ...] = ()
        self.names: dict[int, str] = {}
        self.sources: dict[int, str] = {}
        self.camera_off: dict[str, float] = {}  # name -> last time its camera-off tile was seen
        self.reads = 0

    def set_participants(self, names: Iterable[str]) -> None:
        """Match readings to these names from now on (empty: use readings as they are)."""
        self.participants = [n for n in (clean_name(x) for x in names) if n]

    def set_hints(self, names: Iterable[str]) -> None:
        """Names the class's chat gave (its authors): a reading that spells one of them (its core, letter for
        letter) is a name from one input, spaced and hyphenated as the author is. No Hangul letter is ever
        changed to make a reading one of them; a Latin part OCR could not read beside Hangul words that spell
        one author's (`latin_completed`) is written as the author has it, and that reading needs a second input
        like any other."""
        names = list(names)
        self._hints = {}
        self._authors = sorted({clean_name(n) for n in names} - {""})
        for name in set(names):  # a long chat repeats its authors
            core = core_name(name)
            if letters(core):
                self._hints.setdefault(letters(core), set()).add(core)

    def rematch(self) -> None:
        """Names already read are matched to the (new) participants list at once."""
        for seat in [*self._faces.values(), *self._off.values()]:
            v = seat.votes
            if v.name and self.participants:
                match = best_match(v.name, self.participants)
                if match is not None:
                    v.name, v.source = match, SOURCE_PARTICIPANTS
                    v.readings.clear()
                    v.readings.extend([Reading(match, SOURCE_PARTICIPANTS, 0, True),
                                       Reading(match, SOURCE_PARTICIPANTS, 1, True)])
        self._publish()

    def forget_layout(self) -> None:
        """A new source: tiles, the grid and camera-off seats are forgotten; faces keep their votes."""
        self._tiles, self._off, self._grid, self._grid_of, self._shape = {}, {}, [], 0, ()
        self._publish()

    # ---- reading --------------------------------------------------------------------------

    def _read(self, cut: LabelCut | None, image: np.ndarray, k: int, face_id: int | None = None) -> Reading:
        """The reading of input `k` of one cut label (of face `face_id`; None: a camera-off tile); its text is ""
        when nothing legible was read, or nothing a name can be (read again soon, not after `idle_s`), or a name
        the syllable network disputes."""
        if cut is None:
            return Reading("", SOURCE_TILE, k)
        self.reads += 1
        x, y, w, h = cut.box
        colour = image[y : y + h, x : x + w] if image.ndim == 3 else None
        line = read_input(k, cut.grey, colour) if cut.grey is not None else cut.line
        got = without_icons(self.reader.read(line))
        text = clean_reading(got.text)
        if got.words and known_roles(text):
            got = _without_role(got)  # a known role's low confidence is no doubt on the name
        sure = got.confidence >= MIN_CONFIDENCE and got.least >= MIN_WORD_CONFIDENCE if got.least >= 0 else (
            got.confidence >= MIN_CONFIDENCE)
        completed = None
        if self._authors and text and _hangul_words_sure(got):
            core = core_name(text)
            roled = role_completed(got.text, self._authors)
            if roled is not None and roled != text:
                # its Hangul read sure and an author's letter for letter, its role unreadable: that author's role
                text, sure, completed = roled, True, roled
            elif letters(core) in self._hints and all(is_syllable(ch) or ch == " " for ch in core):
                sure = True  # its name proper is an author's, Hangul, read sure: doubt on a number or role is not on who
            elif letters(core) not in self._hints:
                # its Hangul read sure and an author's letter for letter, its Latin part unreadable: that author's
                completed = latin_completed(text, self._authors)
                if completed is not None:
                    text, sure = completed, True
        if (not sure and self._authors and text and got.confidence >= MIN_CONFIDENCE
                and letters(core_name(text)) in self._hints
                and (_hangul_words_sure(got) or not any(is_syllable(ch) for ch in text))):
            # an author's Latin read unsure (a Latin word at 11-13 px reads at 40-80), alone or beside the author's
            # Hangul read sure (`탁석옥 Jae`, Jae at 63), letter for letter: a vote a second input must read alike
            # (never hinted), as two unsure misreads rarely spell a participant
            sure, completed = True, text
        if not sure and text and _unsure_words_latin(got) and self._plausible(text):
            # Latin the LSTM was unsure of (`Ryu` at 36-68 on every input), read alike and sure by the legacy engine
            sure = _latin_vouched(got, self.reader.latin_check(line))
        opinion = None
        if self.checker is not None and cut.grey is not None and self._plausible(text) and any(
                is_syllable(ch) for ch in text) and (sure or _unsure_words_hangul(got)):
            same = colour is not None and colour.shape[:2] == cut.grey.shape[:2]
            opinion = self.checker.opinion(got.text.strip(), got.symbols, line,
                                           whiteness(colour) if same else cut.grey)
        if not sure and not vouches(text, opinion):
            own = spelled_by_network(text, opinion)
            if own is not None and self._plausible(own) and not self.participants:
                # Tesseract unsure, the network sure of every syllable and reading one otherwise (`흥채윤` at 56, the
                # network's 홍채윤): its spelling is a second input for a name other readings hold, never a vote
                return Reading(own, SOURCE_TILE, k, True, weak=True)
            text = ""  # unsure, and not read alike by a second reader that is not Tesseract
        if text and self.participants:
            match = best_match(text, self.participants)
            if match is not None:
                return Reading(match, SOURCE_PARTICIPANTS, k, True)
        if not self._plausible(text):
            return Reading("", SOURCE_TILE, k, True)  # a line was cut: text is there
        if self._authors and latin_misread(text, self._authors):
            return Reading("", SOURCE_TILE, k, True)  # an author's Latin letter or two read otherwise: no name
        other = disputed(text, opinion)
        if other is not None:
            # the network reads a syllable otherwise, and is sure: no name, unless one reader's spelling is a chat
            # author's letter for letter and the other's is not. The network's is then a hinted reading (two
            # readers, one of them not Tesseract, spell a participant). Tesseract's stays disputed (against every
            # other name) but is a vote for itself, never for a name another face carries: the network may be
            # right, and `하펑` a student beside an author `하평`.
            if letters(core_name(other)) in self._hints and self._plausible(other):
                text = other
            elif (letters(core_name(text)) in self._hints and letters(core_name(other)) not in self._hints
                  and letters(core_name(text)) not in self._carried(face_id)):
                return Reading(respelled(text, self._hints[letters(core_name(text))]), SOURCE_TILE, k, True,
                               disputed=True, doubted=text)
            else:
                return Reading("", SOURCE_TILE, k, True, disputed=True, doubted=text)
        forms = self._hints.get(letters(core_name(text)))
        hinted = forms is not None and completed is None  # a completed Latin part or role needs two inputs alike
        if forms:  # spaced and hyphenated as the chat writes it (OCR drops `-` and the space in `방 리`)
            spelled = numbered_as(respelled(text, forms), self._authors)
            text = spelled if self._plausible(spelled) else text
        return Reading(text, SOURCE_TILE, k, True, hinted, gapped="" if forms else _gapped(text, got, line),
                       weak=got.guessed and not hinted)

    def _plausible(self, text: str) -> bool:
        """`plausible_name`, with a two-letter Latin word beside Hangul (`조완해 Ye`) where a chat author's name
        proper is the reading's letter for letter: the author shows such a name exists (`김도현 Aa` is a misread
        of a face no author has)."""
        return plausible_name(text) or letters(core_name(text)) in self._hints and plausible_name(text, latin_beside=2)

    def _carried(self, face_id: int | None) -> set[str]:
        """The names proper (as letters) the faces other than `face_id` carry."""
        return {letters(core_name(s.votes.name)) for fid, s in self._faces.items() if fid != face_id and s.votes.name}

    def _due(self, seat: _Seat, t: float, gray: _Grey, region: Box | None, refresh_s: float) -> bool:
        if t - seat.first_seen_s < self.settle_s:
            return False
        if seat.votes.blank and not seat.changed:  # no label there (a webcam, an empty tile): look less often
            return t - seat.last_read_s >= self.idle_s
        if not seat.votes.name and not seat.changed and seat.reads >= STUBBORN_READS:
            rounds = (seat.reads - STUBBORN_READS) // len(READ_INPUTS)
            # readings that keep disagreeing: try now and then, less and less often
            return t - seat.last_read_s >= min(self.idle_s * 2 ** rounds, STUBBORN_MAX_S)
        if not seat.votes.name or seat.votes.pending or seat.changed:
            return t - seat.last_read_s >= self.retry_s
        if t - seat.last_read_s >= refresh_s:
            return True
        if region is not None and seat.read_signature is not None and t - seat.last_check_s >= self.check_s:
            seat.last_check_s = t
            if label_changed(seat.read_signature, signature(gray(), region)):
                seat.changed = True
                return True
        return False

    def step(self, image: np.ndarray, faces: Sequence[FaceResult], t: float, max_reads: int = 4) -> bool:
        """Read the labels due in this frame (at most `max_reads`); True when a name changed."""
        gray = _Grey(image)
        if image.shape[:2] != self._shape or len(self._tiles) != self._grid_of:
            self._shape, self._grid_of = image.shape[:2], len(self._tiles)
            self._grid = grid_tiles(list(self._tiles.values()), image.shape[1], image.shape[0]) if self._tiles else []
        changed = False
        due: list[tuple[int, float, int | tuple[int, int]]] = []
        present = {f.face_id for f in faces}
        for f in faces:
            seat = self._faces.get(f.face_id)
            if seat is None:
                seat = self._faces[f.face_id] = _Seat(t)
                changed |= self._inherit(f, seat, present, gray)
            seat.last_seen_s = t
            tile = self._tiles.get(f.face_id)
            region = seat.read_box if tile is not None and _inside(f.box, tile) else None
            if self._due(seat, t, gray, region, self.refresh_s):
                due.append((0 if not seat.votes.name else 1, seat.last_read_s, f.face_id))
        boxes = {f.face_id: f.box for f in faces}
        for origin, tile in self._off_tiles(faces):
            seat = self._off.get(origin)
            if seat is None:
                seat = self._off[origin] = _Seat(t)
            seat.last_seen_s = t
            if self._due(seat, t, gray, seat.read_box, self.off_refresh_s):
                due.append((0 if not seat.votes.name else 1, seat.last_read_s, origin))  # fair with faces
        due.sort(key=lambda d: (d[0], d[1]))
        for _, _, key in due[:max_reads]:
            if isinstance(key, int):
                changed |= self._read_face(gray, key, boxes[key], t)
            else:
                changed |= self._read_off(gray, key, t)
        changed |= self._forget_off(t)
        if changed:
            self._publish()
        return changed

    def _inherit(self, face: FaceResult, seat: _Seat, present: set[int], gray: _Grey) -> bool:
        """A new face id in the tile of a face that is gone, whose label is there unchanged, is that student back
        (the camera turned on again, or the tracker lost the face for a moment): it takes the gone face's votes,
        name and turn of inputs, which the gone face gives up (two ids of one name would leave the chat's author
        without a face; readings begun go on where they stopped). True when a name moved."""
        for fid, old in self._faces.items():
            tile = self._tiles.get(fid)
            if (fid in present or old is seat or not old.votes.readings or tile is None or old.read_box is None
                    or old.read_signature is None or not _inside(face.box, tile)):
                continue
            if label_changed(old.read_signature, signature(gray(), old.read_box)):
                continue
            seat.votes, old.votes = old.votes, Votes()
            seat.read_box, seat.read_signature, seat.reads = old.read_box, old.read_signature, old.reads
            seat.last_read_s, seat.first_named_s = old.last_read_s, old.first_named_s
            self._tiles[face.face_id] = tile
            return bool(seat.votes.name)
        return False

    def _read_face(self, frame: _Grey, face_id: int, box: Box, t: float) -> bool:
        seat = self._faces[face_id]
        gray = frame()
        tile = find_tile(gray, box)
        self._tiles[face_id] = tile
        seat.last_read_s, seat.changed = t, False
        cut = face_label(gray, box, tile)
        # a rename is watched on the label's line only: a face moving over the tile's bottom is no change
        seat.read_box = _widened(cut.box, label_region(tile)) if cut is not None else label_region(tile)
        seat.read_signature = signature(gray, seat.read_box)
        k = seat.reads % len(READ_INPUTS)
        seat.reads += 1
        renamed = seat.votes.count(self._read(cut, frame.image, k, face_id))
        if renamed and seat.first_named_s is None:
            seat.first_named_s = t
        return renamed

    def _off_tiles(self, faces: Sequence[FaceResult]) -> list[tuple[tuple[int, int], Box]]:
        """Tiles of the faces' grid that hold no face now."""
        if not self._grid:
            return []
        if not faces:
            return [((tile[0], tile[1]), tile) for tile in self._grid]
        # every tile against every face each frame (49 x 45 on a 7x7 grid): at once, as `_inside` tests each pair
        boxes = np.array([f.box for f in faces], dtype=np.float64)
        cx, cy = boxes[:, 0] + boxes[:, 2] / 2, boxes[:, 1] + boxes[:, 3] / 2
        g = np.array(self._grid, dtype=np.float64)[:, :, None]
        held = ((g[:, 0] <= cx) & (cx < g[:, 0] + g[:, 2]) & (g[:, 1] <= cy) & (cy < g[:, 1] + g[:, 3])).any(axis=1)
        return [((tile[0], tile[1]), tile) for tile, h in zip(self._grid, held) if not h]

    def _read_off(self, frame: _Grey, origin: tuple[int, int], t: float) -> bool:
        seat = self._off[origin]
        gray = frame()
        seat.last_read_s, seat.changed = t, False
        tile = next((g for g in self._grid if (g[0], g[1]) == origin), None)
        cut = off_camera_label(gray, tile) if tile is not None else None
        if tile is not None:  # its name's line is watched, as a face's label is (a whole tile's thumbnail hides a rename)
            middle = centre_region(tile)
            region = middle if cut is not None and _inside(cut.box, middle) else label_region(tile)
            seat.read_box = _widened(cut.box, region) if cut is not None else region
            seat.read_signature = signature(gray, seat.read_box)
        k = seat.reads % len(READ_INPUTS)
        seat.reads += 1
        r = self._read(cut, frame.image, k)
        before = seat.votes.name
        seat.votes.count(r)
        if not r.text_there and before:
            seat.votes = Votes()  # the tile emptied (the participant left)
        return seat.votes.name != before

    def _forget_off(self, t: float) -> bool:
        """Camera-off tiles that now hold a face (or are gone) stop naming a participant."""
        gone = [k for k, s in self._off.items() if t - s.last_seen_s > 0]
        named = any(self._off[k].votes.name for k in gone)
        for k in gone:
            del self._off[k]
        return named

    def _publish(self) -> None:
        names = {fid: s.votes.name for fid, s in self._faces.items() if s.votes.name}
        sources = {fid: s.votes.source for fid, s in self._faces.items() if s.votes.name}
        self.names, self.sources = names, sources
        self.camera_off = camera_off_names(names.values(), {s.votes.name: s.last_seen_s for s in self._off.values()
                                                             if s.votes.name}, len(self._grid))

    @property
    def tiles(self) -> int:
        """How many tiles the gallery's grid has (0 before one is known)."""
        return len(self._grid)

    def readings(self, face_id: int) -> list[tuple[str, int]]:
        """The readings kept for a face, oldest first, each with the input it was read from (`?`: disputed, `*`:
        hinted; for benchmarks)."""
        seat = self._faces.get(face_id)
        return [(f"?{r.doubted}" if r.disputed else r.text + "*" * r.hinted, r.read_from)
                for r in seat.votes.readings] if seat else []

    def first_named_s(self, face_id: int) -> float | None:
        """When a face first got its name (for the benchmark), or None."""
        seat = self._faces.get(face_id)
        return seat.first_named_s if seat is not None else None


def without_icons(got: LineText) -> LineText:
    """The line without the words at its ends that are an icon beside the name, not part of it, so that their
    text is no part of the name and their low confidence no doubt on it; the line as it is when nothing else would
    be left.

    An icon (a muted microphone drawn after the name, a pin before it) reads as punctuation (`=`, `&`, `~`),
    dropped at either end, or as one or two small Latin letters Tesseract is unsure of (`vu`, `je`), dropped after
    a name with Hangul in it. Tesseract's boxes cannot tell the icon apart by the space before it (its word boxes
    overlap; a word space between Latin words is as wide), so what a word reads as decides: digits (`68` is how
    `Ga` reads at 19 px as often as an icon reads `77`), a capital (a Latin name: `Um`, however unsure), three
    letters or more (`eo-hyun`), and anything before the name but punctuation stay, and with them the doubt.
    """
    words = list(got.words)
    n = len(words)
    if n < 2:
        return got

    def icon(i: int) -> bool:  # word i, at the line's end, is what an icon reads as
        word, conf = words[i]
        if not has_letters(word):
            return True
        small = conf < MIN_WORD_CONFIDENCE and len(word) <= 2 and all("a" <= ch <= "z" for ch in word)
        return small and any(is_syllable(ch) for w, _ in words[:i] for ch in w)

    last = n
    while last > 1 and icon(last - 1):
        last -= 1
    first = 0
    while first < last - 1 and not has_letters(words[first][0]):
        first += 1
    if (first, last) == (0, n):
        return got
    text = got.text.strip()
    for word, _ in reversed(words[last:]):
        if not text.endswith(word):
            return got
        text = text[: -len(word)].rstrip()
    for word, _ in words[:first]:
        if not text.startswith(word):
            return got
        text = text[len(word) :].lstrip()
    kept = words[first:last]
    symbols = got.symbols
    lengths = [len(w.replace(" ", "")) for w, _ in words]
    if len(symbols) == sum(lengths):  # each character its symbol: the syllable network still finds its own
        symbols = symbols[sum(lengths[:first]) : sum(lengths[:last])]
    confs = [c for _, c in kept]
    return replace(got, text=text, confidence=sum(confs) / len(confs), least=min(confs), symbols=symbols,
                   words=tuple(kept))


def _without_role(got: LineText) -> LineText:
    """The line's confidences without its bracketed words (from an opening bracket to the closing one, or to the
    line's end where OCR lost it); the line as it is when nothing would be left."""
    kept, inside = [], False
    for word, conf in got.words:
        inside = inside or any(ch in "([{" for ch in word)
        if not inside:
            kept.append((word, conf))
        if inside and any(ch in ")]}" for ch in word):
            inside = False
    if not kept or len(kept) == len(got.words):
        return got
    confs = [c for _, c in kept]
    return replace(got, confidence=sum(confs) / len(confs), least=min(confs), words=tuple(kept))


def _separators(text: str) -> int:
    """Spaces and hyphens (what OCR drops from a name)."""
    return sum(not ch.isalnum() for ch in text)


def _gapped(text: str, got: LineText, line: np.ndarray) -> str:
    """`text` (the name made of `got`) with the spaces the ink of `line` shows between its Hangul syllables and
    OCR dropped (`ink_spaces`), or "" when there are none or the name's syllables are not the line's."""
    raw = got.text.strip()
    if [ch for ch in text if is_syllable(ch)] != [ch for ch in raw if is_syllable(ch)]:
        return ""
    gapped = with_spaces(text, ink_spaces(raw, got.symbols, line))
    return gapped if gapped != text else ""


def _hangul_words_sure(got: LineText) -> bool:
    """Whether Tesseract was sure (`MIN_WORD_CONFIDENCE`) of every word of the line with Hangul in it (one at
    least), whatever it thought of the others."""
    hangul = [c for w, c in got.words if any(is_syllable(ch) for ch in w)]
    return bool(hangul) and min(hangul) >= MIN_WORD_CONFIDENCE


def _unsure_words(got: LineText) -> list[str]:
    """The words Tesseract was unsure of (below `MIN_WORD_CONFIDENCE`)."""
    return [w for w, c in got.words if c < MIN_WORD_CONFIDENCE]


def _unsure_words_latin(got: LineText) -> bool:
    """Whether every word Tesseract was unsure of is Latin letters: the legacy engine can check those."""
    low = _unsure_words(got)
    return bool(low) and all(LATIN_WORD.match(w) for w in low)


def _latin_vouched(got: LineText, legacy: Sequence[tuple[str, float]]) -> bool:
    """Whether the legacy engine read each of the line's unsure Latin words, letter for letter, and was sure."""
    sure = {w for w, c in legacy if c >= MIN_WORD_CONFIDENCE}
    return bool(legacy) and all(w in sure for w in _unsure_words(got))


def _unsure_words_hangul(got: LineText) -> bool:
    """Whether every word Tesseract was unsure of is Hangul syllables only: the network can check those, not
    digits, Latin or brackets."""
    low = _unsure_words(got)
    return bool(low) and all(all(is_syllable(ch) for ch in w) for w in low)


def camera_off_names(on_camera: Iterable[str], off: dict[str, float], tiles: int) -> dict[str, float]:
    """The camera-off participants (name -> when last seen), each once, never more than the tiles hold.

    A camera-off name within the matching distance of an on-camera name (jamo edits: a misread of one
    of them) is that student with the camera turned off, under the on-camera name; the others are kept
    while the names on camera and these together fit the grid's `tiles` (the most recently seen first).
    """
    on_camera = sorted(set(on_camera))
    kept: dict[str, float] = {}
    others: dict[str, float] = {}
    for name, t in off.items():
        near = min(on_camera, key=lambda n: name_distance(name, n), default=None)
        if near is not None and name_distance(name, near) <= MATCH_DISTANCE:
            kept[near] = max(t, kept.get(near, t))
        else:
            others[name] = t
    room = max(0, tiles - len(on_camera)) if tiles else len(others)
    kept.update(sorted(others.items(), key=lambda kv: -kv[1])[:room])
    return kept


class _Grey:
    """The frame in grey, converted on first use (most frames need no pixels at all)."""

    def __init__(self, image: np.ndarray) -> None:
        self.image, self._gray = image, None

    def __call__(self) -> np.ndarray:
        if self._gray is None:
            img = self.image
            self._gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        return self._gray


def _widened(line: Box, region: Box) -> Box:
    """A label's line and as much again to its right, within the label region (a longer new name shows)."""
    x, y, w, h = line
    right = min(region[0] + region[2], x + 2 * w)
    return (x, y, max(1, right - x), h)


def _inside(box: Box, tile: Box) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return tile[0] <= cx < tile[0] + tile[2] and tile[1] <= cy < tile[1] + tile[3]
