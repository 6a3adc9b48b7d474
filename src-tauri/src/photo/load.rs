//! Reading an image someone hands the kiosk (a file for `photo check`, or a camera still): size
//! limits before decoding, a typed error for every bad input, and the colour rules — CMYK is
//! converted to RGB by the decoder, an alpha channel is dropped only if every pixel is opaque
//! (a transparent background would be a painted one), and EXIF is never carried over.

use std::io::Cursor;

use image::{DynamicImage, ImageReader, RgbImage};
use zeroize::Zeroize;

/// The largest side accepted (J-LIS's upper bound for an upload is 6000 px).
pub const MAX_SIDE: u32 = 6000;

/// Why an image could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Nothing in the file.
    #[error("the file is empty")]
    Empty,
    /// Not an image format we read (JPEG, PNG).
    #[error("not a JPEG or PNG image")]
    UnknownFormat,
    /// Cut short or corrupt.
    #[error("the image is damaged: {0}")]
    Corrupt(String),
    /// Larger than [`MAX_SIDE`].
    #[error("the image is {0}×{1} px; at most {MAX_SIDE} px per side")]
    TooLarge(u32, u32),
    /// Some pixels are transparent.
    #[error("the image has transparent pixels")]
    Transparent,
}

impl LoadError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "image_empty",
            Self::UnknownFormat => "image_format",
            Self::Corrupt(_) => "image_corrupt",
            Self::TooLarge(..) => "image_too_large",
            Self::Transparent => "image_transparent",
        }
    }

    /// In Japanese, for the operator.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Empty => "ファイルが空です".into(),
            Self::UnknownFormat => "JPEG または PNG の画像ではありません".into(),
            Self::Corrupt(_) => "画像が壊れているか、途中で切れています".into(),
            Self::TooLarge(w, h) => {
                format!("画像が大きすぎます（{w}×{h}。1辺 {MAX_SIDE} ピクセルまで）")
            }
            Self::Transparent => {
                "透明な部分がある画像は使えません（背景を加工した画像は受け付けられません）".into()
            }
        }
    }
}

/// Decodes `bytes` to 8-bit RGB.
pub fn decode(bytes: &[u8]) -> Result<RgbImage, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| LoadError::Corrupt(e.to_string()))?;
    match reader.format() {
        None => return Err(LoadError::UnknownFormat),
        // The JPEG decoder fills a cut-off file with grey: insist on the end-of-image marker.
        Some(image::ImageFormat::Jpeg) => {
            let end = bytes.iter().rposition(|b| *b != 0).unwrap_or(0);
            if end < 1 || bytes[end - 1..=end] != [0xFF, 0xD9] {
                return Err(LoadError::Corrupt("no end-of-image marker".into()));
            }
        }
        Some(_) => {}
    }
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| LoadError::Corrupt(e.to_string()))?;
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(LoadError::TooLarge(w, h));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| LoadError::Corrupt(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| LoadError::Corrupt(e.to_string()))?;
    to_rgb(img)
}

fn to_rgb(mut img: DynamicImage) -> Result<RgbImage, LoadError> {
    let result = if img.color().has_alpha() && !opaque(&img) {
        Err(LoadError::Transparent)
    } else {
        Ok(match &mut img {
            // Taken over as it is: nothing is left behind to wipe.
            DynamicImage::ImageRgb8(rgb) => std::mem::take(rgb),
            other => other.to_rgb8(),
        })
    };
    wipe_decoded(&mut img);
    result
}

fn opaque(img: &DynamicImage) -> bool {
    let mut rgba = img.to_rgba8();
    let opaque = rgba.pixels().all(|p| p.0[3] == 255);
    let bytes: &mut [u8] = &mut rgba;
    bytes.zeroize();
    opaque
}

/// Zeroes the decoded picture before it is dropped (a face must not linger in freed memory).
fn wipe_decoded(img: &mut DynamicImage) {
    match img {
        DynamicImage::ImageLuma8(b) => (**b).zeroize(),
        DynamicImage::ImageLumaA8(b) => (**b).zeroize(),
        DynamicImage::ImageRgb8(b) => (**b).zeroize(),
        DynamicImage::ImageRgba8(b) => (**b).zeroize(),
        DynamicImage::ImageLuma16(b) => (**b).zeroize(),
        DynamicImage::ImageLumaA16(b) => (**b).zeroize(),
        DynamicImage::ImageRgb16(b) => (**b).zeroize(),
        DynamicImage::ImageRgba16(b) => (**b).zeroize(),
        DynamicImage::ImageRgb32F(b) => (**b).zeroize(),
        DynamicImage::ImageRgba32F(b) => (**b).zeroize(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(img: &DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        assert_eq!(decode(&[]), Err(LoadError::Empty));
        assert_eq!(
            decode(b"hello, not an image"),
            Err(LoadError::UnknownFormat)
        );
        let jpeg = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/faces/obama.jpg"
        ))
        .unwrap();
        assert!(matches!(
            decode(&jpeg[..jpeg.len() / 3]),
            Err(LoadError::Corrupt(_))
        ));
        // A JPEG whose frame header claims 10000 × 10000 is refused before any pixel is allocated.
        let mut small = Vec::new();
        DynamicImage::new_rgb8(8, 8)
            .write_to(&mut Cursor::new(&mut small), image::ImageFormat::Jpeg)
            .unwrap();
        let sof = small.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        let mut claimed = small.clone();
        claimed[sof + 5..sof + 7].copy_from_slice(&10000u16.to_be_bytes());
        claimed[sof + 7..sof + 9].copy_from_slice(&10000u16.to_be_bytes());
        assert_eq!(decode(&claimed), Err(LoadError::TooLarge(10000, 10000)));
    }

    #[test]
    fn alpha_is_dropped_only_when_opaque() {
        let mut rgba = image::RgbaImage::from_pixel(8, 8, image::Rgba([200, 200, 200, 255]));
        assert_eq!(
            decode(&png(&DynamicImage::ImageRgba8(rgba.clone())))
                .unwrap()
                .dimensions(),
            (8, 8)
        );
        rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        assert_eq!(
            decode(&png(&DynamicImage::ImageRgba8(rgba))),
            Err(LoadError::Transparent)
        );
    }
}
