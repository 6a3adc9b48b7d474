//! Where the head is and where the 35 × 45 mm crop goes. The chin comes from the landmarks
//! (chin ≈ mouth + 0.93 × (mouth − eyes)); the crown from where the person (hair included) meets
//! the backdrop above the face ([`super::backdrop`]), kept within 1.2–3.0 eye distances above the
//! eye line (spec `photo.md` §4). The crop is the one closest to the targets (head 34 of 45 mm,
//! crown 4 mm below the top, centred, the ears inside) that lies inside the frame: never padding,
//! never a painted background.

use image::RgbImage;

use super::backdrop::{Pose, Split};
use super::detect::Face;
use super::measure;

/// Head 34 mm of 45.
pub const HEAD_TARGET: f32 = 34.0 / 45.0;
/// Head band 32–36 mm.
pub const HEAD_BAND: (f32, f32) = (32.0 / 45.0, 36.0 / 45.0);
/// Crown 4 mm below the top.
pub const TOP_TARGET: f32 = 4.0 / 45.0;
/// Top margin band 2–6 mm.
pub const TOP_BAND: (f32, f32) = (2.0 / 45.0, 6.0 / 45.0);
/// Face centre within ±2 mm of 35.
pub const CENTRE_BAND: f32 = 2.0 / 35.0;
/// Width / height.
pub const ASPECT: f32 = 35.0 / 45.0;
/// Ears at least 2 mm of 35 from the side edges.
pub const EAR_MARGIN: f32 = 2.0 / 35.0;

/// Where the crown was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crown {
    /// At this row: hair met the plain backdrop here.
    Found(f32),
    /// The hair runs into the top of the frame: the head is cut.
    Cut,
    /// Not found (the background is not plain): estimated from the eye line.
    Estimated(f32),
    /// The backdrop is plain but the hair cannot be told from it (white hair on a white screen):
    /// estimated from the eye line, for the operator to confirm.
    Hidden(f32),
}

/// The head in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Head {
    /// Crown row.
    pub crown: Crown,
    /// Chin row.
    pub chin: f32,
    /// Face centre column.
    pub cx: f32,
    /// Eye row.
    pub eye_y: f32,
    /// Eye distance.
    pub d: f32,
    /// The backdrop colour (at the frame's edges), if any backdrop is visible.
    pub backdrop: Option<[u8; 3]>,
    /// Luma spread of the backdrop around and above the head, the person left out.
    pub spread: Option<f32>,
    /// The share of that backdrop taken by things in front of it or on it (0..1).
    pub clutter: f32,
    /// The outer edges of the ears (left, right), a little beyond the model's ear points.
    pub ears: (f32, f32),
}

impl Head {
    /// Whether the ears lie 2 mm or more inside the crop's side edges.
    pub fn ears_inside(&self, c: &Crop) -> bool {
        let margin = c.w * EAR_MARGIN;
        self.ears.0 - c.x >= margin && c.x + c.w - self.ears.1 >= margin
    }

    /// The crown row used for the crop (found or estimated; the top row when cut).
    pub fn crown_y(&self) -> f32 {
        match self.crown {
            Crown::Found(y) | Crown::Estimated(y) | Crown::Hidden(y) => y,
            Crown::Cut => 0.0,
        }
    }
}

/// Luma spread of the backdrop above which it is not plain.
pub const PLAIN_STD: f32 = 16.0;

/// The share of the backdrop around the head that things on it may take before it is not plain.
pub const CLUTTER_MAX: f32 = 0.06;

/// The share of the zone's border a plain backdrop shows at least.
pub const BORDER_AGREEMENT: f32 = 0.6;

/// Estimated crown above the eye line, in eye distances, when it cannot be seen.
const CROWN_ESTIMATE: f32 = 1.7;
/// The crown lies at most this many eye distances above the eye line (spec `photo.md` §4 gives
/// 1.2–3.0).
const CROWN_HIGHEST: f32 = 3.0;
/// The crown lies at least this many eye distances above the eye line.
const CROWN_LOWEST: f32 = 1.2;

