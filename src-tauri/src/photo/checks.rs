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

/// One check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable id: faces, inside_frame, head_height, top_margin, centred, roll, exposure,
    /// even_light, sharpness, background, glare, file.
    pub id: &'static str,
    /// Outcome.
    pub status: Status,
    /// The measured value, where there is one.
    pub value: Option<f64>,
    /// Why, in Japanese (for warn and fail).
    pub reason: Option<String>,
}

impl Check {
    /// A check.
    pub fn new(id: &'static str, status: Status, value: Option<f32>, reason: Option<&str>) -> Self {
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

/// The worst status of all checks.
pub fn verdict(checks: &[Check]) -> Status {
    checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Status::Fail)
}
