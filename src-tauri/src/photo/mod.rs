//! The ID photo: face detection, the crop to the J-LIS rules, quality checks and the JPEG that
//! leaves the kiosk. Photos live in memory only (spec `photo.md` §6): buffers that hold a photo
//! are wiped when dropped, and nothing here writes a file.
//!
//! - [`load`]: decoding with limits and the colour rules; [`model`], [`detect`]: BlazeFace.
//! - [`geometry`]: crown, chin and the 35:45 crop; [`backdrop`]: the person told from the
//!   backdrop (to measure it); [`measure`]: pixel statistics.
//! - [`checks`]: pass / warn / fail; [`output`]: the 827 × 1063 JPEG and the upload rules.
//! - [`settings`]: camera, J-LIS address, time limit, paper; [`sheet`]: the print layout.
//! - [`staging`]: the private directory the upload dialog picks the photo from.
//! - [`desk`]: the one photo being handled, from capture to deletion (a state machine).
//! - [`live`], [`guidance`]: the camera's frames analysed live, and what the citizen is told.
//!
//! The photo never reaches the database: nothing here imports the store.

pub mod backdrop;
pub mod checks;
pub mod desk;
pub mod detect;
pub mod geometry;
pub mod guidance;
pub mod live;
pub mod load;
pub mod measure;
pub mod model;
pub mod output;
pub mod settings;
pub mod sheet;
pub mod staging;

#[cfg(test)]
mod tests;

use image::RgbImage;
use serde::Serialize;

use checks::{banded, Check, CheckId, Status};
use detect::Face;
use geometry::{Crown, Head};
use output::Jpeg;

/// Why a photo could not be analysed at all.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// The input.
    #[error(transparent)]
    Load(#[from] load::LoadError),
    /// The face model.
    #[error(transparent)]
    Model(#[from] model::ModelError),
    /// Encoding the output.
    #[error("encoding the photo failed: {0}")]
    Encode(String),
}

impl PhotoError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Load(e) => e.code(),
            Self::Model(_) => "photo_model",
            Self::Encode(_) => "photo_encode",
        }
    }

    /// In Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Load(e) => e.message_ja(),
            Self::Model(_) => "顔の検出ができませんでした（内部エラー）".into(),
            Self::Encode(_) => "写真を保存用の形式にできませんでした".into(),
        }
    }
}

/// The outcome of checking one still.
pub struct Report {
    /// Faces counted (every face of at least 8 % of the frame height).
    pub faces: usize,
    /// Worst of the checks.
    pub verdict: Status,
    /// Every check.
    pub checks: Vec<Check>,
    /// The photo, when a crop inside the frame exists.
    pub output: Option<Jpeg>,
    /// The face analysed (the largest), in frame pixels.
    pub face: Option<Face>,
    /// Its head.
    pub head: Option<Head>,
}

/// The JSON of `madoguchi photo check`.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    faces: usize,
    verdict: Status,
    cause: Option<CheckId>,
    reason: Option<&'a str>,
    checks: &'a [Check],
    output: Option<OutputJson>,
}

#[derive(Serialize)]
struct OutputJson {
    width: u32,
    height: u32,
    bytes: usize,
}

impl Report {
    /// For JSON.
    pub fn json(&self) -> ReportJson<'_> {
        ReportJson {
            faces: self.faces,
            verdict: self.verdict,
            cause: self.cause().map(|c| c.id),
            reason: self.cause().and_then(|c| c.reason.as_deref()),
            checks: &self.checks,
            output: self.output.as_ref().map(|j| OutputJson {
                width: j.width,
                height: j.height,
                bytes: j.bytes.len(),
            }),
        }
    }

    /// The check that causes the verdict ([`checks::cause`]).
    pub fn cause(&self) -> Option<&Check> {
        checks::cause(&self.checks)
    }

    /// A check by id.
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}

/// Checks encoded image bytes (a file or a camera still).
pub fn check_bytes(bytes: &[u8]) -> Result<Report, PhotoError> {
    let frame = load::decode(bytes)?;
    check_frame(&frame)
}

