//! The one instruction the citizen sees under the preview, in Japanese with English below, from
//! the live analysis of the newest frame. One at a time, most important first.

use serde::Serialize;

use super::detect::Face;

/// An instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Instruction {
    /// Stable id.
    pub id: &'static str,
    /// Japanese.
    pub ja: &'static str,
    /// English.
    pub en: &'static str,
    /// Ready to take the photo.
    pub ready: bool,
}

/// Every instruction's id (the citizen display's `photo.<id>` texts).
pub const ALL_IDS: [&str; 8] = [
    "nobody", "others", "closer", "back", "centre", "straight", "light", "ready",
];

const fn say(id: &'static str, ja: &'static str, en: &'static str, ready: bool) -> Instruction {
    Instruction { id, ja, en, ready }
}

/// Eye distance as a share of the frame height at the ideal distance, and the band around it.
const EYES_IDEAL: (f32, f32) = (0.085, 0.125);

/// The instruction for a frame of `w × h` with `face` (the largest, if any), the number of other
/// faces seen, and the face's mean luma.
pub fn instruct(
    face: Option<&Face>,
    others: usize,
    face_luma: Option<f32>,
    w: u32,
    h: u32,
) -> Instruction {
    let Some(f) = face else {
        return say(
            "nobody",
            "カメラの正面にお座りください",
            "Please sit facing the camera",
            false,
        );
    };
    if others > 0 {
        return say(
            "others",
            "ほかの方が写っています。撮影はおひとりでお願いします",
            "Someone else is in the picture. Only one person, please",
            false,
        );
    }
    let d = f.eye_distance() / h as f32;
    if d < EYES_IDEAL.0 {
        return say(
            "closer",
            "もう少し近づいてください",
            "Please come a little closer",
            false,
        );
    }
    if d > EYES_IDEAL.1 {
        return say(
            "back",
            "少し後ろに下がってください",
            "Please move back a little",
            false,
        );
    }
    let (cx, _) = f.eye_mid();
    if (cx / w as f32 - 0.5).abs() > 0.08 {
        return say(
            "centre",
            "顔を枠の中央に合わせてください",
            "Please center your face in the frame",
            false,
        );
    }
    if f.roll_degrees().abs() > super::ROLL_MAX {
        return say(
            "straight",
            "顔をまっすぐにしてください",
            "Please hold your head straight",
            false,
        );
    }
    if face_luma.is_some_and(|l| l < 80.0) {
        return say(
            "light",
            "明るい場所で撮影します。少しお待ちください",
            "We need more light. Please wait a moment",
            false,
        );
    }
    say(
        "ready",
        "そのまま動かずにお待ちください",
        "Please hold still",
        true,
    )
}

#[cfg(test)]
mod ids_tests {
    use super::*;

    #[test]
    fn all_ids_lists_every_instruction_said() {
        let source = include_str!("guidance.rs");
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        let mut said: Vec<&str> = code
            .split("say(")
            .filter_map(|rest| {
                let (id, _) = rest.trim_start().strip_prefix('"')?.split_once('"')?;
                Some(id)
            })
            .collect();
        said.sort_unstable();
        let mut all = ALL_IDS.to_vec();
        all.sort_unstable();
        assert_eq!(said, all);
    }
}
