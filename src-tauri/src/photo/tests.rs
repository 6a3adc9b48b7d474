//! Checks on public-domain faces and variants made in code.

use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};

use super::checks::Status;
use super::*;

fn face(name: &str) -> RgbImage {
    image::open(format!(
        "{}/testdata/faces/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .to_rgb8()
}

fn statuses(r: &Report) -> String {
    r.checks
        .iter()
        .map(|c| format!("{}={:?}({:?})", c.id, c.status, c.value))
        .collect::<Vec<_>>()
        .join(" ")
}

fn status(r: &Report, id: &str) -> Status {
    r.checks
        .iter()
        .find(|c| c.id.code() == id)
        .unwrap_or_else(|| panic!("no {id}: {}", statuses(r)))
        .status
}

/// Rotates about the centre by `deg` (positive: clockwise on screen), same size, edges replicated.
fn rotate(img: &RgbImage, deg: f32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (sx, sy) = (cx + dx * c + dy * s, cy - dx * s + dy * c);
        *img.get_pixel(
            sx.clamp(0.0, (w - 1) as f32) as u32,
            sy.clamp(0.0, (h - 1) as f32) as u32,
        )
    })
}

fn scale_light(img: &RgbImage, k: f32) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let p = img.get_pixel(x, y).0;
        Rgb(p.map(|v| (f32::from(v) * k).clamp(0.0, 255.0) as u8))
    })
}

/// Obama's portrait with room above the head (a centred crop of the frame would otherwise touch
/// the top edge): the photo put on a canvas 15 % taller, the added strip copied from the top row.
fn base() -> RgbImage {
    let img = face("obama.jpg");
    let (w, h) = img.dimensions();
    let pad = h * 15 / 100;
    RgbImage::from_fn(w, h + pad, |x, y| *img.get_pixel(x, y.saturating_sub(pad)))
}

/// The base image turned level (its own eye line is about 2° off).
fn level() -> RgbImage {
    let b = base();
    let roll = check_frame(&b).unwrap().face.unwrap().roll_degrees();
    rotate(&b, -roll)
}

fn canvas(w: u32, h: u32, colour: [u8; 3]) -> RgbImage {
    RgbImage::from_pixel(w, h, Rgb(colour))
}

#[test]
fn the_portrait_and_its_crop_in_millimetres() {
    let r = check_frame(&level()).unwrap();
    assert_eq!(r.faces, 1);
    for id in [
        "faces",
        "inside_frame",
        "top_margin",
        "centred",
        "roll",
        "exposure",
        "even_light",
        "sharpness",
        "glare",
        "file",
    ] {
        assert_eq!(status(&r, id), Status::Pass, "{id}: {}", statuses(&r));
    }
    // The head is ~410 px tall: the 35 mm width comes from fewer than 480 camera pixels.
    assert_eq!(status(&r, "head_height"), Status::Warn);
    // An office with flags and curtains is not a plain backdrop.
    assert_eq!(status(&r, "background"), Status::Fail);
    assert_eq!(r.verdict, Status::Fail);
    let out = r.output.as_ref().unwrap();
    assert_eq!((out.width, out.height), (827, 1063));
    assert!(!output::has_exif(&out.bytes));
    // Geometry in millimetres, from the head's crown and chin and the crop.
    let (h, f) = (r.head.unwrap(), r.face.unwrap());
    let p = geometry::place_crop(&h, level().width(), level().height());
    let mm = |px: f32| px / p.crop.h * 45.0;
    let head_mm = mm(h.chin - h.crown_y());
    let top_mm = mm(h.crown_y() - p.crop.y);
    let centre_mm = (f.eye_mid().0 - (p.crop.x + p.crop.w / 2.0)) / p.crop.w * 35.0;
    assert!((32.0..=36.0).contains(&head_mm), "head {head_mm} mm");
    assert!((2.0..=6.0).contains(&top_mm), "top {top_mm} mm");
    assert!(centre_mm.abs() <= 2.0, "centre {centre_mm} mm");
}

#[test]
fn rotated_three_degrees_passes_eight_and_fifteen_fail() {
    let l = level();
    for (deg, want) in [
        (-3.0, Status::Pass),
        (3.0, Status::Pass),
        (-8.0, Status::Fail),
        (8.0, Status::Fail),
        (-15.0, Status::Fail),
        (15.0, Status::Fail),
    ] {
        let r = check_frame(&rotate(&l, deg)).unwrap();
        let roll = r.check(CheckId::Roll).unwrap();
        assert_eq!(roll.status, want, "{deg}°: {}", statuses(&r));
        let measured = roll.value.unwrap() as f32;
        assert!((measured - deg).abs() <= 3.0, "{deg}° measured {measured}");
    }
}

