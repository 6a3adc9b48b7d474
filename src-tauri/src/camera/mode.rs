//! Camera modes (size, pixel format, frame rate) and the choice among them: MJPEG first (a USB 2
//! camera sends full-size frames at full rate only compressed), then the largest frame up to
//! 1920 × 1080, then the rate nearest 30 fps. Kept apart from the backend so the rule is tested
//! without a camera.

use serde::Serialize;

/// The largest frame asked for: more pixels only cost time, the photo needs ~830 × 1070.
pub const MAX_WIDTH: u32 = 1920;
/// See [`MAX_WIDTH`].
pub const MAX_HEIGHT: u32 = 1080;
/// Below this a preview stutters; a mode this slow is taken only when nothing else fits.
pub const MIN_FPS: u32 = 15;
/// The rate asked for.
pub const WANT_FPS: u32 = 30;

/// A pixel format the app can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PixelFormat {
    /// Motion JPEG.
    Mjpeg,
    /// YUV 4:2:2 packed.
    Yuyv,
    /// YUV 4:2:0 semi-planar.
    Nv12,
    /// 8-bit grey.
    Gray,
    /// 24-bit RGB.
    Rgb,
    /// 24-bit BGR.
    Bgr,
}

impl PixelFormat {
    /// The FourCC-like name shown to IT staff.
    pub fn name(self) -> &'static str {
        match self {
            Self::Mjpeg => "MJPEG",
            Self::Yuyv => "YUYV",
            Self::Nv12 => "NV12",
            Self::Gray => "GRAY",
            Self::Rgb => "RGB3",
            Self::Bgr => "BGR3",
        }
    }
}

/// One mode a camera offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mode {
    /// Frame width in pixels.
    pub width: u32,
    /// Frame height in pixels.
    pub height: u32,
    /// Pixel format.
    pub format: PixelFormat,
    /// Frames per second.
    pub fps: u32,
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}x{} {}fps",
            self.format.name(),
            self.width,
            self.height,
            self.fps
        )
    }
}

/// One camera the system lists, with what it offers.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    /// The index to open it with (`/dev/videoN` on Linux).
    pub index: u32,
    /// Its name.
    pub name: String,
    /// The modes it offers (empty for a node that gives no pictures, such as a UVC metadata node).
    pub modes: Vec<Mode>,
    /// Why its modes could not be read, if they could not.
    pub error: Option<String>,
    /// The mode the app would use.
    pub chosen: Option<Mode>,
}

/// The mode to use, or `None` when no mode fits within 1920 × 1080 either way round (or the list
/// is empty).
pub fn choose(modes: &[Mode]) -> Option<Mode> {
    modes
        .iter()
        .filter(|m| {
            let (long, short) = (m.width.max(m.height), m.width.min(m.height));
            long <= MAX_WIDTH && short <= MAX_HEIGHT && m.fps > 0
        })
        .max_by_key(|m| {
            let smooth = m.fps >= MIN_FPS;
            let mjpeg = m.format == PixelFormat::Mjpeg;
            let pixels = u64::from(m.width) * u64::from(m.height);
            let near = std::cmp::Reverse(m.fps.abs_diff(WANT_FPS));
            (smooth, mjpeg, pixels, near)
        })
        .copied()
}

/// The modes in a line for IT staff: per format, each size with its highest rate, largest first
/// (`MJPEG 1920x1080@30 1280x720@60; YUYV 640x480@30`).
pub fn summary(modes: &[Mode]) -> String {
    let mut formats: Vec<PixelFormat> = Vec::new();
    for m in modes {
        if !formats.contains(&m.format) {
            formats.push(m.format);
        }
    }
    formats
        .iter()
        .map(|&f| {
            let mut sizes: Vec<(u32, u32, u32)> = Vec::new();
            for m in modes.iter().filter(|m| m.format == f) {
                match sizes.iter_mut().find(|s| (s.0, s.1) == (m.width, m.height)) {
                    Some(s) => s.2 = s.2.max(m.fps),
                    None => sizes.push((m.width, m.height, m.fps)),
                }
            }
            sizes.sort_by_key(|s| std::cmp::Reverse(u64::from(s.0) * u64::from(s.1)));
            let list: Vec<String> = sizes
                .iter()
                .map(|(w, h, r)| format!("{w}x{h}@{r}"))
                .collect();
            format!("{} {}", f.name(), list.join(" "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(width: u32, height: u32, format: PixelFormat, fps: u32) -> Mode {
        Mode {
            width,
            height,
            format,
            fps,
        }
    }

    #[test]
    fn a_typical_usb_camera_gets_mjpeg_full_hd_at_30() {
        use PixelFormat::*;
        let modes = [
            m(640, 480, Yuyv, 30),
            m(1920, 1080, Yuyv, 5),
            m(1280, 720, Yuyv, 10),
            m(1920, 1080, Mjpeg, 60),
            m(1920, 1080, Mjpeg, 30),
            m(1920, 1080, Mjpeg, 15),
            m(1280, 720, Mjpeg, 30),
            m(3840, 2160, Mjpeg, 30),
        ];
        assert_eq!(choose(&modes), Some(m(1920, 1080, Mjpeg, 30)));
    }

    #[test]
    fn a_smooth_smaller_mode_beats_a_slide_show() {
        use PixelFormat::*;
        let modes = [
            m(1920, 1080, Yuyv, 5),
            m(1280, 720, Yuyv, 10),
            m(640, 480, Yuyv, 30),
        ];
        assert_eq!(choose(&modes), Some(m(640, 480, Yuyv, 30)));
        // With nothing smooth, the biggest is taken rather than nothing.
        let slow = [m(1920, 1080, Yuyv, 5), m(1280, 720, Yuyv, 10)];
        assert_eq!(choose(&slow), Some(m(1920, 1080, Yuyv, 5)));
    }

    #[test]
    fn nothing_fits_gives_none() {
        use PixelFormat::*;
        assert_eq!(choose(&[]), None);
        assert_eq!(choose(&[m(3840, 2160, Mjpeg, 30)]), None);
        assert_eq!(choose(&[m(1280, 720, Mjpeg, 0)]), None);
        // A camera that streams portrait is held to the same size.
        assert_eq!(
            choose(&[m(1080, 1920, Mjpeg, 30)]),
            Some(m(1080, 1920, Mjpeg, 30))
        );
        assert_eq!(choose(&[m(1440, 2560, Mjpeg, 30)]), None);
    }

    #[test]
    fn the_summary_groups_by_format_with_the_best_rate_per_size() {
        use PixelFormat::*;
        let modes = [
            m(640, 480, Yuyv, 30),
            m(1280, 720, Mjpeg, 30),
            m(1920, 1080, Mjpeg, 15),
            m(1920, 1080, Mjpeg, 30),
            m(1280, 720, Mjpeg, 60),
        ];
        assert_eq!(
            summary(&modes),
            "YUYV 640x480@30; MJPEG 1920x1080@30 1280x720@60"
        );
        assert_eq!(summary(&[]), "");
    }

    #[test]
    fn modes_read_as_it_staff_expect() {
        assert_eq!(
            m(1280, 720, PixelFormat::Mjpeg, 30).to_string(),
            "MJPEG 1280x720 30fps"
        );
    }
}