/// Roll above this (degrees) is levelled in the output; above [`ROLL_MAX`] the citizen is asked
/// to straighten up.
pub const ROLL_LEVEL: f32 = 1.0;
/// The largest roll accepted (measurements carry ±3°).
pub const ROLL_MAX: f32 = 5.0;

/// Checks a decoded frame.
pub fn check_frame(frame: &RgbImage) -> Result<Report, PhotoError> {
    // Every face of 8 % of the frame height or more counts, wherever it is: a child on a lap or a
    // person behind the citizen makes the photo unusable however small beside the citizen's.
    let counted = detect::faces(frame)?;
    let mut checks = Vec::new();
    let Some(face) = counted.first().copied() else {
        // Too dark or too bright to find a face: that is the cause, not the missing face.
        let (mean, _) = measure::luma_stats(&measure::pixels(
            frame,
            (0.0, 0.0, frame.width() as f32, frame.height() as f32),
        ))
        .unwrap_or((0.0, 0.0));
        if !(FRAME_LUMA.0..=FRAME_LUMA.1).contains(&mean) {
            checks.push(Check::new(
                CheckId::Exposure,
                Status::Fail,
                Some(mean),
                Some(if mean < FRAME_LUMA.0 {
                    "暗すぎて顔が見つかりません。照明を確かめてください"
                } else {
                    "明るすぎて顔が見つかりません。照明を確かめてください"
                }),
            ));
        }
        checks.push(Check::new(
            CheckId::Faces,
            Status::Fail,
            Some(0.0),
            Some("顔が見つかりません。カメラの正面にお座りいただくようご案内ください"),
        ));
        return Ok(Report {
            faces: 0,
            verdict: Status::Fail,
            checks,
            output: None,
            face: None,
            head: None,
        });
    };
    checks.push(match counted.len() {
        1 => Check::new(CheckId::Faces, Status::Pass, Some(1.0), None),
        n => Check::new(
            CheckId::Faces,
            Status::Fail,
            Some(n as f32),
            Some("ほかの人の顔が写っています。ご本人おひとりだけが写るようにしてください"),
        ),
    });
    let head = geometry::head(frame, &face);
    let (fw, fh) = frame.dimensions();
    let placement = geometry::place_crop(&head, fw, fh);
    let crop = placement.crop;

    // Inside the frame, with the ears 2 mm or more from the side edges.
    let ears_in = head.ears_inside(&crop);
    let inside_frame = if head.crown == Crown::Cut {
        Check::new(
            CheckId::InsideFrame,
            Status::Fail,
            None,
            Some("頭の上が写っていません。カメラを上に向けるか、少し下がっていただくようご案内ください"),
        )
    } else if !placement.fits {
        let reason = if crop.h > fh as f32 || crop.w > fw as f32 {
            "顔が大きすぎて枠に収まりません。少し後ろに下がっていただくようご案内ください"
        } else if crop.x < 0.0 || crop.x + crop.w > fw as f32 {
            "顔が左右どちらかに寄っています。中央にお座りいただくようご案内ください"
        } else {
            "顔が上下どちらかに寄っています。カメラの高さを合わせてください"
        };
        Check::new(CheckId::InsideFrame, Status::Fail, None, Some(reason))
    } else if !ears_in {
        Check::new(
            CheckId::InsideFrame,
            Status::Warn,
            None,
            Some("顔の左右の余白が少なめです"),
        )
    } else {
        Check::new(CheckId::InsideFrame, Status::Pass, None, None)
    };
    checks.push(inside_frame);

    // Head height (and resolution: 35 mm must come from at least 480 camera pixels).
    let source_px = crop.w;
    checks.push(if !placement.fits {
        let frac = (head.chin - head.crown_y()) / (fh as f32).min(fw as f32 / geometry::ASPECT);
        let status = banded(frac, geometry::HEAD_BAND, geometry::HEAD_BAND);
        Check::new(
            CheckId::HeadHeight,
            status,
            Some(frac),
            Some(if frac > geometry::HEAD_BAND.1 {
                "顔が大きすぎます"
            } else {
                "顔の大きさを合わせられません"
            }),
        )
    } else if source_px < MIN_SOURCE_PX {
        Check::new(
            CheckId::HeadHeight,
            Status::Fail,
            Some(placement.head_height),
            Some("顔が小さすぎます。もう少しカメラに近づいていただくようご案内ください"),
        )
    } else if source_px < 480.0 {
        Check::new(
            CheckId::HeadHeight,
            Status::Warn,
            Some(placement.head_height),
            Some("顔が小さく、拡大しています。もう少し近づいて撮り直すことをおすすめします"),
        )
    } else {
        Check::new(
            CheckId::HeadHeight,
            Status::Pass,
            Some(placement.head_height),
            None,
        )
    });
    checks.push(Check::new(
        CheckId::TopMargin,
        banded(placement.top_margin, geometry::TOP_BAND, geometry::TOP_BAND),
        Some(placement.top_margin),
        Some("頭の上の余白が規定外です"),
    ));
    checks.push(Check::new(
        CheckId::Centred,
        banded(
            placement.centre_offset.abs(),
            (0.0, geometry::CENTRE_BAND),
            (0.0, geometry::CENTRE_BAND),
        ),
        Some(placement.centre_offset),
        Some("顔が中央にありません"),
    ));

    let roll = face.roll_degrees();
    checks.push(if roll.abs() <= ROLL_MAX {
        Check::new(CheckId::Roll, Status::Pass, Some(roll), None)
    } else {
        Check::new(
            CheckId::Roll,
            Status::Fail,
            Some(roll),
            Some("顔が傾いています。顔をまっすぐにしてください"),
        )
    });

    quality_checks(frame, &face, &head, &mut checks);

    // The output, when there is a crop inside the frame.
    let mut output = None;
    if placement.fits && head.crown != Crown::Cut {
        let turn = if roll.abs() > ROLL_LEVEL && roll.abs() <= ROLL_MAX {
            roll
        } else {
            0.0
        };
        let mut img = output::render(frame, &crop, turn, face.eye_mid());
        let encoded = output::encode(&img);
        crate::camera::wipe(&mut img);
        let jpeg = encoded.map_err(|e| PhotoError::Encode(e.to_string()))?;
        let problem = output::file_problem(&jpeg);
        checks.push(Check::new(
            CheckId::File,
            if problem.is_some() {
                Status::Fail
            } else {
                Status::Pass
            },
            Some(jpeg.bytes.len() as f32 / 1024.0),
            problem.as_deref(),
        ));
        output = Some(jpeg);
    } else {
        checks.push(Check::new(
            CheckId::File,
            Status::Fail,
            None,
            Some("枠に収まらないため、写真を作れません"),
        ));
    }
    Ok(Report {
        faces: counted.len(),
        verdict: checks::verdict(&checks),
        checks,
        output,
        face: Some(face),
        head: Some(head),
    })
}