/// Finds the head of `face`: its chin from the landmarks, and its crown where the person (hair
/// included) meets the backdrop, told apart by [`backdrop::Split`].
pub fn head(frame: &RgbImage, face: &Face) -> Head {
    let d = face.eye_distance().max(1.0);
    let (cx, eye_y) = face.eye_mid();
    let cx = (cx + face.mouth.0) / 2.0;
    let chin = face.mouth.1 + 0.93 * (face.mouth.1 - eye_y);
    let estimate = eye_y - CROWN_ESTIMATE * d;
    let pose = Pose { cx, eye_y, d, chin };
    let split = Split::find(frame, &pose);
    let top = split.top_of_head(&pose);
    // Hair the colour of the backdrop (white hair on a white screen) lets the backdrop reach the
    // forehead: then the whole room full hair could take is left out of the measurement.
    let hidden = top.is_none_or(|y| y > eye_y - CROWN_LOWEST * d);
    let head_room = if hidden {
        ((cx, eye_y - 0.6 * d), (2.0 * d, 2.6 * d))
    } else {
        pose.skull()
    };
    let backdrop = split.backdrop(frame, &pose, head_room);
    // Where the zone's border is not one colour, the backdrop is not plain whatever the growth
    // found: that share counts as clutter.
    let clutter = backdrop
        .clutter
        .max(1.0 - split.agreement / BORDER_AGREEMENT);
    let spread = measure::luma_stats(&backdrop.pixels).map(|s| s.1);
    let mut head = Head {
        crown: Crown::Estimated(estimate),
        chin,
        cx,
        eye_y,
        d,
        backdrop: split.colour,
        spread,
        clutter,
        ears: (face.ear_left.0 - 0.15 * d, face.ear_right.0 + 0.15 * d),
    };
    // Only a plain backdrop tells hair from background; on a busy one the crown is estimated.
    if spread.is_some_and(|s| s <= PLAIN_STD) && clutter <= CLUTTER_MAX {
        head.crown = match top {
            Some(y) if y <= 1.0 => Crown::Cut,
            Some(y) if !hidden => {
                let y = y.max(eye_y - CROWN_HIGHEST * d);
                Crown::Found(
                    split
                        .colour
                        .map_or(y, |b| refine_crown(frame, &head, b, y, split.step())),
                )
            }
            _ => Crown::Hidden(estimate),
        };
    }
    head
}

fn differs(p: [u8; 3], b: [u8; 3]) -> bool {
    p.iter().zip(b).any(|(x, y)| x.abs_diff(y) > 32)
}

/// The crown row to the pixel: from a grid cell (`step` pixels) above the grid's answer down, the
/// first row where a quarter of the band over the face is not backdrop.
fn refine_crown(frame: &RgbImage, head: &Head, backdrop: [u8; 3], coarse: f32, step: f32) -> f32 {
    let (w, h) = frame.dimensions();
    let x0 = (head.cx - 0.5 * head.d).max(0.0) as u32;
    let x1 = ((head.cx + 0.5 * head.d).max(0.0) as u32).min(w);
    let from = (coarse - 1.5 * step).max(0.0) as u32;
    let to = ((coarse + 1.5 * step) as u32).min(h.saturating_sub(1));
    if x1 <= x0 {
        return coarse;
    }
    (from..=to)
        .find(|&y| {
            let n = (x0..x1)
                .filter(|&x| differs(frame.get_pixel(x, y).0, backdrop))
                .count();
            n as f32 > 0.25 * (x1 - x0) as f32
        })
        .map_or(coarse, |y| y as f32)
}

/// A crop rectangle in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// The crop and how it measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The crop.
    pub crop: Crop,
    /// It lies inside the frame.
    pub fits: bool,
    /// Head height / crop height.
    pub head_height: f32,
    /// (crown − top) / crop height.
    pub top_margin: f32,
    /// (face centre − crop centre) / crop width.
    pub centre_offset: f32,
}

fn place(head: &Head, frac: f32, top: f32, off: f32) -> Crop {
    let head_h = head.chin - head.crown_y();
    let h = head_h / frac;
    let w = h * ASPECT;
    Crop {
        x: head.cx - w / 2.0 - off * w,
        y: head.crown_y() - top * h,
        w,
        h,
    }
}

fn inside(c: &Crop, fw: f32, fh: f32) -> bool {
    c.x >= 0.0 && c.y >= 0.0 && c.x + c.w <= fw && c.y + c.h <= fh
}

