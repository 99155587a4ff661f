"""A text model's folder, read without torch: where the shipped one lies, its config, its labels, its tokenizer.

Both the torch model (core.text.model) and the numpy one (core.text.numpy_model, which the
window's helper process runs without torch) start here, so a folder is judged the same way by both.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.classes import EMOTIONS, NUM_CLASSES
from core.resources import asset_path

TEXT_MODEL_DIR = "text_model"


def default_text_model_dir() -> Path:
    """The text model this project trained and ships."""
    return asset_path(TEXT_MODEL_DIR)


def label_order(id2label: dict[int, str]) -> list[int]:
    """For each class in EMOTIONS, the model output index that holds it.

    A model whose labels are our class names may order them any way; one with generic
    labels (LABEL_0 …) must have seven outputs and is taken to be in our order.
    """
    names = {i: str(n).lower() for i, n in id2label.items()}
    if set(names.values()) >= set(EMOTIONS):
        by_name = {n: i for i, n in names.items()}
        return [by_name[e] for e in EMOTIONS]
    if len(names) == NUM_CLASSES:
        return list(range(NUM_CLASSES))
    raise ValueError(f"the model has {len(names)} labels ({', '.join(names.values())}); expected the 7 emotions")


def read_config(model_dir: Path) -> dict:
    """The folder's config.json; FileNotFoundError without one, ValueError when unreadable."""
    config = Path(model_dir) / "config.json"
    if not config.is_file():
        raise FileNotFoundError(f"no text model in {model_dir} (config.json missing)")
    try:
        return json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot load the text model in {model_dir}: {e}") from None


def config_labels(cfg: dict) -> dict[int, str]:
    """id -> label name from a config (generic LABEL_i when it names none)."""
    labels = cfg.get("id2label") or {i: f"LABEL_{i}" for i in range(int(cfg.get("num_labels", 2)))}
    return {int(k): v for k, v in labels.items()}


def special_tokens(model_dir: Path) -> dict[str, str]:
    """The [CLS]/[SEP]/[PAD]/[UNK] strings the folder's tokenizer files name (BERT's own by default)."""
    tokens = {"cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]"}
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        path = Path(model_dir) / name
        if not path.is_file():
            continue
        raw = json.loads(path.read_text(encoding="utf-8"))
        for key in tokens:
            value = raw.get(key)
            if isinstance(value, dict):
                value = value.get("content")
            if isinstance(value, str):
                tokens[key] = value
    return tokens
