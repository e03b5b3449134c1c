"""CompreFace's own Python SDK (compreface-sdk 0.6.0, unchanged) against a Footfall server.

Usage: compreface_sdk_client.py URL PORT API_KEY TRAIN_FOLDER PROBE_PHOTO OTHER_PHOTO
Prints one JSON object with every answer the SDK returned, for the Swift test to check.
"""
import json
import os
import sys

from compreface import CompreFace

url, port, key, train, probe, other = sys.argv[1:7]
compre_face = CompreFace(url, port, {"limit": 0, "det_prob_threshold": 0.8, "prediction_count": 1,
                                     "face_plugins": "landmarks", "status": True})
recognition = compre_face.init_face_recognition(key)
faces = recognition.get_face_collection()
subjects = recognition.get_subjects()

answers = {"subject_added": subjects.add("Madonna")}
answers["examples"] = [faces.add(image_path=os.path.join(train, name), subject="Madonna") for name in sorted(os.listdir(train))]
answers["listed"] = faces.list()
answers["subjects"] = subjects.list()
answers["recognized"] = recognition.recognize(image_path=probe)
answers["detected"] = compre_face.init_face_detection(key).detect(image_path=probe)
answers["verified"] = compre_face.init_face_verification(key).verify(source_image_path=probe, target_image_path=other)
examples = [answer["image_id"] for answer in answers["examples"] if "image_id" in answer]
answers["verified_against_examples"] = [faces.verify(image_path=probe, image_id=image_id) for image_id in examples]
example = examples[0]
answers["renamed"] = subjects.update("Madonna", "Madonna Ciccone")
answers["deleted_example"] = faces.delete(example)
answers["deleted_subject"] = subjects.delete("Madonna Ciccone")
answers["subjects_after"] = subjects.list()
print(json.dumps(answers))
