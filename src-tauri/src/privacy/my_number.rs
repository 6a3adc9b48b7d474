//! The My Number check digit (個人番号の検査用数字, 総務省令第八十五号 第五条).

/// Whether `digits` is 12 ASCII digits whose last one is the check digit of the first eleven.
pub fn is_valid_my_number(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 12 || digits.len() != 12 {
        return false;
    }
    // P_n is the n-th digit counted from the right of the first eleven; Q_n = n+1 (n ≤ 6) or n−5.
    let sum: u32 = (1..=11)
        .map(|n| {
            let p = d[11 - n];
            let q = if n <= 6 { n + 1 } else { n - 5 };
            p * q as u32
        })
        .sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    d[11] == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit() {
        assert!(is_valid_my_number("123456789018"));
        assert!(!is_valid_my_number("123456789011"));
        assert!(
            is_valid_my_number("000000000000"),
            "sum 0 gives check digit 0"
        );
        assert!(!is_valid_my_number("12345678901"), "eleven digits");
        assert!(!is_valid_my_number("12345678901x"));
    }
}
