"""Makes the labelled photo set `src-tauri/testdata/photo-set/` from public-domain portraits.

    python3 scripts/photo-set/make.py SOURCES_DIR OUT_DIR

SOURCES_DIR holds the source portraits named in `src-tauri/testdata/photo-set/README.md` (where
each comes from, and how to get it). Needs numpy, opencv-python-headless, mtcnn-runtime (PyPI).
Every image is 720 x 960 (a portrait-mounted camera) unless said otherwise; the labels (the
verdict and the check that must be reported as the cause) go to OUT_DIR/labels.csv. The set is
made once and committed; the tests only read it.
"""
import csv
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from matte import face, matte  # noqa: E402

W, H = 720, 960
RNG = np.random.default_rng(20261128)

HAIR = {
    "black": (22, 20, 24),
    "brown": (38, 62, 98),
    "grey": (150, 150, 152),
    "white": (206, 208, 210),
    "blond": (110, 180, 215),
}
# BGR backdrops a counter would use: white, light grey, light blue, cream.
BACKDROPS = {
    "white": (236, 236, 236),
    "lightgrey": (212, 212, 210),
    "lightblue": (234, 218, 200),
    "cream": (212, 228, 236),
}


class Person:
    """A source portrait, its matte, and where its head is."""

    def __init__(self, path, **kw):
        self.img = cv2.imread(path)
        self.m = matte(self.img, **kw)
        (x0, y0, x1, y1), eyes, mouth = face(self.img)
        self.box = (x0, y0, x1, y1)
        self.eyes = eyes
        self.mouth = mouth
        self.cx = (eyes[0][0] + eyes[1][0] + 2 * mouth[0]) / 4
        self.eye_y = (eyes[0][1] + eyes[1][1]) / 2
        self.d = float(np.hypot(eyes[1][0] - eyes[0][0], eyes[1][1] - eyes[0][1]))
        self.chin = mouth[1] + 0.93 * (mouth[1] - self.eye_y)
        band = self.m[:, int(self.cx - 0.4 * self.d):int(self.cx + 0.4 * self.d)]
        rows = np.where(band.mean(axis=1) > 0.5)[0]
        self.crown = float(rows[0]) if len(rows) else self.eye_y - 1.8 * self.d
        self.hair = self._hair_mask()

    def _hair_mask(self):
        """Hair: the person above the brows that is not skin-coloured."""
        x0, y0, x1, y1 = self.box
        cheek = self.img[int(self.eye_y + 0.3 * self.d):int(self.eye_y + 0.7 * self.d),
                         int(self.cx - 0.3 * self.d):int(self.cx + 0.3 * self.d)]
        skin = np.median(cheek.reshape(-1, 3), axis=0)
        lab = cv2.cvtColor(self.img, cv2.COLOR_BGR2LAB).astype(np.float32)
        skin_lab = cv2.cvtColor(np.uint8([[skin]]), cv2.COLOR_BGR2LAB)[0, 0].astype(np.float32)
        dist = np.linalg.norm(lab - skin_lab, axis=2)
        ys = np.arange(self.img.shape[0])[:, None]
        xs = np.arange(self.img.shape[1])[None, :]
        above = ys < self.eye_y - 0.45 * self.d
        beside = (ys < self.eye_y + 0.6 * self.d) & (np.abs(xs - self.cx) > 1.05 * self.d)
        hair = (dist > 28) & (above | beside) & (self.m > 0.5)
        return cv2.GaussianBlur(hair.astype(np.float32), (0, 0), 1.0)


def backdrop(colour, shade=0.0):
    """A plain backdrop with the gentle fall-off of a lit screen and a little sensor noise."""
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float32)
    fall = 1.0 - 0.03 * (((xs - W / 2) / W) ** 2 + ((ys - H / 3) / H) ** 2) * 4
    img = np.array(colour, np.float32)[None, None, :] * fall[..., None]
    if shade:
        # A shadow cast on the screen to the right of the head: darker, soft-edged.
        s = np.clip((xs - W * 0.62) / 60.0, 0, 1) * np.clip((ys - H * 0.05) / 80.0, 0, 1)
        img *= (1.0 - shade * s)[..., None]
    return img


