"""Tokenizer loading for text models: Hugging Face tokenizers, and SentencePiece models used BERT-style.

SKT's KoBERT ships a SentencePiece model (`spiece.model`) behind an XLNet-derived tokenizer
class. Recent `transformers` rebuild such tokenizers with NFKD normalisation, which splits
every Hangul syllable into jamo that KoBERT's vocabulary does not contain; so a folder with
a SentencePiece model and no `tokenizer.json` is read with SentencePiece itself, its piece
ids being the model's token ids.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path


class SentencePieceTokenizer:
    """The few tokenizer methods the text model needs, straight from a SentencePiece model."""

    model_input_names = ["input_ids", "token_type_ids", "attention_mask"]

    def __init__(self, model_file: str | Path, cls_token: str = "[CLS]", sep_token: str = "[SEP]",
                 pad_token: str = "[PAD]", unk_token: str = "[UNK]", mask_token: str = "[MASK]") -> None:
        import sentencepiece as spm

        self.model_file = Path(model_file)
        self.sp = spm.SentencePieceProcessor(model_file=str(self.model_file))
        self.tokens = {"cls_token": cls_token, "sep_token": sep_token, "pad_token": pad_token,
                       "unk_token": unk_token, "mask_token": mask_token}
        for name, piece in self.tokens.items():
            pid = self.sp.piece_to_id(piece)
            if pid == self.sp.unk_id() and piece != unk_token:
                raise ValueError(f"{self.model_file.name} has no {piece} piece")
            setattr(self, f"{name}_id", pid)

    def __len__(self) -> int:
        return self.sp.get_piece_size()

    def tokenize(self, text: str) -> list[str]:
        """SentencePiece pieces of the text."""
        return self.sp.encode(text, out_type=str)

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int]:
        """Piece ids (the model's token ids)."""
        return [self.sp.piece_to_id(t) for t in tokens]

    def save_pretrained(self, folder: str | Path) -> None:
        """Copy the SentencePiece model and note its special tokens."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if self.model_file.resolve() != (folder / self.model_file.name).resolve():
            shutil.copy2(self.model_file, folder / self.model_file.name)
        (folder / "special_tokens_map.json").write_text(json.dumps(self.tokens, indent=2), encoding="utf-8")


def load_tokenizer(folder: str | Path):
    """The tokenizer of a model folder: SentencePiece when it has a `.model` file and no tokenizer.json."""
    folder = Path(folder)
    pieces = sorted(folder.glob("*.model"))
    if pieces and not (folder / "tokenizer.json").is_file():
        specials = {}
        special_map = folder / "special_tokens_map.json"
        if special_map.is_file():
            raw = json.loads(special_map.read_text(encoding="utf-8"))
            for key in ("cls_token", "sep_token", "pad_token", "unk_token", "mask_token"):
                value = raw.get(key)
                if isinstance(value, dict):
                    value = value.get("content")
                if isinstance(value, str):
                    specials[key] = value
        return SentencePieceTokenizer(pieces[0], **specials)
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