#[test]
fn darker_brighter_and_blurred() {
    let l = level();
    let r = check_frame(&scale_light(&l, 0.35)).unwrap();
    assert_eq!(status(&r, "exposure"), Status::Fail, "{}", statuses(&r));
    let r = check_frame(&scale_light(&l, 0.55)).unwrap();
    assert_eq!(status(&r, "exposure"), Status::Warn, "{}", statuses(&r));
    let r = check_frame(&scale_light(&l, 2.2)).unwrap();
    assert_eq!(status(&r, "exposure"), Status::Fail, "{}", statuses(&r));
    assert_eq!(status(&r, "glare"), Status::Fail, "{}", statuses(&r));
    let r = check_frame(&imageops::blur(&l, 2.0)).unwrap();
    assert_eq!(status(&r, "sharpness"), Status::Fail, "{}", statuses(&r));
    assert_eq!(status(&r, "exposure"), Status::Pass);
}

#[test]
fn shifted_too_large_and_too_small() {
    let l = level();
    let (w, h) = l.dimensions();
    // Shifted: the face near the left edge of a wider frame.
    let mut wide = canvas(w * 3 / 2, h, [90, 60, 50]);
    imageops::replace(&mut wide, &l, -(i64::from(w) * 2 / 5), 0);
    let r = check_frame(&wide).unwrap();
    assert_eq!(status(&r, "inside_frame"), Status::Fail, "{}", statuses(&r));
    assert!(r.output.is_none(), "never padded");
    // Too large: a tight crop around the face.
    let f = check_frame(&l).unwrap().face.unwrap();
    let (x0, y0) = ((f.bbox.0 - 20.0) as u32, (f.bbox.1 - 60.0).max(0.0) as u32);
    let tight = imageops::crop_imm(
        &l,
        x0,
        y0,
        (f.bbox.2 - f.bbox.0 + 40.0) as u32,
        (f.bbox.3 - f.bbox.1 + 120.0) as u32,
    )
    .to_image();
    let tight = imageops::resize(
        &tight,
        tight.width() * 2,
        tight.height() * 2,
        FilterType::Triangle,
    );
    let r = check_frame(&tight).unwrap();
    assert_eq!(status(&r, "inside_frame"), Status::Fail, "{}", statuses(&r));
    assert_eq!(r.verdict, Status::Fail);
    // Small: 85 % of the size (the crop a little under 480 camera pixels); the crop is enlarged
    // and the operator is told.
    let small = imageops::resize(&l, w * 85 / 100, h * 85 / 100, FilterType::Triangle);
    let r = check_frame(&small).unwrap();
    assert_eq!(status(&r, "head_height"), Status::Warn, "{}", statuses(&r));
    // Too small: a third of the size would more than double each pixel: retake.
    let tiny = imageops::resize(&l, w / 3, h / 3, FilterType::Triangle);
    let r = check_frame(&tiny).unwrap();
    assert_eq!(status(&r, "head_height"), Status::Fail, "{}", statuses(&r));
    // (The portrait's own office backdrop comes first in the pipeline: it is the cause.)
    assert_eq!(
        r.cause().map(|c| c.id),
        Some(CheckId::Background),
        "{}",
        statuses(&r)
    );
    assert!(r
        .check(CheckId::HeadHeight)
        .unwrap()
        .reason
        .as_deref()
        .unwrap()
        .contains("近づいて"));
}

#[test]
fn two_faces_and_no_face() {
    let l = level();
    let (w, h) = l.dimensions();
    let mut two = canvas(w * 2, h, [200, 200, 200]);
    imageops::replace(&mut two, &l, 0, 0);
    imageops::replace(&mut two, &l, i64::from(w), 0);
    let r = check_frame(&two).unwrap();
    assert_eq!(
        (r.faces, status(&r, "faces")),
        (2, Status::Fail),
        "{}",
        statuses(&r)
    );
    let r = check_frame(&canvas(1280, 720, [210, 212, 215])).unwrap();
    assert_eq!((r.faces, r.verdict), (0, Status::Fail));
    assert_eq!(r.checks.len(), 1);
    assert!(r.output.is_none());
}

/// A second, smaller face anywhere in the frame is counted: at each corner and edge of a
/// landscape frame and beside the head in a portrait one (a child on a lap, a person behind).
#[test]
fn a_second_smaller_face_at_any_edge_is_counted() {
    let l = level();
    let second = face("biden.jpg");
    let (sw, sh) = second.dimensions();
    // Biden's face (about 280 px tall in his photo) scaled to 11 % of the frame height.
    let (w, h) = (1280u32, 720u32);
    let k = 0.11 * h as f32 / 280.0;
    let small = imageops::resize(
        &second,
        (sw as f32 * k) as u32,
        (sh as f32 * k) as u32,
        FilterType::Triangle,
    );
    let small = imageops::crop_imm(&small, 0, 0, small.width(), small.width() * 13 / 10).to_image();
    let main = imageops::resize(&l, l.width() * h / l.height(), h, FilterType::Triangle);
    for (x, y) in [
        (0, 0),
        (w - small.width(), 0),
        (0, h - small.height()),
        (w - small.width(), 300),
    ] {
        let mut frame = canvas(w, h, [205, 207, 210]);
        imageops::replace(&mut frame, &main, i64::from((w - main.width()) / 2), 0);
        imageops::replace(&mut frame, &small, i64::from(x), i64::from(y));
        let r = check_frame(&frame).unwrap();
        assert_eq!(
            (r.faces, status(&r, "faces")),
            (2, Status::Fail),
            "at {x},{y}: {}",
            statuses(&r)
        );
        assert!(r
            .check(checks::CheckId::Faces)
            .unwrap()
            .reason
            .as_deref()
            .unwrap()
            .contains("ほかの人"));
    }
}

