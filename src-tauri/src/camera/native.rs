//! The real camera through nokhwa (V4L2 on Linux, Media Foundation on Windows). A camera is opened
//! on the camera thread (nokhwa's `Camera` is not `Send`), set to the mode [`mode::choose`] picks,
//! and its frames are decoded here with `image` (MJPEG) or nokhwa's converters (YUYV, NV12, BGR).
//! On Linux a frame is read straight from the driver's mapped buffer, so the only copy of the
//! picture is the RGB frame the app wipes when it drops it.

use image::RgbImage;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
    Resolution,
};
use nokhwa::{Camera, NokhwaError};
use zeroize::Zeroize;

use super::mode::{self, Device, Mode, PixelFormat};
use super::{CameraError, FrameSource};

/// Every format the app decodes.
const DECODABLE: [FrameFormat; 6] = [
    FrameFormat::MJPEG,
    FrameFormat::YUYV,
    FrameFormat::NV12,
    FrameFormat::GRAY,
    FrameFormat::RAWRGB,
    FrameFormat::RAWBGR,
];

/// A run of broken frames this long means the camera is not sending pictures we can read.
const MAX_BAD_FRAMES: u32 = 30;

fn pixel_format(f: FrameFormat) -> PixelFormat {
    match f {
        FrameFormat::MJPEG => PixelFormat::Mjpeg,
        FrameFormat::YUYV => PixelFormat::Yuyv,
        FrameFormat::NV12 => PixelFormat::Nv12,
        FrameFormat::GRAY => PixelFormat::Gray,
        FrameFormat::RAWRGB => PixelFormat::Rgb,
        FrameFormat::RAWBGR => PixelFormat::Bgr,
    }
}

fn frame_format(f: PixelFormat) -> FrameFormat {
    match f {
        PixelFormat::Mjpeg => FrameFormat::MJPEG,
        PixelFormat::Yuyv => FrameFormat::YUYV,
        PixelFormat::Nv12 => FrameFormat::NV12,
        PixelFormat::Gray => FrameFormat::GRAY,
        PixelFormat::Rgb => FrameFormat::RAWRGB,
        PixelFormat::Bgr => FrameFormat::RAWBGR,
    }
}

fn to_mode(f: &CameraFormat) -> Mode {
    Mode {
        width: f.width(),
        height: f.height(),
        format: pixel_format(f.format()),
        fps: f.frame_rate(),
    }
}

/// What a nokhwa error means for the operator. nokhwa carries the OS error only as text, so the
/// errno's words decide: EBUSY is another program, ENOENT/ENODEV a camera that is not (or no
/// longer) there, EACCES a missing permission (the `video` group on Linux).
pub fn classify(e: &NokhwaError) -> CameraError {
    let text = e.to_string();
    let has = |s: &str| text.to_ascii_lowercase().contains(s);
    if has("busy") || has("os error 16") {
        return CameraError::Busy;
    }
    if has("permission denied") || has("os error 13") || has("access is denied") {
        return CameraError::Denied;
    }
    match e {
        NokhwaError::ReadFrameError(_) | NokhwaError::StreamShutdownError(_) => {
            CameraError::Unplugged
        }
        _ if has("no such device") || has("no such file") || has("os error 2)") => {
            CameraError::NotFound
        }
        NokhwaError::GetPropertyError { .. }
        | NokhwaError::SetPropertyError { .. }
        | NokhwaError::ProcessFrameError { .. }
        | NokhwaError::StructureError { .. } => CameraError::Format(text),
        _ => CameraError::NotFound,
    }
}

