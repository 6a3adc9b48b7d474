//! The simulated camera: a moving scene made from one public-domain portrait (see
//! `assets/camera/SOURCE.md`). The face oval is cut from the photo once, given a drawn hair
//! outline and shoulders, and put on a plain backdrop; over a 24-second loop nobody is there,
//! then the person comes closer, tilts the head, the light dims, someone looks over their
//! shoulder for three seconds, and they sit still (when a capture passes). `steady` mode keeps
//! them still with a slight sway; `second` adds a second person at the upper right after two
//! seconds; `form` has them hold a 交付申請書 with its QR code up to the camera, `form-blurred`
//! out of focus (for tests).

use std::time::{Duration, Instant};

use image::{Rgb, RgbImage, Rgba, RgbaImage};

use super::{CameraError, FrameSource};

static FACE: &[u8] = include_bytes!("../../assets/camera/face.jpg");

/// The portrait's landmarks (pixels of `face.jpg`): face oval centre and half-axes, crown.
const OVAL: (f32, f32, f32, f32) = (492.0, 290.0, 112.0, 160.0);
/// The backdrop.
const BACKDROP: [u8; 3] = [214, 218, 222];

/// What the scene does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// The 24-second loop (demo).
    Loop,
    /// Still, with a slight sway (tests).
    Steady,
    /// Still, and a second person comes in at the upper right after two seconds and stays
    /// (tests of the faces check and of what the citizen is told).
    SecondPerson,
    /// Still, holding a 交付申請書 up to the camera: its QR code (with [`DEMO_FORM_URL`]) on a
    /// white sheet in front of the chest (reading the 申請書ID by camera).
    Form,
    /// The same, out of focus: the code cannot be read.
    FormBlurred,
}

/// What the simulated form's QR code holds: an application site address with a made-up ID.
pub const DEMO_FORM_URL: &str =
    "https://www.kojinbango-card.go.jp/apply/?id=12345678901234567890123";

/// Where the person is at one moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// Somebody is there.
    pub present: bool,
    /// Head centre, as a share of the frame.
    pub at: (f32, f32),
    /// Size: 1.0 is the ideal distance.
    pub scale: f32,
    /// Head tilt in degrees (clockwise on screen).
    pub tilt: f32,
    /// Light: 1.0 normal.
    pub light: f32,
    /// Someone else in the frame: head centre (shares of the frame) and size.
    pub second: Option<((f32, f32), f32)>,
}

/// The ideal pose.
pub const IDEAL: Pose = Pose {
    present: true,
    at: (0.5, 0.43),
    scale: 1.0,
    tilt: 0.0,
    light: 1.0,
    second: None,
};

/// Where a second person stands once in: behind the citizen at the upper right, smaller.
const SECOND_AT: ((f32, f32), f32) = ((0.84, 0.2), 0.42);

/// The pose at `t` seconds.
pub fn pose(motion: Motion, t: f32) -> Pose {
    let sway = (t * 1.7).sin();
    match motion {
        Motion::Steady | Motion::Form | Motion::FormBlurred => Pose {
            at: (0.5 + 0.004 * sway, 0.43),
            ..IDEAL
        },
        Motion::SecondPerson => {
            // Slides in from beyond the right edge over one second.
            let come = ((t - 2.0) / 1.0).clamp(0.0, 1.0);
            let ((x, y), scale) = SECOND_AT;
            Pose {
                at: (0.5 + 0.004 * sway, 0.43),
                second: (t >= 2.0).then_some(((x + 0.3 * (1.0 - come), y), scale)),
                ..IDEAL
            }
        }
        Motion::Loop => {
            let t = t % 24.0;
            let ease = |a: f32, b: f32| ((t - a) / (b - a)).clamp(0.0, 1.0);
            if t < 2.0 {
                return Pose {
                    present: false,
                    ..IDEAL
                };
            }
            let come = ease(2.0, 7.0);
            let tilt = if (8.0..12.0).contains(&t) {
                9.0 * ((t - 8.0) / 4.0 * std::f32::consts::PI).sin()
            } else {
                0.0
            };
            let light = if (12.0..15.0).contains(&t) {
                1.0 - 0.45 * ((t - 12.0) / 3.0 * std::f32::consts::PI).sin()
            } else {
                1.0
            };
            // Someone looks over the citizen's shoulder for a moment.
            let second = (16.0..19.0).contains(&t).then_some(SECOND_AT);
            Pose {
                present: true,
                at: (
                    0.5 - 0.22 * (1.0 - come) + 0.004 * sway,
                    0.43 + 0.05 * (1.0 - come),
                ),
                scale: 0.55 + 0.45 * come,
                tilt,
                light,
                second,
            }
        }
    }
}

