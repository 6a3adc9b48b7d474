//! Madoguchi: the module map.
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod privacy;
pub mod store;
pub mod visits;
