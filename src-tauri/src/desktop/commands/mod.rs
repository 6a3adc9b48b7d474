//! The commands the webviews call: one-line adapters that take the arguments, call one use case
//! of `app` through [`act`](super::state::act) and return its answer or its `{ code, message }`.
//! Commands that need the window system (a file dialog, the camera thread, the print dialog) do
//! that part and nothing else. `list.rs` names every command once.

pub mod admin;
pub mod auth;
pub mod calendar;
pub mod camera;
pub mod card;
pub mod citizen;
pub mod data;
pub mod diagnostics;
pub mod kb;
pub mod leaflet;
pub mod links;
pub mod opening;
pub mod photo;
pub mod procedure;
pub mod records;
pub mod report;
pub mod shared_store;
pub mod visits;
