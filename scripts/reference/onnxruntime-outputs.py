#!/usr/bin/env python3
"""onnxruntime's outputs for four ONNX models on fixed inputs, for Tests/NeuralTests/ONNXRuntimeReferenceTests.

Regenerate (once, in a throw-away venv; the committed files are what the tests read):

    python3 -m venv /tmp/ortvenv
    /tmp/ortvenv/bin/pip install onnxruntime numpy pillow
    /tmp/ortvenv/bin/python scripts/reference/onnxruntime-outputs.py

Versions used for the committed files: Python 3.11.7, onnxruntime 1.32.0, numpy 2.4.6,
Pillow 13.0.0 (the script writes the versions it ran with into the JSON).

Models: age-v1.onnx and gender-v1.onnx from the model cache (FOOTFALL_MODELS, default
~/.cache/footfall/models); yunet_s_640_640.onnx and version-RFB-320.onnx from
../shared/models-extra (FOOTFALL_FIXTURES overrides ../shared).

Each model's input is made here from a real picture and saved as raw little-endian bytes, so that
the Swift test feeds exactly the same tensor:
- age-v1 / gender-v1: two 150x150 dlib face chips from shared/reference/dlib-scenes/chips,
  resized with Pillow's bilinear filter to 64x64 / 32x32, RGB planes, value = byte / 255;
  batch of 2; saved as float32.
- yunet: shared/data/scenes/bbt1.jpg resized (bilinear) to 640x640, BGR planes, value = byte
  (the detector takes 0...255); saved as uint8 (the float32 tensor would be 4.9 MB).
- RFB-320: shared/data/scenes/two_people.jpg resized (bilinear) to 320x240, RGB planes,
  value = (byte - 127) / 128; saved as float32.

Outputs: every value of every output, as float32 little-endian, in one .bin per model (outputs
one after another in the order onnxruntime lists them), plus a JSON with the shapes, the offset
of each output in the .bin, and per-output statistics (sum, sum of |x|, min, max). onnxruntime
runs single-threaded with all graph optimisations disabled (ORT_DISABLE_ALL), so the reference
is the plain definition of each operator.
"""
import hashlib
import json
import os
import platform
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import PIL
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FOOTFALL_FIXTURES") or ROOT.parent / "shared")
MODELS = Path(os.environ.get("FOOTFALL_MODELS") or Path.home() / ".cache/footfall/models")
OUT = ROOT / "Tests/Reference/onnxruntime"


def planes(image, order="RGB"):
    """HxWx3 uint8 -> 3xHxW uint8 in the given channel order."""
    array = np.asarray(image.convert("RGB"), dtype=np.uint8)
    if order == "BGR":
        array = array[:, :, ::-1]
    return np.ascontiguousarray(array.transpose(2, 0, 1))


def chip_batch(side):
    chips = ["scenes__two_people__0.png", "scenes__faces__2.png"]
    batch = []
    for name in chips:
        image = Image.open(SHARED / "reference/dlib-scenes/chips" / name).convert("RGB")
        batch.append(planes(image.resize((side, side), Image.Resampling.BILINEAR)).astype(np.float32) / np.float32(255))
    return np.stack(batch), ["reference/dlib-scenes/chips/" + c for c in chips]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(name, model_path, tensor, stored, stored_dtype, source, rule):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # RFB-320 lists its initializers as inputs; ort warns for each
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
    (input_info,) = session.get_inputs()
    outputs = session.run(None, {input_info.name: tensor})

    input_file = f"{name}-input.bin"
    stored.astype("<" + stored_dtype).tofile(OUT / input_file)
    output_file = f"{name}-outputs.bin"
    described, offset = [], 0
    with open(OUT / output_file, "wb") as handle:
        for info, value in zip(session.get_outputs(), outputs):
            value = np.asarray(value, dtype=np.float32)
            handle.write(value.astype("<f4").tobytes())
            described.append({
                "name": info.name,
                "shape": list(value.shape),
                "offset": offset,
                "count": int(value.size),
                "sum": float(value.astype(np.float64).sum()),
                "absSum": float(np.abs(value.astype(np.float64)).sum()),
                "min": float(value.min()),
                "max": float(value.max()),
            })
            offset += int(value.size)
    return {
        "model": model_path.name,
        "modelSHA256": sha256(model_path),
        "input": {
            "name": input_info.name,
            "shape": list(tensor.shape),
            "file": input_file,
            "storage": {"f4": "float32", "u1": "uint8"}[stored_dtype],
            "value": rule,
            "source": source,
        },
        "outputFile": output_file,
        "outputs": described,
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    results = {}

    for name, file, side in [("age", "age-v1.onnx", 64), ("gender", "gender-v1.onnx", 32)]:
        tensor, sources = chip_batch(side)
        results[name] = run(name, MODELS / file, tensor, tensor, "f4", sources,
                            f"RGB planes of each chip resized (Pillow bilinear) to {side}x{side}, byte / 255")

    image = Image.open(SHARED / "data/scenes/bbt1.jpg").convert("RGB").resize((640, 640), Image.Resampling.BILINEAR)
    bytes_ = planes(image, "BGR")[None]
    results["yunet"] = run("yunet", SHARED / "models-extra/yunet_s_640_640.onnx", bytes_.astype(np.float32),
                           bytes_, "u1", ["data/scenes/bbt1.jpg"],
                           "BGR planes of the photo resized (Pillow bilinear) to 640x640; float value = byte")

    image = Image.open(SHARED / "data/scenes/two_people.jpg").convert("RGB").resize((320, 240), Image.Resampling.BILINEAR)
    tensor = ((planes(image).astype(np.float32) - np.float32(127)) / np.float32(128))[None]
    results["rfb320"] = run("rfb320", SHARED / "models-extra/version-RFB-320.onnx", tensor, tensor, "f4",
                            ["data/scenes/two_people.jpg"],
                            "RGB planes of the photo resized (Pillow bilinear) to 320x240, (byte - 127) / 128")

    document = {
        "tool": f"onnxruntime {ort.__version__} (CPUExecutionProvider, 1 thread, ORT_DISABLE_ALL), "
                f"numpy {np.__version__}, Pillow {PIL.__version__}, Python {platform.python_version()}",
        "script": "scripts/reference/onnxruntime-outputs.py",
        "layout": "each .bin is little-endian; outputs are stored one after another, "
                  "each at 'offset' float32 values from the start",
        "models": results,
    }
    (OUT / "reference.json").write_text(json.dumps(document, indent=1) + "\n")
    for name, entry in results.items():
        print(name, [(o["name"], o["shape"]) for o in entry["outputs"]], file=sys.stderr)


if __name__ == "__main__":
    main()
