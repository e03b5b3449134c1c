#!/usr/bin/env python3
"""Fits MTCNN.shapePredictorBox(for:) (and tries a refinement pass) on every face of shared/data
that both dlib's HOG detector and Footfall's MTCNN find, cross-validated.

Inputs: dlib's answer (rect, 5 landmarks, descriptor per face) from shared/reference/dlib-bbt,
dlib-scenes, Tests/Reference/dlib-held-out and dlib-more (scripts/reference/dlib-descriptors.py),
and MTCNN's boxes from Footfall itself:

    swift build -c release
    .build/release/footfall detect ../shared/data/identities ../shared/data/scenes \\
        ../shared/data/pairs ../shared/data/expressions/samples --format json > /tmp/mtcnn.json
    /tmp/dlibvenv/bin/python scripts/reference/fit-box-mapping.py /tmp/mtcnn.json [--final-only]

(--final-only: skip the cross-validation, fit on all faces; it takes about 40 minutes on 2 busy cores.)

Each dlib face is paired with the MTCNN face overlapping it most (IoU >= 0.5, each used once),
as in Tests/FacesTests/ShapePredictorBoxHeldOutTests.

The mapping: dlib's box = MTCNN's box with its centre moved by (dx, dy) of its width and height
from (0.5, 0.5), its width × w and its height × h. The four numbers minimise the mean distance
of the 5 landmarks that dlib's predictor finds in the mapped box from those it finds in dlib's
own rectangle, in units of that rectangle's width (Nelder-Mead from the old factors). The
landmarks are what the chip is aligned from, so this is the descriptor distance's cause, and a
predictor run costs 1/100 of a descriptor: the descriptor distance is measured, not minimised.

The refinement: the box dlib's HOG would give for a face, as a linear function of its 5
landmarks (least squares on dlib's own rectangles and landmarks), is applied to the landmarks
found in the mapped box and the predictor run again.

Cross-validation: faces are grouped by person or photo (ORL subject, celeb5/knn name, deepface
people joined by master.csv's "Yes" pairs, the Big Bang Theory cast across identities/bbt and
scenes/bbt*, Obama and Biden together, each other scene photo alone), the groups are dealt into
two halves of about equal face count, and each half's fit is measured on the other half.

Python's dlib takes integer rectangles only, so boxes are rounded to whole pixels here
(Footfall's predictor takes them unrounded): the figures printed are dlib's, within a pixel of
Footfall's. The tests measure Footfall's own.
"""
import csv
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import dlib
import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FOOTFALL_FIXTURES") or ROOT.parent / "shared")
DATA = SHARED / "data"
MODELS = Path(os.environ.get("FOOTFALL_MODELS") or Path.home() / ".cache/footfall/models")
REFERENCES = [SHARED / "reference/dlib-bbt/reference.json", SHARED / "reference/dlib-scenes/reference.json",
              ROOT / "Tests/Reference/dlib-held-out/reference.json", ROOT / "Tests/Reference/dlib-more/reference.json"]
OLD = np.array([0.0, 0.03, 1.07, 0.86])  # dx, dy, w, h of the mapping fitted on the first 60 faces


def box_ltrb(box):
    """Footfall's Rect (x, y, width, height) as dlib's inclusive rectangle, to whole pixels."""
    x, y, w, h = box
    return dlib.rectangle(int(round(x)), int(round(y)), int(round(x + w - 1)), int(round(y + h - 1)))


def mapped(params, box):
    dx, dy, fw, fh = params
    x, y, w, h = box
    cx, cy = x + w * (0.5 + dx), y + h * (0.5 + dy)
    return (cx - w * fw / 2, cy - h * fh / 2, w * fw, h * fh)


def iou(a, b):
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def group_of(image, deepface_groups):
    name = image.lower()
    for keys, group in ((("obama", "biden"), "obama+biden"), (("kit", "john", "rose"), "kit+rose"),
                        (("bbt", "identities/bbt"), "bbt"), (("alex",), "alex")):
        if any(k in name for k in keys):
            return group
    parts = image.split("/")
    if parts[1] == "orl":
        return "orl/" + parts[2]
    if parts[1] == "celeb5":
        return "celeb5/" + parts[3]
    if parts[0] == "pairs":
        return "deepface/" + deepface_groups.get(parts[-1], parts[-1])
    return image


