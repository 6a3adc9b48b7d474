//! The 交付申請書's QR code read from the kiosk camera (the operator holds the form up to it):
//! every QR code in a frame decoded with `rqrr` (a port of quirc), then the 申請書ID read from its
//! text by the same rule as a scanner's line ([`super::application_id`]).
//!
//! A frame with no readable code says nothing yet (the form is still moving, or out of focus);
//! the caller tries the next frames and gives up after a while with [`QrError::NotFound`]. A code
//! that holds no ID (another document's) is refused at once.

use image::RgbImage;

use super::application_id::{self, ApplicationId, IdError};

/// Why no ID came from the camera.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// No code could be read in the frames tried.
    #[error("QRコードを読み取れませんでした。交付申請書のQRコードをカメラに近づけ、ピントが合うまで動かさずにお持ちください。")]
    NotFound,
    /// A code was read, but it holds no 申請書ID (another document's code).
    #[error("読み取ったQRコードに申請書IDがありません。交付申請書のQRコードか確認してください。")]
    NotAnApplication,
    /// Two forms' codes in one frame.
    #[error(transparent)]
    Id(IdError),
}

impl QrError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "qr_not_found",
            Self::NotAnApplication => "qr_not_an_application",
            Self::Id(e) => e.code(),
        }
    }
}

/// The texts of every QR code readable in `frame`.
pub fn texts(frame: &RgbImage) -> Vec<String> {
    let (w, h) = (frame.width() as usize, frame.height() as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let p = frame.get_pixel(x as u32, y as u32).0;
        ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
    });
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// The ID in `frame`: `Ok(None)` when no code can be read in it (try the next frame).
pub fn read(frame: &RgbImage) -> Result<Option<ApplicationId>, QrError> {
    let found = texts(frame);
    if found.is_empty() {
        return Ok(None);
    }
    match application_id::read(&found.join("\n")) {
        Ok(id) => Ok(Some(id)),
        Err(IdError::Several(n)) => Err(QrError::Id(IdError::Several(n))),
        Err(_) => Err(QrError::NotAnApplication),
    }
}

/// Draws `text` as a QR code `module` pixels a module, with its quiet zone, at `at` in `frame`
/// (the simulated camera's form, and tests).
pub fn draw(frame: &mut RgbImage, text: &str, at: (u32, u32), module: u32) {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return;
    };
    let n = code.width() as u32;
    let colors = code.to_colors();
    let quiet = 4;
    for qy in 0..n + 2 * quiet {
        for qx in 0..n + 2 * quiet {
            let dark = qx >= quiet
                && qy >= quiet
                && qx < n + quiet
                && qy < n + quiet
                && colors[((qy - quiet) * n + (qx - quiet)) as usize] == qrcode::Color::Dark;
            let v = if dark { 20 } else { 245 };
            for dy in 0..module {
                for dx in 0..module {
                    let (x, y) = (at.0 + qx * module + dx, at.1 + qy * module + dy);
                    if x < frame.width() && y < frame.height() {
                        frame.put_pixel(x, y, image::Rgb([v, v, v]));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://www.kojinbango-card.go.jp/apply/?id=12345678901234567890123";

    fn frame_with(texts: &[&str], module: u32) -> RgbImage {
        let mut f = RgbImage::from_pixel(1280, 720, image::Rgb([120, 110, 100]));
        for (i, t) in texts.iter().enumerate() {
            draw(&mut f, t, (60 + i as u32 * 620, 120), module);
        }
        f
    }

    #[test]
    fn the_forms_code_gives_its_id() {
        let id = read(&frame_with(&[URL], 6)).unwrap().unwrap();
        assert_eq!(id.digits(), "12345678901234567890123");
        // Smaller, as a form held further away.
        assert!(read(&frame_with(&[URL], 3)).unwrap().is_some());
    }

    #[test]
    fn nothing_readable_waits_another_documents_code_is_refused() {
        let blank = RgbImage::from_pixel(640, 480, image::Rgb([200, 200, 200]));
        assert_eq!(read(&blank), Ok(None));
        // Out of focus: a box blur over the code makes it unreadable, so wait.
        let sharp = frame_with(&[URL], 3);
        let blurred = image::imageops::blur(&sharp, 6.0);
        assert_eq!(read(&blurred), Ok(None));
        assert_eq!(
            read(&frame_with(&["https://www.city.example.lg.jp/kurashi/"], 6)),
            Err(QrError::NotAnApplication)
        );
        let two = frame_with(&[URL, "https://x.jp/?id=98765432109876543210987"], 5);
        assert_eq!(read(&two).unwrap_err().code(), "several_application_ids");
    }
}
