//! Madoguchi (窓口): the kiosk for a city hall's My Number Card online counter.
//!
//! The module map. Arrows point down and one way: the two front doors — the desktop shell in
//! [`desktop`] and the [`cli`] — call the use cases in [`app`], which call the domain modules,
//! which use the [`store`]. Nothing below `app` imports `app`, `desktop` or `cli`; nothing but
//! `desktop` imports tauri, so everything else builds and tests with `--no-default-features`.
pub mod app;
pub mod applog;
pub mod audit;
pub mod auth;
pub mod browser;
pub mod calendar;
pub mod camera;
pub mod card;
pub mod central;
pub mod citizen;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod doctor;
pub mod incidents;
pub mod kb;
pub mod kiosk;
pub mod launch;
pub mod leaflet;
pub mod links;
pub mod netcheck;
pub mod netwatch;
pub mod opening;
pub mod photo;
pub mod platform;
pub mod privacy;
pub mod procedure;
pub mod report;
pub mod site;
pub mod store;
pub mod sync;
pub mod tls;
pub mod visits;

#[cfg(feature = "desktop")]
pub mod desktop;
