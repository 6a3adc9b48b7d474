//! Madoguchi (窓口): the kiosk for a city hall's My Number Card online counter.
//!
//! The module map. Domain modules never touch tauri and build with `--no-default-features`; the
//! desktop shell in [`desktop`] is thin and calls them, as does the [`cli`].
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod camera;
pub mod card;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod doctor;
pub mod incidents;
pub mod kb;
pub mod launch;
pub mod photo;
pub mod privacy;
pub mod report;
pub mod site;
pub mod store;
pub mod visits;

#[cfg(feature = "desktop")]
pub mod desktop;
