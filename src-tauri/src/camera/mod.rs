//! The camera: frames from a real camera (nokhwa) or a simulated one, on their own thread, with
//! the newest frame kept for the two previews, live guidance, and a burst for the capture. Frames
//! live in memory only and are wiped when dropped.
//!
//! - [`mjpeg`]: the standard Huffman tables many USB cameras leave out of their frames.
//! - [`mode`]: camera modes and which one to use.
//! - [`native`]: the real camera (nokhwa: V4L2, Media Foundation).
//! - [`preview`]: the preview JPEG the windows show.
//! - [`sim`]: the simulated camera (a moving scene made from a public-domain portrait).
//! - [`worker`]: the camera thread, preview JPEGs, capture, and the hand-over of each frame to an
//!   analyser (the photo module's live analysis: the camera knows frames, not faces).

pub mod mjpeg;
pub mod mode;
#[cfg(any(target_os = "linux", target_os = "windows"))]
pub mod native;
pub mod preview;
pub mod sim;
pub mod worker;

use image::RgbImage;
use zeroize::Zeroize;

/// Why the camera cannot give frames.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CameraError {
    /// No camera is connected.
    #[error("no camera found")]
    NotFound,
    /// Another program holds the camera.
    #[error("the camera is busy")]
    Busy,
    /// The system does not let the app use the camera.
    #[error("no permission to use the camera")]
    Denied,
    /// The camera went away while in use.
    #[error("the camera was disconnected")]
    Unplugged,
    /// The camera offers no usable format.
    #[error("no usable camera format: {0}")]
    Format(String),
}

impl CameraError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "camera_not_found",
            Self::Busy => "camera_busy",
            Self::Denied => "camera_denied",
            Self::Unplugged => "camera_unplugged",
            Self::Format(_) => "camera_format",
        }
    }

    /// In Japanese, for the operator.
    pub fn message_ja(&self) -> String {
        match self {
            Self::NotFound => "カメラが見つかりません。USBの接続を確かめてください".into(),
            Self::Busy => {
                "カメラがほかのアプリで使われています。そのアプリを閉じてから、再接続してください"
                    .into()
            }
            Self::Denied => {
                "カメラを使う権限がありません。現場責任者に連絡してください（IT担当者による設定が必要です。Linuxでは video グループ）"
                    .into()
            }
            Self::Unplugged => {
                "カメラの接続が切れました。USBを挿し直して、再接続してください".into()
            }
            Self::Format(_) => {
                "カメラの映像形式に対応していません。別のカメラを選んでください".into()
            }
        }
    }
}

/// A camera that gives RGB frames.
pub trait FrameSource {
    /// A name for the operator.
    fn name(&self) -> String;
    /// Waits for and returns the next frame.
    fn grab(&mut self) -> Result<RgbImage, CameraError>;
}

/// How the camera is mounted: the frame is turned by this much (clockwise) before use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Rotation {
    /// As the camera gives it.
    #[default]
    None,
    /// Turned 90° clockwise (camera mounted on its side for a portrait frame).
    Cw90,
    /// Turned 270° clockwise.
    Cw270,
}

impl Rotation {
    /// Applies the turn; the frame it replaces is wiped.
    pub fn apply(self, mut img: RgbImage) -> RgbImage {
        let turned = match self {
            Self::None => return img,
            Self::Cw90 => image::imageops::rotate90(&img),
            Self::Cw270 => image::imageops::rotate270(&img),
        };
        wipe(&mut img);
        turned
    }
}

/// Zeroes an image's pixels (called when a frame or still is dropped).
pub fn wipe(img: &mut RgbImage) {
    let buf: &mut [u8] = img;
    buf.zeroize();
}

/// A frame that wipes its pixels when dropped.
pub struct Frame(pub RgbImage);

impl Drop for Frame {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}