#[test]
fn a_busy_background_fails_its_check() {
    // obama2 speaks in front of a flag: the background check fails.
    let r = check_frame(&face("obama2.jpg")).unwrap();
    assert_eq!(status(&r, "background"), Status::Fail);
}

#[test]
fn a_cmyk_jpeg_becomes_an_rgb_photo_with_the_same_colours() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/faces/obama-cmyk.jpg"
    ))
    .unwrap();
    let cmyk = check_bytes(&bytes).unwrap();
    let rgb = check_frame(&face("obama.jpg")).unwrap();
    assert_eq!(cmyk.faces, 1);
    let out =
        |r: &Report| image::load_from_memory(&r.output.as_ref().expect("a photo").bytes).unwrap();
    let (a, b) = (out(&cmyk), out(&rgb));
    assert_eq!(a.color(), image::ColorType::Rgb8, "the output is RGB");
    // Not inverted, not shifted: the mean colour matches the RGB original's within a few levels.
    let mean = |img: &image::DynamicImage| {
        let px = img.to_rgb8();
        let n = f64::from(px.width() * px.height());
        let mut m = [0f64; 3];
        for p in px.pixels() {
            for c in 0..3 {
                m[c] += f64::from(p[c]) / n;
            }
        }
        m
    };
    let (ma, mb) = (mean(&a), mean(&b));
    for c in 0..3 {
        assert!((ma[c] - mb[c]).abs() < 12.0, "{ma:?} vs {mb:?}");
    }
}

#[test]
fn file_inputs_cmyk_free_png_and_broken() {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(level())
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let r = check_bytes(&png).unwrap();
    assert_eq!(r.faces, 1);
    assert!(matches!(
        check_bytes(&[]),
        Err(PhotoError::Load(load::LoadError::Empty))
    ));
    assert!(matches!(
        check_bytes(&png[..png.len() / 2]),
        Err(PhotoError::Load(_))
    ));
}

// The simulated camera's scenes through the checks (the camera hands frames over; it does not
// know the checks).
mod simulated_camera {
    use super::*;
    use crate::camera::sim::{pose, Motion, Pose, SimCamera, IDEAL};

    #[test]
    fn the_ideal_pose_makes_a_photo_that_passes() {
        let cam = SimCamera::new(720, 1280, 30, Motion::Steady).unwrap();
        let r = check_frame(&cam.frame_for(&IDEAL)).unwrap();
        assert_eq!(r.verdict, Status::Pass, "{}", statuses(&r));
    }

    #[test]
    fn a_second_person_entering_fails_the_still_and_the_citizen_is_told() {
        for (w, h) in [(720, 1280), (1280, 720)] {
            let cam = SimCamera::new(w, h, 30, Motion::SecondPerson).unwrap();
            let before = cam.frame_for(&pose(Motion::SecondPerson, 1.0));
            let after = cam.frame_for(&pose(Motion::SecondPerson, 3.5));
            assert_eq!(check_frame(&before).unwrap().faces, 1);
            let r = check_frame(&after).unwrap();
            assert_eq!(
                (r.faces, r.verdict),
                (2, Status::Fail),
                "{w}×{h}: {}",
                statuses(&r)
            );
            assert_eq!(r.cause().map(|c| c.id), Some(CheckId::Faces));
            // Live: the rotating scan sees them within one round of the squares.
            let live = live::LiveAnalysis::default();
            let rounds = detect::tiles(w, h).len().div_ceil(live::TILES_PER_FRAME) as u64 + 1;
            let told = (1..=rounds).any(|seq| {
                crate::camera::worker::Analyser::analyse(&live, seq, &after)
                    .is_some_and(|l| l.instruction.id == "others" && l.others == 1)
            });
            assert!(told, "{w}×{h}: the citizen is told within {rounds} frames");
            // And once they have gone, the citizen is no longer told.
            let gone = (rounds + 1..=3 * rounds).any(|seq| {
                crate::camera::worker::Analyser::analyse(&live, seq, &before)
                    .is_some_and(|l| l.others == 0 && l.instruction.id != "others")
            });
            assert!(gone, "{w}×{h}");
        }
    }

    #[test]
    fn nobody_tilted_and_far() {
        let cam = SimCamera::new(720, 1280, 30, Motion::Loop).unwrap();
        let r = check_frame(&cam.frame_for(&pose(Motion::Loop, 1.0))).unwrap();
        assert_eq!(r.faces, 0);
        let tilted = Pose {
            tilt: 10.0,
            ..IDEAL
        };
        let r = check_frame(&cam.frame_for(&tilted)).unwrap();
        assert_eq!(status(&r, "roll"), Status::Fail);
    }
}
