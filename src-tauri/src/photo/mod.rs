//! The ID photo: face detection, the crop to the J-LIS rules, quality checks and the JPEG that
//! leaves the kiosk. Photos live in memory only (see spec `photo.md` §6).
//!
//! - [`model`]: BlazeFace through tract (embedded model).
pub mod model;