/// Decodes one frame of `mode` into RGB. Scratch buffers are wiped.
pub fn decode(m: &Mode, data: &[u8]) -> Result<RgbImage, CameraError> {
    let (w, h) = (m.width, m.height);
    let bad = |why: &str| CameraError::Format(format!("{m}: {why}"));
    if m.format == PixelFormat::Mjpeg {
        return decode_mjpeg(data, w, h, bad);
    }
    let mut out = vec![0u8; w as usize * h as usize * 3];
    let res = Resolution::new(w, h);
    let converted = match m.format {
        PixelFormat::Yuyv if data.len() == out.len() / 3 * 2 => {
            nokhwa::utils::buf_yuyv422_to_rgb(data, &mut out, false)
        }
        PixelFormat::Nv12 if data.len() == out.len() / 2 => {
            nokhwa::utils::buf_nv12_to_rgb(res, data, &mut out, false)
        }
        PixelFormat::Bgr if data.len() == out.len() => {
            nokhwa::utils::buf_bgr_to_rgb(res, data, &mut out)
        }
        PixelFormat::Rgb if data.len() == out.len() => {
            out.copy_from_slice(data);
            Ok(())
        }
        PixelFormat::Gray if data.len() == out.len() / 3 => {
            for (px, &g) in out.chunks_exact_mut(3).zip(data) {
                px.fill(g);
            }
            Ok(())
        }
        _ => return Err(bad(&format!("{} bytes", data.len()))),
    };
    if let Err(e) = converted {
        out.zeroize();
        return Err(bad(&e.to_string()));
    }
    RgbImage::from_raw(w, h, out).ok_or_else(|| bad("frame buffer size"))
}

fn decode_mjpeg(
    data: &[u8],
    w: u32,
    h: u32,
    bad: impl Fn(&str) -> CameraError,
) -> Result<RgbImage, CameraError> {
    let mut src = super::mjpeg::with_standard_tables(data);
    let decoded = image::load_from_memory_with_format(&src, image::ImageFormat::Jpeg);
    if let std::borrow::Cow::Owned(copy) = &mut src {
        copy.zeroize();
    }
    let img = decoded.map_err(|e| bad(&e.to_string()))?;
    let mut rgb = match img {
        image::DynamicImage::ImageRgb8(rgb) => rgb,
        mut other => {
            let rgb = other.to_rgb8();
            if let Some(px) = other.as_mut_luma8() {
                let px: &mut [u8] = px;
                px.zeroize();
            }
            rgb
        }
    };
    if rgb.dimensions() != (w, h) {
        super::wipe(&mut rgb);
        return Err(bad("frame size differs from the mode"));
    }
    Ok(rgb)
}

/// A real camera, streaming.
pub struct NativeCamera {
    camera: Camera,
    name: String,
    mode: Mode,
}

impl NativeCamera {
    /// Opens camera `index` in the mode [`mode::choose`] picks and starts its stream.
    pub fn open(index: u32) -> Result<Self, CameraError> {
        let any = RequestedFormat::with_formats(RequestedFormatType::None, &DECODABLE);
        let mut camera = Camera::new(CameraIndex::Index(index), any).map_err(|e| classify(&e))?;
        let modes: Vec<Mode> = camera
            .compatible_camera_formats()
            .map_err(|e| classify(&e))?
            .iter()
            .map(to_mode)
            .collect();
        let chosen = mode::choose(&modes)
            .ok_or_else(|| CameraError::Format("no mode up to 1920x1080".into()))?;
        let exact = CameraFormat::new(
            Resolution::new(chosen.width, chosen.height),
            frame_format(chosen.format),
            chosen.fps,
        );
        camera
            .set_camera_requset(RequestedFormat::with_formats(
                RequestedFormatType::Exact(exact),
                &DECODABLE,
            ))
            .map_err(|e| classify(&e))?;
        camera.open_stream().map_err(|e| classify(&e))?;
        let name = camera.info().human_name();
        let mode = to_mode(&camera_format_of(&camera, exact));
        Ok(Self { camera, name, mode })
    }

    /// The mode in use.
    pub fn mode(&self) -> Mode {
        self.mode
    }
}

fn camera_format_of(camera: &Camera, fallback: CameraFormat) -> CameraFormat {
    let f = camera.camera_format();
    if f.width() == 0 {
        fallback
    } else {
        f
    }
}

impl FrameSource for NativeCamera {
    fn name(&self) -> String {
        format!("{} ({})", self.name, self.mode)
    }

    fn grab(&mut self) -> Result<RgbImage, CameraError> {
        let mut last = None;
        for _ in 0..MAX_BAD_FRAMES {
            let raw = self.camera.frame_raw().map_err(|e| classify(&e))?;
            match decode(&self.mode, &raw) {
                Ok(img) => return Ok(img),
                // A torn MJPEG frame now and then is normal on USB: take the next one.
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| CameraError::Format("no frame".into())))
    }
}