/// The crop nearest the targets inside the frame; else the ideal crop, marked as not fitting.
pub fn place_crop(head: &Head, frame_w: u32, frame_h: u32) -> Placement {
    let (fw, fh) = (frame_w as f32, frame_h as f32);
    let mut best: Option<(f32, f32, f32, f32)> = None;
    let steps = 16;
    for i in 0..=steps {
        let frac = HEAD_BAND.0 + (HEAD_BAND.1 - HEAD_BAND.0) * i as f32 / steps as f32;
        for j in 0..=steps {
            let top = TOP_BAND.0 + (TOP_BAND.1 - TOP_BAND.0) * j as f32 / steps as f32;
            for k in 0..=steps {
                let off = -CENTRE_BAND + 2.0 * CENTRE_BAND * k as f32 / steps as f32;
                let c = place(head, frac, top, off);
                if !inside(&c, fw, fh) {
                    continue;
                }
                // Ears 2 mm or more from the sides when any crop in the bands allows it.
                let ears_in = head.ears_inside(&c);
                let cost = ((frac - HEAD_TARGET) / 0.0444).powi(2)
                    + ((top - TOP_TARGET) / 0.0444).powi(2)
                    + (off / CENTRE_BAND).powi(2)
                    + if ears_in { 0.0 } else { 100.0 };
                if best.is_none_or(|b| cost < b.0) {
                    best = Some((cost, frac, top, off));
                }
            }
        }
    }
    let (fits, frac, top, off) = match best {
        Some((_, f, t, o)) => (true, f, t, o),
        None => (false, HEAD_TARGET, TOP_TARGET, 0.0),
    };
    Placement {
        crop: place(head, frac, top, off),
        fits,
        head_height: frac,
        top_margin: top,
        centre_offset: -off,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face_at(cx: f32, eye_y: f32, d: f32) -> Face {
        let mouth = (cx, eye_y + 1.1 * d);
        Face {
            score: 1.0,
            bbox: (cx - d, eye_y - d, cx + d, eye_y + 1.5 * d),
            eye_left: (cx - d / 2.0, eye_y),
            eye_right: (cx + d / 2.0, eye_y),
            nose: (cx, eye_y + 0.6 * d),
            mouth,
            ear_left: (cx - 1.3 * d, eye_y + 0.3 * d),
            ear_right: (cx + 1.3 * d, eye_y + 0.3 * d),
        }
    }

    /// A plain light backdrop with a dark "hair" disc whose top is at `crown`.
    fn scene(w: u32, h: u32, cx: f32, crown: f32, d: f32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let (dx, dy) = (x as f32 - cx, y as f32 - (crown + 1.3 * d));
            if dx * dx + dy * dy <= (1.3 * d) * (1.3 * d)
                || (y as f32 > crown + 1.3 * d && dx.abs() < 1.3 * d)
            {
                image::Rgb([40, 30, 25])
            } else {
                image::Rgb([225, 228, 230])
            }
        })
    }

    #[test]
    fn crown_on_a_plain_backdrop_and_crop_in_millimetres() {
        let (cx, eye_y, d) = (640.0, 420.0, 120.0);
        let crown = eye_y - 2.1 * d;
        let frame = scene(1280, 1400, cx, crown, d);
        let h = head(&frame, &face_at(cx, eye_y, d));
        assert!(
            matches!(h.crown, Crown::Found(y) if (y - crown).abs() <= 2.0),
            "{:?}",
            h.crown
        );
        let p = place_crop(&h, 1280, 1400);
        assert!(p.fits);
        let mm = |v: f32| v * 45.0;
        assert!(
            (32.0..=36.0).contains(&mm(p.head_height)),
            "head {} mm",
            mm(p.head_height)
        );
        assert!(
            (2.0..=6.0).contains(&mm(p.top_margin)),
            "top {} mm",
            mm(p.top_margin)
        );
        assert!(p.centre_offset.abs() * 35.0 <= 2.0);
        // Measured on the crop itself: the hair top is 4 mm below the crop's top edge.
        let top_mm = (h.crown_y() - p.crop.y) / p.crop.h * 45.0;
        assert!((top_mm - 4.0).abs() < 0.2, "{top_mm}");
        assert!((p.crop.w / p.crop.h - ASPECT).abs() < 1e-4);
    }

    #[test]
    fn a_head_at_the_frame_edge_does_not_fit_and_is_never_padded() {
        let d = 120.0;
        let frame = scene(1280, 1400, 150.0, 100.0, d);
        let h = head(&frame, &face_at(150.0, 100.0 + 2.0 * d, d));
        assert!(!place_crop(&h, 1280, 1400).fits);
        // A head reaching the top of the frame is cut.
        let frame = scene(1280, 1400, 640.0, -20.0, d);
        let h = head(&frame, &face_at(640.0, -20.0 + 2.0 * d, d));
        assert_eq!(h.crown, Crown::Cut);
    }

    #[test]
    fn hair_lost_in_a_plain_backdrop_gives_an_estimated_crown() {
        // The head's top shows only 1.0 eye distance above the eyes (white hair on a white
        // screen shows as a bald head): the crown is estimated, for the operator to confirm.
        let (cx, eye_y, d) = (640.0, 420.0, 120.0);
        let frame = scene(1280, 1400, cx, eye_y - 1.0 * d, d);
        let h = head(&frame, &face_at(cx, eye_y, d));
        assert!(
            matches!(h.crown, Crown::Hidden(y) if y < eye_y - 1.5 * d),
            "{:?}",
            h.crown
        );
        assert!(h.spread.is_some_and(|s| s <= PLAIN_STD));
        let check = crate::photo::background_check(&h);
        assert_eq!(check.status, crate::photo::checks::Status::Warn);
        assert!(check.reason.unwrap().contains("推定"));
    }

    #[test]
    fn a_busy_background_gives_no_crown() {
        let (cx, eye_y, d) = (640.0, 420.0, 120.0);
        let frame = RgbImage::from_fn(1280, 1400, |x, y| {
            if (x / 7 + y / 5) % 2 == 0 {
                image::Rgb([250, 20, 20])
            } else {
                image::Rgb([10, 10, 200])
            }
        });
        let h = head(&frame, &face_at(cx, eye_y, d));
        assert!(matches!(h.crown, Crown::Estimated(_)), "{:?}", h.crown);
    }
}