def deepface_people():
    """deepface photos joined into people by master.csv's 'Yes' pairs (union-find)."""
    parent = {}

    def find(a):
        parent.setdefault(a, a)
        while parent[a] != a:
            a = parent[a]
        return a

    with open(DATA / "pairs/deepface/master.csv") as f:
        for row in csv.DictReader(f):
            a, b = find(row["file_x"]), find(row["file_y"])
            if row["Decision"] == "Yes" and a != b:
                parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in parent}


def load_faces(detections_path):
    detections = {}
    for entry in json.loads(Path(detections_path).read_text()):
        relative = Path(entry["file"]).resolve().relative_to(DATA.resolve()).as_posix()
        detections[relative] = [tuple(f["box"]) for f in entry["faces"]]  # x, y, width, height
    people = deepface_people()
    faces, unmatched, seen = [], [], set()
    for reference in REFERENCES:
        for image, entry in json.loads(reference.read_text())["images"].items():
            if image in seen:
                continue
            seen.add(image)
            boxes = list(detections[image])
            for face in entry.get("faces", [entry]):  # dlib-bbt: one face per photo, the entry itself
                l, t, r, b = face["rect_ltrb"]
                rect = (l, t, r - l + 1, b - t + 1)
                best = max(range(len(boxes)), key=lambda i: iou(boxes[i], rect), default=None)
                if best is None or iou(boxes[best], rect) < 0.5:
                    unmatched.append(f"{image} {face['rect_ltrb']}")
                    continue
                faces.append({"image": image, "group": group_of(image, people), "rect": rect, "mtcnn": boxes.pop(best),
                              "landmarks": np.array(face["landmarks5"], float), "descriptor": np.array(face["descriptor"])})
    return faces, unmatched


class Dlib:
    def __init__(self):
        self.predictor = dlib.shape_predictor(str(MODELS / "shape_predictor_5_face_landmarks.dat"))
        self.network = dlib.face_recognition_model_v1(str(MODELS / "dlib_face_recognition_resnet_model_v1.dat"))
        self.images = {}

    def image(self, relative):
        if relative not in self.images:
            self.images[relative] = np.asarray(ImageOps.exif_transpose(Image.open(DATA / relative)).convert("RGB"))
        return self.images[relative]

    def shape(self, face, box):
        return self.predictor(self.image(face["image"]), box_ltrb(box))

    def landmarks(self, face, box):
        return np.array([[p.x, p.y] for p in self.shape(face, box).parts()], float)

    def distance(self, face, box):
        shape = self.shape(face, box)
        descriptor = np.array(self.network.compute_face_descriptor(self.image(face["image"]), shape))
        return float(np.linalg.norm(descriptor - face["descriptor"]))


def landmark_error(dl, faces, boxes):
    """Mean distance of the predicted 5 points from dlib's own, in units of dlib's rectangle width."""
    return float(np.mean([np.linalg.norm(dl.landmarks(f, b) - f["landmarks"], axis=1).mean() / f["rect"][2]
                          for f, b in zip(faces, boxes)]))


