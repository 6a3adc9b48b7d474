//! Madoguchi: the module map.
pub mod calendar;
pub mod privacy;
pub mod store;