impl Drop for NativeCamera {
    fn drop(&mut self) {
        let _ = self.camera.stop_stream();
    }
}

/// The cameras the system lists, each opened briefly to read its modes. An empty list means no
/// camera is connected (or the platform has no camera API).
pub fn list() -> Vec<Device> {
    let mut devices: Vec<Device> = listed()
        .into_iter()
        .map(|(index, name)| {
            let any = RequestedFormat::with_formats(RequestedFormatType::None, &DECODABLE);
            let (modes, error) = match Camera::new(CameraIndex::Index(index), any)
                .and_then(|mut c| c.compatible_camera_formats())
            {
                Ok(f) => (f.iter().map(to_mode).collect::<Vec<_>>(), None),
                Err(e) => (Vec::new(), Some(classify(&e).message_ja())),
            };
            Device {
                index,
                name,
                chosen: mode::choose(&modes),
                modes,
                error,
            }
        })
        .collect();
    devices.sort_by_key(|d| d.index);
    devices
}

/// Index and name of each camera the system lists (cheap: nothing is opened).
fn listed() -> Vec<(u32, String)> {
    nokhwa::query(ApiBackend::Auto)
        .unwrap_or_default()
        .iter()
        .filter_map(|info| Some((info.index().as_index().ok()?, info.human_name())))
        .collect()
}

/// The real camera: the one at `index`, else the first that offers a usable mode.
pub fn open(index: Option<u32>) -> Result<Box<dyn crate::camera::FrameSource>, CameraError> {
    Ok(Box::new(match index {
        Some(i) => NativeCamera::open(i)?,
        None => open_first()?,
    }))
}