def nelder_mead(f, start, step, iterations=120):
    points = [np.array(start, float)] + [np.array(start, float) + np.eye(len(start))[i] * step[i] for i in range(len(start))]
    values = [f(p) for p in points]
    for _ in range(iterations):
        order = np.argsort(values)
        points, values = [points[i] for i in order], [values[i] for i in order]
        centroid = np.mean(points[:-1], axis=0)
        reflected = centroid + (centroid - points[-1])
        fr = f(reflected)
        if fr < values[0]:
            expanded = centroid + 2 * (centroid - points[-1])
            fe = f(expanded)
            points[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            points[-1], values[-1] = reflected, fr
        else:
            contracted = centroid + 0.5 * (points[-1] - centroid)
            fc = f(contracted)
            if fc < values[-1]:
                points[-1], values[-1] = contracted, fc
            else:
                points = [points[0]] + [points[0] + 0.5 * (p - points[0]) for p in points[1:]]
                values = [values[0]] + [f(p) for p in points[1:]]
    best = int(np.argmin(values))
    return points[best], values[best]


def fit_mapping(dl, faces):
    return nelder_mead(lambda p: landmark_error(dl, faces, [mapped(p, f["mtcnn"]) for f in faces]),
                       OLD, [0.02, 0.02, 0.05, 0.05])


def landmark_features(points):
    """The geometry the refinement box is learnt from: eye-centre midpoint, eye-to-eye and eye-to-nose vectors."""
    right_eye, left_eye, nose = points[0:2].mean(axis=0), points[2:4].mean(axis=0), points[4]
    middle = (right_eye + left_eye) / 2
    return middle, right_eye - left_eye, nose - middle


def refinement_design(points):
    middle, eyes, down = landmark_features(points)
    scale = np.hypot(*eyes) + np.hypot(*down)
    # centre x, centre y, side: each a linear combination of the eye-to-eye and eye-to-nose
    # vectors' components (so rotation and head turn move the box), relative to the eye midpoint.
    return middle, np.array([eyes[0], eyes[1], down[0], down[1]]), scale


def fit_refinement(faces):
    """Least squares: dlib's rectangle (centre - eye midpoint, and its side) from dlib's own 5 landmarks."""
    rows, targets = [], []
    for f in faces:
        middle, features, scale = refinement_design(f["landmarks"])
        l, t, w, h = f["rect"]
        rows.append(np.concatenate([features, [scale]]))
        targets.append([l + (w - 1) / 2 - middle[0], t + (h - 1) / 2 - middle[1], (w + h) / 2])
    coefficients, *_ = np.linalg.lstsq(np.array(rows), np.array(targets), rcond=None)
    return coefficients  # 5 × 3: rows eyes x, eyes y, down x, down y, scale; columns centre x, centre y, side


def refined_box(coefficients, points):
    middle, features, scale = refinement_design(points)
    cx, cy, side = np.concatenate([features, [scale]]) @ coefficients
    cx, cy = cx + middle[0], cy + middle[1]
    return (cx - (side - 1) / 2, cy - (side - 1) / 2, side, side)


def split(faces):
    counts = defaultdict(int)
    for f in faces:
        counts[f["group"]] += 1
    halves, sizes = [set(), set()], [0, 0]
    for group in sorted(counts, key=lambda g: (-counts[g], g)):
        smaller = int(sizes[1] < sizes[0])
        halves[smaller].add(group)
        sizes[smaller] += counts[group]
    return [[f for f in faces if f["group"] in half] for half in halves]


def summary(distances):
    return f"mean {np.mean(distances):.4f} worst {np.max(distances):.4f}"


def evaluate(dl, faces, params, refinement):
    """Descriptor distances to dlib's: from the mapped box, and after one refinement pass."""
    plain, refined = [], []
    for f in faces:
        box = mapped(params, f["mtcnn"])
        plain.append(dl.distance(f, box))
        if refinement is not None:
            refined.append(dl.distance(f, refined_box(refinement, dl.landmarks(f, box))))
    return plain, refined


def main():
    faces, unmatched = load_faces(sys.argv[1])
    dl = Dlib()
    print(f"{len(faces)} faces matched in {len(set(f['image'] for f in faces))} photos, "
          f"{len(set(f['group'] for f in faces))} groups; {len(unmatched)} dlib faces MTCNN does not find: {unmatched}")
    halves = split(faces)
    totals = defaultdict(list)
    folds = [] if sys.argv[2:] == ["--final-only"] else [(halves[0], halves[1]), (halves[1], halves[0])]
    for k, (train, test) in enumerate(folds):
        params, error = fit_mapping(dl, train)
        refinement = fit_refinement(train)
        old, _ = evaluate(dl, test, OLD, None)
        new, refined = evaluate(dl, test, params, refinement)
        print(f"fold {k}: fit on {len(train)} faces: dx {params[0]:.4f} dy {params[1]:.4f} w {params[2]:.4f} h {params[3]:.4f} "
              f"(landmark error {error:.4f}); on the other {len(test)}: old {summary(old)}, new {summary(new)}, "
              f"refined {summary(refined)}", flush=True)
        for name, values in (("old", old), ("new", new), ("refined", refined)):
            totals[name] += values
    for name, values in totals.items():
        print(f"held-out, both folds ({len(values)} faces): {name} {summary(values)}")
    params, error = fit_mapping(dl, faces)
    refinement = fit_refinement(faces)
    print(f"all {len(faces)} faces: dx {params[0]:.4f} dy {params[1]:.4f} w {params[2]:.4f} h {params[3]:.4f} "
          f"(landmark error {error:.4f}, old {landmark_error(dl, faces, [mapped(OLD, f['mtcnn']) for f in faces]):.4f})")
    print("refinement coefficients (rows eyes x, eyes y, nose x, nose y, scale; columns centre x, centre y, side):")
    print(np.array2string(refinement, precision=4, suppress_small=True))


if __name__ == "__main__":
    main()
