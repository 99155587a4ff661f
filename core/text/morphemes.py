"""Korean morphemes by Kiwi (kiwipiepy): one shared analyser, loaded on first use, and the head's morpheme features.

Korean glues endings and particles onto stems ("먹었는데" = 먹/VV + 었/EP + 는데/EC), so the
same word shows up in many surface forms; character n-grams only partly see through that.
Kiwi splits a message into morphemes with part-of-speech tags and gives each stem its
dictionary form (lemma), which the n-gram head (core.text.ngrams) hashes beside its
character pieces.
"""

from __future__ import annotations

import threading
import unicodedata

_lock = threading.Lock()
_kiwi = None


def kiwi():
    """The process's one Kiwi analyser, built on first call (about 2 s, plus about 2 s on its first message)."""
    global _kiwi
    with _lock:
        if _kiwi is None:
            import kiwipiepy_model
            from kiwipiepy import Kiwi

            # The model folder is named explicitly so that a bundle (PyInstaller) carries and finds it.
            # Without the multi-word and typo dictionaries Kiwi takes 298 MB instead of 483 MB, and
            # the text model's validation accuracy moves from 0.5346 to 0.5343 (one sentence in 3,846).
            k = Kiwi(model_path=kiwipiepy_model.get_model_path(), load_multi_dict=False, load_typo_dict=False)
            k.tokenize("준비")  # the language model itself loads on the first analysis
            _kiwi = k
        return _kiwi


def morphemes(text: str) -> list[tuple[str, str, str]]:
    """(form, tag, lemma) of each morpheme of an NFC-normalised message, e.g. ("먹", "VV", "먹다")."""
    # A lone surrogate (broken UTF-16 from a paste) cannot reach the C++ analyser: make it "?".
    text = unicodedata.normalize("NFC", text).encode("utf-8", "replace").decode("utf-8")
    analyser = kiwi()
    with _lock:
        tokens = analyser.tokenize(text)
    return [(t.form, t.tag, t.lemma) for t in tokens]


def morpheme_features(morphs: list[tuple[str, str, str]]) -> list[str]:
    """Feature strings: each lowercased form/tag, each lemma that differs from its form, each adjacent pair."""
    # Irregular-conjugation marks ("VV-I") are dropped: the tag, not the conjugation, carries the meaning.
    units = [f"{form.lower()}/{tag.split('-')[0]}" for form, tag, _ in morphs]
    feats = [f"m:{u}" for u in units]
    feats += [f"l:{lemma}" for form, _, lemma in morphs if lemma != form]
    seq = ["<s>", *units, "</s>"]
    feats += [f"mb:{a} {b}" for a, b in zip(seq, seq[1:])]
    return feats
