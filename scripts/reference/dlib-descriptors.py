#!/usr/bin/env python3
"""dlib's faces and descriptors on the photos of shared/data beyond shared/reference.

shared/reference/dlib-bbt and dlib-scenes hold dlib's answer for 53 photos. This script gives
it for the rest of shared/data, in two sets (one JSON each; a photo is in at most one set and
never in shared/reference, by path or by identical bytes):

- held-out: identities/celeb5, identities/knn, pairs/deepface
  -> Tests/Reference/dlib-held-out/reference.json
- more: identities/orl, the photos of scenes/ (incl. scenes/dlib/) not in dlib-scenes,
  expressions/samples -> Tests/Reference/dlib-more/reference.json

Together with shared/reference they are every photo of shared/data (but expressions/ck48's
48-pixel crops, too small for either detector, and the videos) that dlib's HOG detector finds
faces in; MTCNN.shapePredictorBox(for:) is fitted on them (scripts/reference/fit-box-mapping.py).

Regenerate (once, in a throw-away venv; the committed JSON is what the tests read):

    python3 -m venv /tmp/dlibvenv
    /tmp/dlibvenv/bin/pip install dlib-bin==20.0.1.post1 numpy pillow
    /tmp/dlibvenv/bin/python scripts/reference/dlib-descriptors.py held-out
    /tmp/dlibvenv/bin/python scripts/reference/dlib-descriptors.py more

Versions used for the committed file: Python 3.11.7, dlib-bin 20.0.1.post1 (dlib 20.0.1),
numpy 2.4.6, Pillow 13.0.0; models shape_predictor_5_face_landmarks.dat and
dlib_face_recognition_resnet_model_v1.dat from the model cache (FOOTFALL_MODELS, default
~/.cache/footfall/models), i.e. face_recognition_models 0.3.0.

Procedure per photo: Pillow open, EXIF orientation applied (ImageOps.exif_transpose, as
Footfall's JPEG decoder does), convert('RGB'); dlib.get_frontal_face_detector() with upsample 1;
for every rectangle: the 5-point shape predictor, then compute_face_descriptor(image, shape)
(num_jitters 1, i.e. no jitter; padding 0.25). Photos already in shared/reference or in an
earlier set (same path or same bytes) are left out, and so are files whose content is not
JPEG, PNG or PGM (Footfall decodes those; pairs/deepface/img47.jpg is a WebP file); photos
where dlib finds no face are listed with an empty face list. ORL's PGM files are grayscale and,
like dlib-bbt's, converted to RGB.
"""
import hashlib
import json
import os
import platform
import sys
import time
from pathlib import Path

import dlib
import numpy as np
import PIL
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FOOTFALL_FIXTURES") or ROOT.parent / "shared")
DATA = SHARED / "data"
MODELS = Path(os.environ.get("FOOTFALL_MODELS") or Path.home() / ".cache/footfall/models")
# Each set: its folders of shared/data and its output; later sets skip the photos of earlier ones.
SETS = {
    "held-out": (["identities/celeb5", "identities/knn", "pairs/deepface"], "Tests/Reference/dlib-held-out/reference.json"),
    "more": (["identities/orl", "scenes", "expressions/samples"], "Tests/Reference/dlib-more/reference.json"),
}
EXTENSIONS = {".jpg", ".jpeg", ".png", ".pgm"}
DECODED = {"JPEG", "PNG", "PPM"}


def md5(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


def earlier_photos(name):
    """Relative paths and content hashes of the photos of shared/reference and of the sets before `name`."""
    paths = set(json.loads((SHARED / "reference/dlib-scenes/reference.json").read_text())["images"])
    paths |= set(json.loads((SHARED / "reference/dlib-bbt/reference.json").read_text())["images"])
    for earlier in list(SETS)[:list(SETS).index(name)]:
        folders, _ = SETS[earlier]
        paths |= {p.relative_to(DATA).as_posix() for folder in folders for p in (DATA / folder).rglob("*")
                  if p.suffix.lower() in EXTENSIONS}
    return paths, {md5(DATA / p) for p in paths}


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "held-out"
    folders, output = SETS[name]
    fitted_paths, fitted_hashes = earlier_photos(name)
    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(str(MODELS / "shape_predictor_5_face_landmarks.dat"))
    network = dlib.face_recognition_model_v1(str(MODELS / "dlib_face_recognition_resnet_model_v1.dat"))

    images, skipped = {}, []
    candidates = sorted(p for folder in folders for p in (DATA / folder).rglob("*")
                        if p.suffix.lower() in EXTENSIONS)
    for path in candidates:
        relative = path.relative_to(DATA).as_posix()
        if relative in fitted_paths or md5(path) in fitted_hashes:
            skipped.append(relative)
            continue
        start = time.time()
        opened = Image.open(path)
        if opened.format not in DECODED:
            # deepface's img47.jpg is a WebP file, which Footfall does not decode.
            skipped.append(relative)
            continue
        image = np.asarray(ImageOps.exif_transpose(opened).convert("RGB"))
        faces = []
        for rect in detector(image, 1):
            shape = predictor(image, rect)
            descriptor = network.compute_face_descriptor(image, shape)
            faces.append({
                "rect_ltrb": [rect.left(), rect.top(), rect.right(), rect.bottom()],
                "landmarks5": [[p.x, p.y] for p in shape.parts()],
                "descriptor": [round(float(v), 7) for v in descriptor],
            })
        images[relative] = {"width": int(image.shape[1]), "height": int(image.shape[0]), "faces": faces}
        print(f"{relative}: {len(faces)} faces, {time.time() - start:.1f} s", file=sys.stderr)

    document = {
        "tool": f"dlib {dlib.__version__} (pip dlib-bin), numpy {np.__version__}, Pillow {PIL.__version__}, "
                f"Python {platform.python_version()}, face_recognition_models 0.3.0 model files",
        "procedure": "Pillow open, ImageOps.exif_transpose, convert RGB; HOG frontal detector upsample 1; "
                     "shape_predictor_5_face_landmarks from each HOG rect; compute_face_descriptor(img, shape5) "
                     "(num_jitters 1 = no jitter, padding 0.25). rect_ltrb is dlib's inclusive rectangle; "
                     "landmarks are dlib's integer pixels; descriptors rounded to 7 decimals.",
        "script": f"scripts/reference/dlib-descriptors.py {name}",
        "skipped": skipped,
        "images": images,
    }
    out = ROOT / output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=None, separators=(",", ":")) + "\n")
    total = sum(len(v["faces"]) for v in images.values())
    print(f"{len(images)} photos, {total} faces, {len(skipped)} skipped (earlier set or not JPEG/PNG/PGM)", file=sys.stderr)


if __name__ == "__main__":
    main()