fn quality_checks(frame: &RgbImage, face: &Face, head: &Head, checks: &mut Vec<Check>) {
    let d = head.d;
    let (el, er) = (face.eye_left, face.eye_right);
    let face_rect = (
        el.0 - 0.3 * d,
        head.eye_y - 0.4 * d,
        er.0 + 0.3 * d,
        face.mouth.1 + 0.2 * d,
    );
    let px = measure::pixels(frame, face_rect);
    let (mean, _) = measure::luma_stats(&px).unwrap_or((0.0, 0.0));
    let clipped = measure::clipped_share(&px, 5.0, 250.0);
    // Dark skin in good light has a low mean but bright highlights (forehead, nose, the whites
    // of the eyes); an underexposed face has neither. The highlights decide for a dark mean.
    let highlights = measure::luma_percentile(&px, 0.95).unwrap_or(0.0);
    let light = if (DARK_SKIN_MEAN..90.0).contains(&mean) && highlights >= LIT_HIGHLIGHTS {
        Status::Pass
    } else if mean < 70.0 && highlights >= LIT_HIGHLIGHTS - 20.0 {
        Status::Warn
    } else {
        banded(mean, (90.0, 210.0), (70.0, 225.0))
    };
    let status = light.max(banded(clipped, (0.0, 0.02), (0.0, 0.05)));
    let reason = if mean < 90.0 {
        "顔が暗く写っています。照明を確かめてください"
    } else if mean > 210.0 {
        "顔が明るすぎます（白飛び）"
    } else {
        "白飛びや黒つぶれがあります"
    };
    checks.push(Check::new(
        CheckId::Exposure,
        status,
        Some(mean),
        Some(reason),
    ));

    let mid_y = (head.eye_y + face.mouth.1) / 2.0;
    let cheek = |x: f32| {
        measure::luma_stats(&measure::pixels(
            frame,
            (x - 0.2 * d, mid_y - 0.2 * d, x + 0.2 * d, mid_y + 0.2 * d),
        ))
        .map(|s| s.0)
    };
    if let (Some(l), Some(r)) = (cheek(el.0), cheek(er.0)) {
        let ratio = l / r.max(1.0);
        checks.push(Check::new(
            CheckId::EvenLight,
            banded(ratio, (0.75, 1.33), (0.6, 1.66)),
            Some(ratio),
            Some("顔の左右で明るさが違います（影があります）"),
        ));
    }

    let sharp = measure::sharpness(frame, face_rect).unwrap_or(0.0);
    checks.push(Check::new(
        CheckId::Sharpness,
        banded(sharp, (SHARP_PASS, f32::MAX), (SHARP_WARN, f32::MAX)),
        Some(sharp),
        Some("ぼやけています。動かずに撮り直してください"),
    ));

    checks.push(background_check(head));

    let eye = |p: (f32, f32)| {
        measure::pixels(
            frame,
            (
                p.0 - 0.25 * d,
                p.1 - 0.15 * d,
                p.0 + 0.25 * d,
                p.1 + 0.15 * d,
            ),
        )
    };
    let mut eyes = eye(el);
    eyes.extend(eye(er));
    let glare = measure::clipped_share(&eyes, -1.0, 250.0);
    checks.push(Check::new(
        CheckId::Glare,
        banded(glare, (0.0, 0.01), (0.0, 0.05)),
        Some(glare),
        Some("眼鏡に光が反射しています"),
    ));
}