/// The camera to use when none is set: the first, by index, that opens with a usable mode (each
/// is opened once). A camera that is there but busy or forbidden is reported over a node that
/// gives no pictures (a UVC metadata node answers "no usable format").
pub fn open_first() -> Result<NativeCamera, CameraError> {
    let mut indices: Vec<u32> = listed().into_iter().map(|(i, _)| i).collect();
    indices.sort_unstable();
    let mut why = CameraError::NotFound;
    for index in indices {
        match NativeCamera::open(index) {
            Ok(camera) => return Ok(camera),
            Err(e @ (CameraError::Busy | CameraError::Denied)) => why = e,
            Err(e) if why == CameraError::NotFound => why = e,
            Err(_) => {}
        }
    }
    Err(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(format: PixelFormat, width: u32, height: u32) -> Mode {
        Mode {
            width,
            height,
            format,
            fps: 30,
        }
    }

    #[test]
    fn yuyv_grey_and_white_decode_to_those_colours() {
        // Two pixels per 4 bytes: Y0 U Y1 V. U = V = 128 is colourless.
        let data = [16u8, 128, 235, 128].repeat(2);
        let img = decode(&m(PixelFormat::Yuyv, 2, 2), &data).unwrap();
        assert!(
            img.get_pixel(0, 0).0.iter().all(|&c| c < 8),
            "{:?}",
            img.get_pixel(0, 0)
        );
        assert!(
            img.get_pixel(1, 0).0.iter().all(|&c| c > 247),
            "{:?}",
            img.get_pixel(1, 0)
        );
    }

    #[test]
    fn mjpeg_frames_decode_and_a_torn_one_is_an_error() {
        let src = RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
            .encode_image(&src)
            .unwrap();
        let img = decode(&m(PixelFormat::Mjpeg, 64, 48), &jpeg).unwrap();
        assert_eq!(img.dimensions(), (64, 48));
        let p = img.get_pixel(40, 30).0;
        assert!((i32::from(p[0]) - 160).abs() < 12 && (i32::from(p[2]) - 90).abs() < 12);
        // Another size than the mode, or half a frame: refused, not passed on.
        assert!(matches!(
            decode(&m(PixelFormat::Mjpeg, 640, 480), &jpeg),
            Err(CameraError::Format(_))
        ));
        assert!(matches!(
            decode(&m(PixelFormat::Mjpeg, 64, 48), &jpeg[..jpeg.len() / 3]),
            Err(CameraError::Format(_))
        ));
    }

    /// Drops the Huffman table segments (FFC4), as many UVC cameras do: their MJPEG frames rely
    /// on the standard tables.
    fn without_huffman_tables(jpeg: &[u8]) -> Vec<u8> {
        let mut out = jpeg[..2].to_vec();
        let mut i = 2;
        while i + 4 <= jpeg.len() && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA {
            let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
            if jpeg[i + 1] != 0xC4 {
                out.extend_from_slice(&jpeg[i..i + 2 + len]);
            }
            i += 2 + len;
        }
        out.extend_from_slice(&jpeg[i..]);
        out
    }

    #[test]
    fn mjpeg_without_huffman_tables_decodes_with_the_standard_ones() {
        let src = RgbImage::from_fn(32, 16, |x, _| image::Rgb([x as u8 * 8, 100, 50]));
        let mut jpeg = Vec::new();
        // The encoder writes the standard (Annex K) tables, so leaving them out changes nothing.
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&src)
            .unwrap();
        let bare = without_huffman_tables(&jpeg);
        assert!(bare.len() < jpeg.len() && !bare.windows(2).any(|w| w == [0xFF, 0xC4]));
        let a = decode(&m(PixelFormat::Mjpeg, 32, 16), &jpeg).unwrap();
        let b = decode(&m(PixelFormat::Mjpeg, 32, 16), &bare).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn raw_formats_decode_and_short_buffers_are_refused() {
        let bgr = [1u8, 2, 3].repeat(4);
        assert_eq!(
            decode(&m(PixelFormat::Bgr, 2, 2), &bgr)
                .unwrap()
                .get_pixel(1, 1)
                .0,
            [3, 2, 1]
        );
        let rgb = [1u8, 2, 3].repeat(4);
        assert_eq!(
            decode(&m(PixelFormat::Rgb, 2, 2), &rgb)
                .unwrap()
                .get_pixel(1, 1)
                .0,
            [1, 2, 3]
        );
        assert_eq!(
            decode(&m(PixelFormat::Gray, 2, 2), &[7, 7, 7, 9])
                .unwrap()
                .get_pixel(1, 1)
                .0,
            [9, 9, 9]
        );
        let nv12 = [128u8; 6];
        assert_eq!(
            decode(&m(PixelFormat::Nv12, 2, 2), &nv12)
                .unwrap()
                .dimensions(),
            (2, 2)
        );
        for f in [
            PixelFormat::Yuyv,
            PixelFormat::Nv12,
            PixelFormat::Rgb,
            PixelFormat::Bgr,
            PixelFormat::Gray,
        ] {
            assert!(
                matches!(decode(&m(f, 2, 2), &[1, 2]), Err(CameraError::Format(_))),
                "{f:?}"
            );
        }
    }

    #[test]
    fn os_errors_become_what_the_operator_can_act_on() {
        let open = |t: &str| NokhwaError::OpenDeviceError("/dev/video0".into(), t.into());
        assert_eq!(
            classify(&open("Device or resource busy (os error 16)")),
            CameraError::Busy
        );
        assert_eq!(
            classify(&open("Permission denied (os error 13)")),
            CameraError::Denied
        );
        assert_eq!(
            classify(&open("No such file or directory (os error 2)")),
            CameraError::NotFound
        );
        assert_eq!(
            classify(&NokhwaError::ReadFrameError(
                "No such device (os error 19)".into()
            )),
            CameraError::Unplugged
        );
        assert!(matches!(
            classify(&NokhwaError::SetPropertyError {
                property: "Resolution".into(),
                value: "x".into(),
                error: "Invalid argument".into()
            }),
            CameraError::Format(_)
        ));
    }

    #[test]
    fn with_no_camera_connected_the_list_is_empty_and_opening_says_not_found() {
        // This machine has no /dev/video*: what a kiosk with the camera unplugged sees.
        if std::path::Path::new("/dev/video0").exists() {
            return;
        }
        assert!(list().is_empty());
        assert!(matches!(open_first(), Err(CameraError::NotFound)));
        assert!(matches!(NativeCamera::open(0), Err(CameraError::NotFound)));
    }
}
