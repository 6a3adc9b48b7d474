"""MTCNN (PyPI mtcnn-runtime, onnxruntime on THREADS threads, default one) on every PNG frame of a folder: one JSON
line per frame with the faces found and the milliseconds taken. Run by `benches/faces_vs_mtcnn.rs`
for the side-by-side benchmark; min face 8 % of the frame height, as the kiosk counts faces.

    python3 scripts/photo-set/mtcnn_bench.py FRAMES_DIR [THREADS]
"""
import glob
import json
import os
import sys
import time

import cv2
import onnxruntime

_Session = onnxruntime.InferenceSession


THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 1


def _one_thread(path, *args, **kwargs):
    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = THREADS
    opts.inter_op_num_threads = 1
    kwargs["sess_options"] = opts
    return _Session(path, *args, **kwargs)


onnxruntime.InferenceSession = _one_thread
from mtcnnruntime import MTCNN  # noqa: E402


def main():
    det = MTCNN()
    frames = sorted(glob.glob(os.path.join(sys.argv[1], "*.png")))
    for path in frames:
        img = cv2.imread(path)
        min_face = 0.08 * img.shape[0]
        det.detect(img, min_face_size=min_face)  # warm-up, not timed
        t = time.perf_counter()
        boxes, _ = det.detect(img, min_face_size=min_face)
        ms = (time.perf_counter() - t) * 1000.0
        big = [b for b in boxes if b[3] - b[1] >= min_face] if len(boxes) else []
        print(json.dumps({"file": os.path.basename(path), "faces": len(big), "ms": ms}), flush=True)


if __name__ == "__main__":
    main()
