//! The citizen display (the second screen facing the citizen): which languages it speaks
//! ([`language`]), what it shows at each moment of the visit ([`scene`]), and the only trace a
//! language choice leaves, a count of visits per language and day ([`counts`]), which reaches the
//! other counters of the site a finished day at a time ([`shared`]).
//!
//! The texts themselves are the window's: one reviewable file per language under `ui/i18n/`.
//! Nothing here knows who the citizen is; the scene is worked out from the counter's state.

pub mod counts;
pub mod language;
pub mod scene;
pub mod screen;
pub mod shared;

pub use language::{Language, LANGUAGES};
pub use scene::{CardResult, Inputs, Scene};
pub use screen::Screen;