/// The person cut-out: RGBA, with the face oval's centre at `pivot`.
struct Sprite {
    image: RgbaImage,
    pivot: (f32, f32),
}

fn build_sprite() -> Result<Sprite, CameraError> {
    let photo = image::load_from_memory(FACE)
        .map_err(|e| CameraError::Format(e.to_string()))?
        .to_rgb8();
    let (cx, cy, ax, ay) = OVAL;
    let (x0, y0) = ((cx - 2.2 * ax) as i32, (cy - 1.8 * ay) as i32);
    let (w, h) = ((4.4 * ax) as u32, (3.65 * ay) as u32);
    let image = RgbaImage::from_fn(w, h, |x, y| {
        let (px, py) = (x0 as f32 + x as f32, y0 as f32 + y as f32);
        let (dx, dy) = ((px - cx) / ax, (py - cy) / ay);
        let oval = dx * dx + dy * dy;
        // The face itself, feathered at its edge.
        if oval <= 1.0 {
            let p = photo
                .get_pixel(
                    (px as u32).min(photo.width() - 1),
                    (py as u32).min(photo.height() - 1),
                )
                .0;
            let a = ((1.0 - oval) * 25.0).clamp(0.0, 1.0);
            return Rgba([p[0], p[1], p[2], (a * 255.0) as u8]);
        }
        // Hair: an ellipse a little larger than the face, reaching higher.
        let (hx, hy) = ((px - cx) / (ax * 1.15), (py - (cy - 0.5 * ay)) / (ay * 1.2));
        if hx * hx + hy * hy <= 1.0 && py < cy {
            return Rgba([28, 22, 20, 255]);
        }
        // Neck and shoulders (a dark suit).
        let below = py - (cy + 0.9 * ay);
        if below > 0.0 {
            let half = if below < 0.35 * ay {
                0.45 * ax
            } else {
                0.45 * ax + (below - 0.35 * ay) * 1.6
            };
            if (px - cx).abs() <= half.min(2.2 * ax) {
                let neck = below < 0.35 * ay;
                return if neck {
                    Rgba([150, 105, 85, 255])
                } else {
                    Rgba([30, 34, 48, 255])
                };
            }
        }
        Rgba([0, 0, 0, 0])
    });
    Ok(Sprite {
        image,
        pivot: (cx - x0 as f32, cy - y0 as f32),
    })
}

/// Draws the scene for `pose` into a `w × h` frame.
fn render(sprite: &Sprite, w: u32, h: u32, pose: &Pose) -> RgbImage {
    let mut frame = RgbImage::from_fn(w, h, |_, y| {
        // A plain backdrop, a touch darker towards the bottom as a real one is.
        let k = 1.0 - 0.03 * y as f32 / h as f32;
        Rgb(BACKDROP.map(|c| (f32::from(c) * k * pose.light).min(255.0) as u8))
    });
    if !pose.present {
        return frame;
    }
    if let Some((at, scale)) = pose.second {
        draw(sprite, &mut frame, at, scale, 0.0, pose.light);
    }
    draw(
        sprite, &mut frame, pose.at, pose.scale, pose.tilt, pose.light,
    );
    frame
}

/// Draws the person at `at` (shares of the frame), `scale`, turned by `tilt` degrees.
fn draw(sprite: &Sprite, frame: &mut RgbImage, at: (f32, f32), scale: f32, tilt: f32, light: f32) {
    let (w, h) = frame.dimensions();
    // The face oval is 0.31 of the frame height at scale 1.
    let s = scale * 0.31 * h as f32 / (2.0 * OVAL.3);
    let (cx, cy) = (at.0 * w as f32, at.1 * h as f32);
    let (sin, cos) = tilt.to_radians().sin_cos();
    let (sw, sh) = (sprite.image.width() as f32, sprite.image.height() as f32);
    let reach = (sw.max(sh)) * s;
    let xs = ((cx - reach).max(0.0) as u32)..((cx + reach).min(w as f32) as u32);
    let ys = ((cy - reach).max(0.0) as u32)..((cy + reach).min(h as f32) as u32);
    for y in ys {
        for x in xs.clone() {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            // Into sprite coordinates: undo the turn, then the scale.
            let (ux, uy) = (
                (dx * cos + dy * sin) / s + sprite.pivot.0,
                (-dx * sin + dy * cos) / s + sprite.pivot.1,
            );
            if ux < 0.0 || uy < 0.0 || ux >= sw - 1.0 || uy >= sh - 1.0 {
                continue;
            }
            let p = sprite.image.get_pixel(ux as u32, uy as u32).0;
            if p[3] == 0 {
                continue;
            }
            let a = f32::from(p[3]) / 255.0;
            let dst = frame.get_pixel_mut(x, y);
            for (d, &v) in dst.0.iter_mut().zip(&p[..3]) {
                let v = f32::from(v) * light;
                *d = (v * a + f32::from(*d) * (1.0 - a)).min(255.0) as u8;
            }
        }
    }
}

