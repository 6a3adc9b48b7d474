//! Madoguchi: the module map.
pub mod calendar;
