"""Person mattes of the public-domain source portraits, for making the labelled photo set.

Only the test set is made this way: the kiosk never edits or mattes a citizen's photo. GrabCut
(OpenCV) starts from the face MTCNN finds: the face and the chest below it are the person for
sure, everything outside a generous box around them is background for sure.
"""
import cv2
import numpy as np
from mtcnnruntime import MTCNN

_DET = None


def face(img):
    """The largest face: box (x0, y0, x1, y1), eyes ((lx, ly), (rx, ry)), mouth centre."""
    global _DET
    if _DET is None:
        _DET = MTCNN()
    boxes, pts = _DET.detect(img, min_face_size=40)
    i = int(np.argmax((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])))
    b, p = boxes[i], pts[i]
    eyes = ((p[0], p[5]), (p[1], p[6]))
    mouth = ((p[3] + p[4]) / 2, (p[8] + p[9]) / 2)
    return tuple(float(v) for v in b[:4]), eyes, mouth


def matte(img, hair_up=1.0, hair_side=1.0, shoulders=1.0, head_half=1.5, drop_blue=False):
    """A 0..1 float mask of the person in BGR `img`."""
    h, w = img.shape[:2]
    (x0, y0, x1, y1), eyes, mouth = face(img)
    fw, fh = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    k = min(1.0, 700.0 / max(h, w))
    small = cv2.resize(img, (int(w * k), int(h * k)), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape[:2]
    mask = np.full((sh, sw), cv2.GC_BGD, np.uint8)
    # Probable person: from well above the face to the bottom, wide at the shoulders.
    top = max(0, int((y0 - 0.9 * hair_up * fh) * k))
    mask[top:, max(0, int((cx - 1.3 * hair_side * fw) * k)):int((cx + 1.3 * hair_side * fw) * k)] = cv2.GC_PR_FGD
    sho = int((y1 + 0.3 * fh) * k)
    mask[sho:, max(0, int((cx - 2.6 * fw) * k)):int((cx + 2.6 * fw) * k)] = cv2.GC_PR_FGD
    # Sure person: the face core and the chest.
    mask[int((y0 + 0.15 * fh) * k):int((y1 - 0.1 * fh) * k), int((x0 + 0.2 * fw) * k):int((x1 - 0.2 * fw) * k)] = cv2.GC_FGD
    mask[int((y1 - 0.1 * fh) * k):, int((cx - 0.3 * fw) * k):int((cx + 0.3 * fw) * k)] = cv2.GC_FGD
    for row in range(int((y1 + 0.45 * fh) * k), sh):
        # Shoulders widen to 1.7 face widths either side within one face height below the chin.
        t = min(1.0, (row / k - (y1 + 0.45 * fh)) / fh)
        half = (0.5 + 1.2 * t) * fw * shoulders
        mask[row, max(0, int((cx - half) * k)):int((cx + half) * k)] = cv2.GC_FGD
    # The frame's top and side edges are background (the portraits are framed with room around).
    e = max(2, sw // 40)
    mask[:e, :] = cv2.GC_BGD
    mask[: int(y1 * k), :e] = cv2.GC_BGD
    mask[: int(y1 * k), -e:] = cv2.GC_BGD
    bgd, fgd = np.zeros((1, 65)), np.zeros((1, 65))
    cv2.grabCut(small, mask, None, bgd, fgd, 6, cv2.GC_INIT_WITH_MASK)
    m = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 1.0, 0.0).astype(np.float32)
    # Keep the component with the face.
    n, lab = cv2.connectedComponents((m > 0).astype(np.uint8))
    keep = lab[int(((y0 + y1) / 2) * k), int(cx * k)]
    m = (lab == keep).astype(np.float32)
    m = cv2.resize(m, (w, h), interpolation=cv2.INTER_LINEAR)
    # Above the shoulders nothing lies further out than the head and its hair can.
    xs = np.arange(w)[None, :]
    ys = np.arange(h)[:, None]
    far = (np.abs(xs - cx) > head_half * fw) & (ys < y1 + 0.5 * fh)
    m[far] = 0.0
    if drop_blue:
        # Pieces of a blue flag GrabCut left beside the shoulders.
        b, g, r = (img[..., c].astype(np.float32) for c in range(3))
        blue = (b > r + 40) & (b > g + 25) & (np.abs(xs - cx) > 0.9 * fw)
        m[cv2.dilate(blue.astype(np.uint8), np.ones((7, 7), np.uint8)) > 0] = 0.0
    m = cv2.GaussianBlur(m, (0, 0), 1.2)
    return np.clip(m, 0, 1)
