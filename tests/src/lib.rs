//! WebDriver client for the end-to-end tests (tests live in `tests/*.rs`).