/// The simulated camera.
pub struct SimCamera {
    sprite: Sprite,
    size: (u32, u32),
    motion: Motion,
    started: Instant,
    next: Instant,
    period: Duration,
    unplug_after: Option<Duration>,
    /// The form held up (Form, FormBlurred), drawn over every frame.
    sheet: Option<RgbImage>,
}

/// The white sheet with the form's QR code, `side` pixels wide.
fn form_sheet(side: u32, blurred: bool) -> RgbImage {
    let mut sheet = RgbImage::from_pixel(side, side * 6 / 5, Rgb([246, 246, 242]));
    let module = (side - 24) / 41;
    crate::procedure::qr::draw(&mut sheet, DEMO_FORM_URL, (12, 12), module.max(2));
    if blurred {
        sheet = image::imageops::blur(&sheet, module as f32 * 0.9);
    }
    sheet
}

impl SimCamera {
    /// A camera giving `w × h` frames at up to `fps`.
    pub fn new(w: u32, h: u32, fps: u32, motion: Motion) -> Result<Self, CameraError> {
        Ok(Self {
            sprite: build_sprite()?,
            size: (w, h),
            motion,
            started: Instant::now(),
            next: Instant::now(),
            period: Duration::from_secs(1) / fps.max(1),
            unplug_after: None,
            sheet: matches!(motion, Motion::Form | Motion::FormBlurred)
                .then(|| form_sheet(w.min(h) * 2 / 5, motion == Motion::FormBlurred)),
        })
    }

    /// The camera is pulled out this long after it starts: from then on every grab fails as a
    /// real one does once its device node is gone.
    pub fn unplug_after(mut self, after: Duration) -> Self {
        self.unplug_after = Some(after);
        self
    }

    /// The frame for a pose (for tests and benches).
    pub fn frame_for(&self, pose: &Pose) -> RgbImage {
        render(&self.sprite, self.size.0, self.size.1, pose)
    }
}

impl FrameSource for SimCamera {
    fn name(&self) -> String {
        "模擬カメラ（デモ）".into()
    }

    fn grab(&mut self) -> Result<RgbImage, CameraError> {
        if self
            .unplug_after
            .is_some_and(|d| self.started.elapsed() >= d)
        {
            return Err(CameraError::Unplugged);
        }
        let now = Instant::now();
        if self.next > now {
            std::thread::sleep(self.next - now);
        }
        self.next = Instant::now().max(self.next) + self.period;
        let t = self.started.elapsed().as_secs_f32();
        let mut frame = render(
            &self.sprite,
            self.size.0,
            self.size.1,
            &pose(self.motion, t),
        );
        if let Some(sheet) = &self.sheet {
            let x = (self.size.0.saturating_sub(sheet.width())) / 2;
            let y = self
                .size
                .1
                .saturating_sub(sheet.height() + self.size.1 / 20);
            image::imageops::overlay(&mut frame, sheet, i64::from(x), i64::from(y));
        }
        Ok(frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_held_up_is_read_sharp_and_not_blurred() {
        use crate::camera::FrameSource;
        for (w, h) in [(720, 1280), (1280, 720)] {
            let mut cam = SimCamera::new(w, h, 30, Motion::Form).unwrap();
            let id = crate::procedure::qr::read(&cam.grab().unwrap())
                .unwrap()
                .unwrap();
            assert_eq!(id.digits(), "12345678901234567890123");
            let mut blurred = SimCamera::new(w, h, 30, Motion::FormBlurred).unwrap();
            assert_eq!(
                crate::procedure::qr::read(&blurred.grab().unwrap()),
                Ok(None)
            );
        }
    }

    #[test]
    fn an_unplugged_camera_stops_giving_frames() {
        let mut cam = SimCamera::new(64, 64, 100, Motion::Steady)
            .unwrap()
            .unplug_after(Duration::from_millis(50));
        assert!(cam.grab().is_ok());
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cam.grab().unwrap_err(), CameraError::Unplugged);
        assert_eq!(cam.grab().unwrap_err(), CameraError::Unplugged);
    }
}
