//! A handheld 2D scanner acts as a keyboard: it types what it read as a fast burst of keys and
//! presses Enter. The visit panel tells that burst apart from a person typing by its timing alone,
//! so the scanner works wherever the focus is.
//!
//! The rule: at least [`MIN_KEYS`] keys before Enter, no gap between two keys longer than
//! [`MAX_GAP_MS`], and on average no more than [`MAX_MEAN_GAP_MS`]. USB scanners type a key every
//! 1–10 ms and Bluetooth ones every 10–30 ms with an occasional hiccup; a fast typist's keys are
//! 60–150 ms apart and only a few pairs (rolled keys) come closer, never a dozen in a row. A key
//! held down repeats every ~33 ms: the same key over and over is not a scan (the browser also marks
//! those repeats, and the panel drops them).

/// Fewer keys than this are a person's shortcut, not a scan: the shortest scan is the bare ID,
/// 23 keys, and a scanner that drops half of them is read again anyway.
pub const MIN_KEYS: usize = 12;

/// A gap longer than this ends a burst (the panel uses the same number while it collects keys).
pub const MAX_GAP_MS: u32 = 50;

/// The mean gap of a burst.
pub const MAX_MEAN_GAP_MS: u32 = 35;

/// Whether `keys` (the characters before Enter) typed with `gaps_ms` between them (one fewer than
/// the keys, or as many: the gap before Enter may be included) came from a scanner.
pub fn is_scan(keys: &str, gaps_ms: &[u32]) -> bool {
    let n = keys.chars().count();
    if n < MIN_KEYS || gaps_ms.len() + 1 < n || gaps_ms.is_empty() {
        return false;
    }
    let mut chars = keys.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return false;
    }
    let max = gaps_ms.iter().copied().max().unwrap_or(0);
    let mean = gaps_ms.iter().map(|&g| u64::from(g)).sum::<u64>() / gaps_ms.len() as u64;
    max <= MAX_GAP_MS && mean <= u64::from(MAX_MEAN_GAP_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://www.kojinbango-card.go.jp/apply/?id=12345678901234567890123";
    const ID: &str = "12345678901234567890123";

    /// Gaps from a little deterministic generator: `base` ± `spread`, with a `spike` every
    /// `every` keys.
    fn gaps(n: usize, base: u32, spread: u32, spike: Option<(usize, u32)>) -> Vec<u32> {
        let mut x: u32 = 12345;
        (0..n)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let jitter = (x >> 16) % (2 * spread + 1);
                match spike {
                    Some((every, ms)) if i % every == every - 1 => ms,
                    _ => base + jitter - spread,
                }
            })
            .collect()
    }

    #[test]
    fn scanners_usb_and_bluetooth_are_scans() {
        let n = URL.chars().count();
        assert!(is_scan(URL, &gaps(n - 1, 4, 3, None)), "USB, 1–7 ms");
        assert!(
            is_scan(URL, &gaps(n, 4, 3, None)),
            "with the gap before Enter"
        );
        assert!(is_scan(ID, &gaps(22, 20, 10, None)), "Bluetooth, 10–30 ms");
        assert!(
            is_scan(URL, &gaps(n - 1, 25, 8, Some((20, 48)))),
            "with hiccups"
        );
        assert!(is_scan(ID, &[0; 22]), "keys in the same millisecond");
    }

    #[test]
    fn people_typing_are_not_scans() {
        assert!(
            !is_scan(ID, &gaps(22, 120, 50, None)),
            "an operator typing the ID"
        );
        assert!(
            !is_scan(ID, &gaps(22, 70, 40, None)),
            "a fast typist with rolled keys"
        );
        assert!(
            !is_scan(ID, &gaps(22, 40, 5, Some((6, 180)))),
            "fast groups with pauses"
        );
        let mut rolled = gaps(22, 90, 30, None);
        rolled[3] = 8;
        rolled[10] = 12;
        assert!(!is_scan(ID, &rolled));
    }

    #[test]
    fn short_bursts_and_held_keys_are_not_scans() {
        assert!(!is_scan("12", &[5]), "two keys rolled together");
        assert!(!is_scan("1234567890", &[5; 9]), "ten keys are not enough");
        assert!(
            !is_scan("1111111111111111", &[33; 15]),
            "a held key repeating"
        );
        assert!(!is_scan(ID, &[]), "no timing");
        assert!(!is_scan(ID, &[5; 5]), "timing for only some keys");
    }
}
