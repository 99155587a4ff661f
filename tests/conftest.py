"""Shared fixtures: synthetic clips with a real face, tiny random models, thread-leak checks."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tqdm  # noqa: E402

from core.sources.face_clip import drifting_face_frames, write_video  # noqa: E402

tqdm.tqdm.monitor_interval = 0  # its process-wide monitor thread would read as a leak

# Region of scikit-image's astronaut photo (512x512 RGB) holding the face, with some context.
ASTRONAUT_FACE = (140, 20, 170, 200)  # x, y, w, h


@pytest.fixture(scope="session")
def astronaut_bgr() -> np.ndarray:
    """scikit-image's bundled astronaut photo (a real face), as BGR."""
    from skimage import data

    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="session")
def face_patch(astronaut_bgr: np.ndarray) -> np.ndarray:
    """The astronaut's head and shoulders, about 200 px tall."""
    x, y, w, h = ASTRONAUT_FACE
    return astronaut_bgr[y : y + h, x : x + w].copy()


def make_frames(face_patch: np.ndarray, n_face: int = 20, n_empty: int = 10) -> tuple[list, list]:
    """Frames with the face drifting right, then a cut to an empty grey scene; (frames, face_present)."""
    return drifting_face_frames(face_patch, n_face, n_empty, path=lambda i: (120 + 6 * i, 120), cut_to_grey=True)


@pytest.fixture(scope="session")
def synthetic_frames(face_patch: np.ndarray) -> tuple[list, list]:
    """20 frames of a moving real face then 10 empty ones, and which frames hold a face."""
    return make_frames(face_patch)


@pytest.fixture(scope="session")
def synthetic_video(tmp_path_factory: pytest.TempPathFactory, synthetic_frames) -> Path:
    """The synthetic frames written as a 25 frames/s video file."""
    frames, _ = synthetic_frames
    return write_video(tmp_path_factory.mktemp("clips") / "clip.avi", frames, 25.0)


@pytest.fixture(scope="session")
def tiny_weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised smallest model saved in the shipped-weights format."""
    import torch

    from core.vision.network.emotion_cnn import create_model
    from core.vision.network.weights import save_weights

    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("weights") / "tiny.pt"
    save_weights(path, create_model("emonet_t").eval(), "emonet_t", {"note": "random, for tests"})
    return path


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """Fail a test that leaves threads of its own running."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2.0
    while True:
        leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"


@pytest.fixture(scope="session")
def tiny_bert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random BERT classifier with our own WordPiece tokenizer, in Hugging Face format."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    from core.classes import EMOTIONS
    from training.text_tokenizer import train_tokenizer

    out = tmp_path_factory.mktemp("tiny_bert")
    corpus = ["기쁘다 정말 좋아요", "너무 화가 난다", "무섭고 슬프다", "깜짝 놀랐어", "그냥 그래요"] * 40
    tok = train_tokenizer(corpus, out, vocab_size=150, min_frequency=1)
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=64, num_labels=7,
                     id2label=dict(enumerate(EMOTIONS)), label2id={e: i for i, e in enumerate(EMOTIONS)})
    BertForSequenceClassification(cfg).save_pretrained(str(out))
    return out


@pytest.fixture()
def factory(tiny_weights):
    """An analyzer factory (device -> FrameAnalyzer) on the real detector and a tiny random classifier."""
    from core.vision.analyzer import FrameAnalyzer
    from core.vision.classifier import EmotionClassifier
    from core.vision.detector import FaceDetector
    from core.vision.finder import FaceFinder
    from core.vision.tracker import IoUTracker

    def make(device: str) -> FrameAnalyzer:
        return FrameAnalyzer(FaceFinder(FaceDetector()), EmotionClassifier(tiny_weights, device=device), IoUTracker())
    return make