def noise(img, sigma=1.8):
    return img + RNG.normal(0, sigma, img.shape).astype(np.float32)


def recolour(img, hair, colour):
    """Hair in `colour`, its strands' light and shade kept."""
    lum = cv2.cvtColor(img.astype(np.uint8), cv2.COLOR_BGR2GRAY).astype(np.float32)
    sel = hair > 0.5
    mean = max(8.0, float(lum[sel].mean())) if sel.any() else 60.0
    rel = np.clip(lum / mean, 0.45, 1.6 if colour[0] < 180 else 1.2)
    target = np.array(colour, np.float32)[None, None, :] * rel[..., None]
    if colour[0] > 180:  # white hair: strands darker than the mean stay a little grey
        target = np.minimum(target, 250)
    a = hair[..., None]
    return img * (1 - a) + np.clip(target, 0, 255) * a


def volume(shape, p, colour, long=False, strands=0.18):
    """Full hair around and above the head (layer, alpha) in frame coordinates: a voluminous
    mass, or long hair falling beside the face to the shoulders."""
    h, w = shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = np.arctan2(ys - (p["eye_y"] - 0.5 * p["d"]), xs - p["cx"])
    wobble = 1.0 + 0.06 * np.sin(5 * ang + 1.3) + 0.04 * np.sin(11 * ang)
    reach, tall, low = (1.55, 1.85, 2.8) if long else (1.9, 2.25, 2.0)
    u = (xs - p["cx"]) / (reach * p["d"] * wobble)
    v = (ys - (p["eye_y"] - 0.5 * p["d"])) / (tall * p["d"] * wobble)
    inside = (u * u + v * v <= 1.0) & (ys < p["eye_y"] + low * p["d"])
    if long:
        inside |= (np.abs(xs - p["cx"]) < reach * p["d"] * wobble) & (ys >= p["eye_y"] - 0.5 * p["d"]) & (ys < p["eye_y"] + low * p["d"])
    alpha = cv2.GaussianBlur(inside.astype(np.float32), (0, 0), 2.0 if not long else 3.5)
    noise_ = RNG.normal(0, 1, (h, w)).astype(np.float32)
    noise_ = cv2.GaussianBlur(noise_, (0, 0), sigmaX=0.8, sigmaY=7.0)
    noise_ /= max(1e-6, noise_.std())
    base = np.array(colour, np.float32)[None, None, :]
    layer = base * (1.0 + strands * noise_[..., None])
    return np.clip(layer, 0, 255), alpha