/// The backdrop around and above the head, the person (hair included) left out: plain passes;
/// a little texture warns; a busy, patterned or shadowed one fails. On a plain backdrop where the
/// hair cannot be told from it, the crown was estimated: a warning for the operator to confirm.
pub(crate) fn background_check(head: &Head) -> Check {
    let Some(std) = head.spread else {
        return Check::new(
            CheckId::Background,
            Status::Warn,
            None,
            Some("背景がほとんど写っていません。背景が無地か確認してください"),
        );
    };
    let status = banded(std, (0.0, 10.0), (0.0, geometry::PLAIN_STD)).max(banded(
        head.clutter,
        (0.0, geometry::CLUTTER_MAX / 2.0),
        (0.0, geometry::CLUTTER_MAX),
    ));
    let (status, reason) = match (status, head.crown) {
        (Status::Fail, _) => (
            Status::Fail,
            "背景が無地ではありません。無地の背景の前で撮影してください",
        ),
        (_, Crown::Hidden(_)) => (
            Status::Warn,
            "髪と背景の色が近く、頭の上端を推定しました。頭の上が切れていないか確認してください",
        ),
        (s, _) => (s, "背景にわずかな模様や影があります"),
    };
    Check::new(
        CheckId::Background,
        status,
        Some(std.min(999.0)),
        Some(reason),
    )
}

/// Below this many camera pixels across the photo's 35 mm, enlarging to J-LIS's 480 would more
/// than double each pixel (≈ 0.6 × 480): too small to use.
const MIN_SOURCE_PX: f32 = 290.0;

/// The face's 95th-percentile luma from which it is lit well enough, whatever the skin.
const LIT_HIGHLIGHTS: f32 = 120.0;
/// Below this mean face luma a face is too dark even with highlights.
const DARK_SKIN_MEAN: f32 = 45.0;

/// A frame whose mean luma is outside this, with no face found, is too dark or too bright.
const FRAME_LUMA: (f32, f32) = (40.0, 235.0);

/// Sharpness at or above this passes.
pub const SHARP_PASS: f32 = 0.04;
/// At or above this warns; below fails.
pub const SHARP_WARN: f32 = 0.02;
