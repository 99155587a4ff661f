import time

from core.text.morphemes import kiwi, morpheme_features, morphemes

HOSTILE = ["", "   ", "😀🙂 emoji", "\x00\x07제어\r\n", "mixed 한글 English ١٢٣", "\ud800 lone surrogate", "ㅋ" * 2000]


def test_kiwi_splits_stems_from_endings_and_gives_lemmas():
    morphs = morphemes("밥을 먹었는데 짜증나")
    assert ("먹", "VV", "먹다") in morphs
    assert ("짜증", "NNG", "짜증") in morphs
    assert [m[0] for m in morphs[:2]] == ["밥", "을"]


def test_features_hold_tagged_forms_lemmas_and_pairs():
    feats = morpheme_features([("먹", "VV", "먹다"), ("었", "EP", "었"), ("듣", "VV-I", "듣다")])
    assert feats == ["m:먹/VV", "m:었/EP", "m:듣/VV", "l:먹다", "l:듣다",
                     "mb:<s> 먹/VV", "mb:먹/VV 었/EP", "mb:었/EP 듣/VV", "mb:듣/VV </s>"]
    assert morpheme_features([]) == ["mb:<s> </s>"]


def test_one_analyser_loaded_once_and_hostile_text_is_safe():
    first = kiwi()
    t = time.perf_counter()
    assert kiwi() is first and time.perf_counter() - t < 0.01
    for text in HOSTILE:
        assert all(isinstance(f, str) for f in morpheme_features(morphemes(text)))
