//! The counter's procedures, guided: the guides themselves and what the card allows
//! ([`guide`]), what the citizen does at each step ([`cue`]), reading the 交付申請書's 申請書ID
//! without typing it ([`application_id`], from a scanner's burst of keys told apart by
//! [`burst`]), and what a scanner's line says about its set-up ([`diagnosis`]).
//!
//! Nothing here is stored: the ID lives in the operator's window for the visit and no longer.

pub mod application_id;
pub mod burst;
pub mod cue;
pub mod diagnosis;
pub mod guide;
pub mod qr;

pub use application_id::{read, ApplicationId, IdError};