def place(person, head_frac=0.56, cx=0.5, crown_y=0.13, angle=0.0, hair=None, big=None, long=False):
    """The person levelled (their own eye line straightened), scaled and moved into a W x H frame
    so that crown (hair included) to chin is `head_frac` of the height and the crown is at
    `crown_y`; then tilted by `angle` degrees. Returns (layer, alpha, head pose in the frame)."""
    img = person.img.astype(np.float32)
    if hair is not None:
        img = recolour(img, person.hair, HAIR[hair])
    (lx, ly), (rx, ry) = person.eyes
    roll = float(np.degrees(np.arctan2(ry - ly, rx - lx)))

    def warp(s, tx, ty):
        m = np.float32([[s, 0, tx], [0, s, ty]])
        eye = (person.cx * s + tx, person.eye_y * s + ty)
        r = cv2.getRotationMatrix2D(eye, roll, 1.0)
        m = (np.vstack([r, [0, 0, 1]]) @ np.vstack([m, [0, 0, 1]]))[:2]
        layer = cv2.warpAffine(img, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        alpha = cv2.warpAffine(person.m, m, (W, H), flags=cv2.INTER_LINEAR)
        pose = {"cx": eye[0], "eye_y": eye[1], "d": person.d * s,
                "chin": eye[1] + (person.chin - person.eye_y) * s}
        if big is not None:
            vl, va = volume((H, W), pose, HAIR[big], long=long)
            layer = layer * alpha[..., None] + vl * (1 - alpha[..., None])
            alpha = np.maximum(alpha, va)
        band = alpha[:, int(eye[0] - 0.4 * pose["d"]):int(eye[0] + 0.4 * pose["d"])]
        rows = np.where(band.mean(axis=1) > 0.5)[0]
        crown = float(rows[0]) if len(rows) else pose["eye_y"] - 1.8 * pose["d"]
        return layer, alpha, pose, crown

    # Measure at a scale that leaves room, then scale and move to the target.
    s0 = 0.3 * H / (person.chin - person.crown)
    _, _, pose, crown = warp(s0, W / 2 - person.cx * s0, H / 2 - person.eye_y * s0)
    head0 = pose["chin"] - crown
    s = s0 * head_frac * H / head0
    up = (pose["eye_y"] - crown) / s0  # crown above the eyes, in source pixels
    tx = cx * W - person.cx * s
    ty = crown_y * H + up * s - person.eye_y * s
    layer, alpha, pose, _ = warp(s, tx, ty)
    if angle:
        r = cv2.getRotationMatrix2D((pose["cx"], pose["eye_y"]), angle, 1.0)
        layer = cv2.warpAffine(layer, r, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        alpha = cv2.warpAffine(alpha, r, (W, H), flags=cv2.INTER_LINEAR)
    return layer, alpha, pose


def over(bg, layer, alpha):
    a = alpha[..., None]
    return bg * (1 - a) + layer * a


def busy(kind):
    """Backdrops that are not plain."""
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float32)
    if kind == "curtain":
        v = 150 + 60 * np.sin(xs / 18.0)
        return np.stack([v * 0.5, v * 0.55, v], axis=2)
    if kind == "check":
        c = ((xs // 40 + ys // 40) % 2).astype(np.float32)
        return np.stack([200 - 120 * c, 210 - 60 * c, 220 - 20 * c], axis=2)
    if kind == "shelves":
        img = backdrop((200, 205, 210))
        for row in range(0, H, 130):
            img[row:row + 10] = (60, 80, 110)
            x = 0
            while x < W:
                bw = int(RNG.integers(25, 70))
                bh = int(RNG.integers(60, 115))
                col = RNG.integers(30, 230, 3)
                img[max(0, row - bh):row, x:x + bw - 4] = col
                x += bw
        return img
    if kind == "window":
        img = backdrop((150, 150, 150))
        img[60:700, 430:700] = (250, 248, 245)
        img[60:700, 560:575] = (60, 60, 60)
        img[370:385, 430:700] = (60, 60, 60)
        return img
    if kind == "poster":
        img = backdrop(BACKDROPS["white"])
        img[80:420, 470:690] = (40, 90, 200)
        img[120:200, 490:670] = (240, 240, 240)
        for i in range(6):
            img[230 + 28 * i:245 + 28 * i, 490:670 - 15 * i] = (20, 20, 20)
        return img
    if kind == "flag":
        img = backdrop(BACKDROPS["lightgrey"])
        stripe = ((ys // 45) % 2 == 0) & (xs < 260)
        img[stripe] = (40, 40, 190)
        img[(ys < 320) & (xs < 130)] = (120, 50, 30)
        return img
    raise ValueError(kind)


def save(out, name, img, rows, verdict, cause, source, note, faces=1, quality=88):
    """Writes one image and its label; `faces`: the people whose face is 8 % of the frame
    height or more (the benchmark's truth for recall)."""
    img = np.clip(img, 0, 255).astype(np.uint8)
    cv2.imwrite(os.path.join(out, name), img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    rows.append({"file": name, "verdict": verdict, "cause": cause, "faces": faces,
                 "source": source, "note": note})


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    people = {
        "obama": Person(os.path.join(src, "obama.jpg")),
        "biden": Person(os.path.join(src, "biden.jpg"), drop_blue=True),
        "obama3": Person(os.path.join(src, "obama3.jpg")),
        "hopper": Person(os.path.join(src, "grace_hopper.jpg"), head_half=1.25),
        "collins": Person(os.path.join(src, "astronaut.png"), shoulders=0.9),
    }
    rows = []
    names = list(BACKDROPS)

    def plain_scene(who, hair=None, big=None, back="white", shade=0.0, **kw):
        layer, alpha, pose = place(people[who], hair=hair, big=big, **kw)
        return noise(over(backdrop(BACKDROPS[back], shade), layer, alpha)), pose

    # 1. Plain backdrops, short hair of every colour: pass.
    i = 0
    for who, colours in [("obama", HAIR), ("biden", HAIR), ("obama3", [None] * 4)]:
        for hair in colours:
            back = names[i % len(names)]
            i += 1
            img, _ = plain_scene(who, hair=hair, back=back)
            hair = hair or f"own{i}"
            save(out, f"plain-{who}-{hair}-{back}.jpg", img, rows, "pass", "", who,
                 f"short {hair} hair, {back} backdrop")
    # 2. Full (voluminous) hair of every colour on plain backdrops: pass (white and blond on a
    #    white screen: the crown may not be told from it — then a warning, never a failure).
    for who in ["obama", "biden"]:
        for hair in HAIR:
            back = names[i % len(names)]
            i += 1
            img, _ = plain_scene(who, hair=hair, big=hair, back=back, head_frac=0.58, crown_y=0.11)
            save(out, f"fullhair-{who}-{hair}-{back}.jpg", img, rows, "pass", "", who,
                 f"full {hair} hair, {back} backdrop")
    # Long hair of every colour falling to the shoulders, softer at its edge.
    for who, hair in [("collins", "black"), ("biden", "brown"), ("collins", "grey"), ("obama", "white"),
                      ("biden", "blond")]:
        back = names[i % len(names)]
        i += 1
        img, _ = plain_scene(who, hair=hair, big=hair, long=True, back=back, head_frac=0.54, crown_y=0.14)
        save(out, f"longhair-{who}-{hair}-{back}.jpg", img, rows, "pass", "", who,
             f"long {hair} hair, {back} backdrop")
    # Darker skin in good light: mid-tones darkened, highlights (eyes, teeth, shine) kept.
    for who in ["obama", "collins"]:
        back = names[i % len(names)]
        i += 1
        person = people[who]
        layer, alpha, _ = place(person)
        skin = alpha.copy()
        skin[int(H * 0.75):] = 0
        tone = 255.0 * (np.clip(layer, 0, 255) / 255.0) ** 1.6
        layer = layer * (1 - skin[..., None]) + tone * skin[..., None]
        img = noise(over(backdrop(BACKDROPS[back]), layer, alpha))
        save(out, f"darkskin-{who}-{back}.jpg", img, rows, "pass", "", who, "darker skin: mid-tones darkened, highlights kept")
    # Collins' own full hair, recoloured.
    for hair in ["brown", "grey", "white", "blond", "black"]:
        back = names[i % len(names)]
        i += 1
        img, _ = plain_scene("collins", hair=hair if hair != "brown" else None, back=back)
        save(out, f"fullhair-collins-{hair}-{back}.jpg", img, rows, "pass", "", "collins",
             f"her own full hair ({hair}), {back} backdrop")
    # Glasses and a head covering (Grace Hopper's cap).
    for back in ["white", "lightblue"]:
        img, _ = plain_scene("hopper", back=back)
        save(out, f"cap-glasses-hopper-{back}.jpg", img, rows, "pass", "", "hopper",
             f"uniform cap and glasses, {back} backdrop")

    # 3. Busy, patterned and shadowed backdrops: background fails.
    for k, (who, kind) in enumerate([("obama", "curtain"), ("biden", "check"), ("obama", "shelves"),
                                      ("obama3", "window"), ("biden", "poster"), ("obama3", "flag"),
                                      ("collins", "shelves"), ("obama", "poster"),
                                      ("biden", "curtain"), ("hopper", "check")]):
        layer, alpha, _ = place(people[who])
        img = noise(over(busy(kind), layer, alpha))
        save(out, f"busy-{who}-{kind}.jpg", img, rows, "fail", "background", who, f"{kind} behind")
    for who in ["obama", "biden"]:
        img, _ = plain_scene(who, back="white", shade=0.45)
        save(out, f"shadow-{who}.jpg", img, rows, "fail", "background", who,
             "a deep shadow on the screen beside the head")
    for f in ["obama.jpg", "biden.jpg", "grace_hopper.jpg", "obama2.jpg"]:
        img = cv2.imread(os.path.join(src, f))
        _, ((lx, ly), (rx, ry)), _ = face(img)
        roll = float(np.degrees(np.arctan2(ry - ly, rx - lx)))
        # The head's own tilt (by MTCNN) comes before the backdrop in the pipeline.
        cause = "roll" if abs(roll) > 5.0 else "background"
        save(out, f"original-{f.split('.')[0]}.jpg", img.astype(np.float32), rows, "fail", cause, f,
             f"the original photo: flags, curtains, an office; head tilt {roll:.1f} degrees (MTCNN)")

    # 4. More than one person: faces fails.
    two = backdrop(BACKDROPS["white"])
    for who, x in [("obama", 0.28), ("biden", 0.74)]:
        layer, alpha, _ = place(people[who], head_frac=0.36, cx=x, crown_y=0.2)
        two = over(two, layer, alpha)
    save(out, "two-side-by-side.jpg", noise(two), rows, "fail", "faces", "obama, biden", "two people",
         faces=2)
    three = backdrop(BACKDROPS["lightgrey"])
    for who, x in [("collins", 0.2), ("biden", 0.5), ("obama", 0.8)]:
        layer, alpha, _ = place(people[who], head_frac=0.28, cx=x, crown_y=0.25)
        three = over(three, layer, alpha)
    save(out, "three-people.jpg", noise(three), rows, "fail", "faces", "collins, biden, obama", "three",
         faces=3)
    for k, (front, back_who, x, y, frac) in enumerate([
            ("obama", "biden", 0.86, 0.03, 0.16), ("biden", "collins", 0.12, 0.05, 0.15),
            ("obama3", "obama", 0.88, 0.45, 0.14), ("collins", "biden", 0.1, 0.62, 0.15),
            ("hopper", "obama", 0.9, 0.05, 0.13)]):
        bg = backdrop(BACKDROPS[names[k % 4]])
        layer, alpha, _ = place(people[back_who], head_frac=frac, cx=x, crown_y=y)
        bg = over(bg, layer, alpha)
        layer, alpha, _ = place(people[front])
        img = noise(over(bg, layer, alpha))
        save(out, f"behind-{front}-{back_who}-{k}.jpg", img, rows, "fail", "faces",
             f"{front}, {back_who}", "a second, smaller face at the frame's edge", faces=2)

    # 5. Tilted, dark, blurred, cut off, too small: each fails with its own cause.
    for who, ang in [("obama", 11), ("biden", -12), ("obama3", 14)]:
        img, _ = plain_scene(who, back="lightgrey", angle=ang)
        save(out, f"tilted-{who}.jpg", img, rows, "fail", "roll", who, f"head tilted {ang} degrees")
    for who, k in [("obama", 0.28), ("biden", 0.3), ("collins", 0.25)]:
        img, _ = plain_scene(who, back="white")
        save(out, f"dark-{who}.jpg", img * k, rows, "fail", "exposure", who, f"light x{k}")
    for who, s in [("obama", 5.0), ("biden", 6.0), ("obama3", 5.5)]:
        img, _ = plain_scene(who, back="lightblue")
        img = cv2.GaussianBlur(img, (0, 0), s)
        save(out, f"blurred-{who}.jpg", noise(img, 1.0), rows, "fail", "sharpness", who, f"blur sigma {s}")
    for who, y in [("obama", -0.06), ("biden", -0.1), ("obama3", -0.08)]:
        img, _ = plain_scene(who, back="white", crown_y=y)
        save(out, f"cutoff-{who}.jpg", img, rows, "fail", "inside_frame", who, "top of the head cut off")
    for who, frac in [("obama", 0.2), ("biden", 0.22)]:
        img, _ = plain_scene(who, back="white", head_frac=frac, crown_y=0.3)
        save(out, f"toosmall-{who}.jpg", img, rows, "fail", "head_height", who, "far from the camera")

    with open(os.path.join(out, "labels.csv"), "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=["file", "verdict", "cause", "faces", "source", "note"])
        wr.writeheader()
        wr.writerows(rows)
    print(len(rows), "images")


if __name__ == "__main__":
    main()
