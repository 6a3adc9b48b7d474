//! The checks on a captured still, each pass / warn / fail with a value and a Japanese reason.
//! Thresholds start from spec `photo.md` §4 and were calibrated on the test faces and their
//! variants (see the tests in `photo/tests.rs`).

use serde::Serialize;

/// One check's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Meets the rule.
    Pass,
    /// Acceptable with the operator's judgement (accepting asks for a reason).
    Warn,
    /// Retake.
    Fail,
}

/// Which check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// One face, and only one.
    Faces,
    /// The 35:45 crop fits inside the frame.
    InsideFrame,
    /// The head's height on the photo.
    HeadHeight,
    /// The space above the head.
    TopMargin,
    /// The face left–right in the middle.
    Centred,
    /// The head held straight.
    Roll,
    /// Brightness of the face.
    Exposure,
    /// Even light, no strong shadow.
    EvenLight,
    /// In focus, not blurred.
    Sharpness,
    /// A plain backdrop.
    Background,
    /// No reflection on glasses.
    Glare,
    /// The file J-LIS receives.
    File,
}

impl CheckId {
    /// Every check, in the order they are shown.
    pub const ALL: [CheckId; 12] = [
        Self::Faces,
        Self::InsideFrame,
        Self::HeadHeight,
        Self::TopMargin,
        Self::Centred,
        Self::Roll,
        Self::Exposure,
        Self::EvenLight,
        Self::Sharpness,
        Self::Background,
        Self::Glare,
        Self::File,
    ];

    /// The stable code (as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            Self::Faces => "faces",
            Self::InsideFrame => "inside_frame",
            Self::HeadHeight => "head_height",
            Self::TopMargin => "top_margin",
            Self::Centred => "centred",
            Self::Roll => "roll",
            Self::Exposure => "exposure",
            Self::EvenLight => "even_light",
            Self::Sharpness => "sharpness",
            Self::Background => "background",
            Self::Glare => "glare",
            Self::File => "file",
        }
    }

    /// Its name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Faces => "顔の数",
            Self::InsideFrame => "枠内に収まる",
            Self::HeadHeight => "顔の大きさ",
            Self::TopMargin => "頭上の余白",
            Self::Centred => "左右の位置",
            Self::Roll => "顔の傾き",
            Self::Exposure => "明るさ",
            Self::EvenLight => "光のむら・影",
            Self::Sharpness => "ピント・ぶれ",
            Self::Background => "背景",
            Self::Glare => "眼鏡の反射",
            Self::File => "ファイル形式",
        }
    }
}

impl std::fmt::Display for CheckId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Which check.
    pub id: CheckId,
    /// Outcome.
    pub status: Status,
    /// The measured value, where there is one.
    pub value: Option<f64>,
    /// Why, in Japanese (for warn and fail).
    pub reason: Option<String>,
}

impl Check {
    /// A check.
    pub fn new(id: CheckId, status: Status, value: Option<f32>, reason: Option<&str>) -> Self {
        Self {
            id,
            status,
            value: value.map(|v| (f64::from(v) * 1000.0).round() / 1000.0),
            reason: if status == Status::Pass {
                None
            } else {
                reason.map(str::to_string)
            },
        }
    }
}

/// Pass inside `pass`, warn inside `warn`, else fail.
pub fn banded(v: f32, pass: (f32, f32), warn: (f32, f32)) -> Status {
    if (pass.0..=pass.1).contains(&v) {
        Status::Pass
    } else if (warn.0..=warn.1).contains(&v) {
        Status::Warn
    } else {
        Status::Fail
    }
}

/// The checks in the order each depends on the ones before: exposure and focus spoil the face
/// finder and its landmarks, the landmarks give the tilt, the backdrop gives the crown, the crown
/// and chin give the crop. The first of these that shows the verdict is its cause; a later one is
/// a consequence and not reported as the cause (a dark photo is not "cut off at the top").
pub const PIPELINE: [CheckId; 12] = [
    CheckId::Exposure,
    CheckId::Faces,
    CheckId::Sharpness,
    CheckId::Roll,
    CheckId::Background,
    CheckId::InsideFrame,
    CheckId::HeadHeight,
    CheckId::TopMargin,
    CheckId::Centred,
    CheckId::EvenLight,
    CheckId::Glare,
    CheckId::File,
];

/// The check that causes the verdict: the first in [`PIPELINE`] order with the verdict's status
/// (none when all pass).
pub fn cause(checks: &[Check]) -> Option<&Check> {
    let worst = verdict(checks);
    if worst == Status::Pass {
        return None;
    }
    PIPELINE
        .iter()
        .find_map(|id| checks.iter().find(|c| c.id == *id && c.status == worst))
}

/// The worst status of all checks.
pub fn verdict(checks: &[Check]) -> Status {
    checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Status::Fail)
}
