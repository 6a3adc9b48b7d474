//! Which passwords are accepted: at least ten characters, not one of the passwords people use most,
//! not one character repeated or a run on the keyboard, and not the ID itself. A kiosk at a public
//! counter is signed into by several people a day; a guessable password opens the city's data.

/// Shortest password accepted.
pub const MIN_CHARS: usize = 10;

/// Passwords people use most (the head of the public breach lists), folded to lower case; any
/// password that is one of these, or one of these with digits or a `!` added, is refused.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "0123456789",
    "0987654321",
    "111111",
    "000000",
    "iloveyou",
    "admin",
    "administrator",
    "welcome",
    "letmein",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "master",
    "shadow",
    "superman",
    "trustno1",
    "abc123",
    "abcdefg",
    "abcdefghij",
    "changeme",
    "default",
    "login",
    "guest",
    "secret",
    "pokemon",
    "starwars",
    "michael",
    "jennifer",
    "computer",
    "internet",
    "whatever",
    "madoguchi",
    "mynumber",
    "kojinbango",
    "mynaportal",
    "shiyakusho",
    "yakusho",
    "nihon",
    "japan",
    "tokyo",
    "osaka",
    "sakura",
    "doraemon",
    "pikachu",
    "kiosk",
    "counter",
    "operator",
    "manager",
    "city",
    "demo-pass",
];

/// Keyboard and counting runs (a password that is a piece of one is refused).
const RUNS: &[&str] = &[
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "01234567890",
    "09876543210",
    "zyxwvutsrqponmlkjihgfedcba",
];

/// Why `password` is not accepted for `login_id`, in Japanese; `None` when it is.
pub fn problem(login_id: &str, password: &str) -> Option<&'static str> {
    if password.chars().count() < MIN_CHARS {
        return Some("パスワードは10文字以上にしてください。");
    }
    let lower = password.to_lowercase();
    let core = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == '!');
    if COMMON.contains(&lower.as_str()) || COMMON.contains(&core) {
        return Some("よく使われるパスワードは使えません。推測されにくいものにしてください。");
    }
    let mut chars = lower.chars();
    let first = chars.next();
    if first.is_some_and(|f| chars.all(|c| c == f)) {
        return Some("同じ文字だけのパスワードは使えません。");
    }
    if RUNS.iter().any(|run| run.contains(lower.as_str())) {
        return Some("連続した文字や数字だけのパスワードは使えません。");
    }
    let id = login_id.trim().to_lowercase();
    if id.len() >= 3 && lower.contains(&id) {
        return Some("IDを含むパスワードは使えません。");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guessable_passwords_are_refused_and_good_ones_pass() {
        for (id, bad) in [
            ("op1", "short"),
            ("op1", "password123"),
            ("op1", "Password1!"),
            ("op1", "1234567890"),
            ("op1", "qwertyuiop"),
            ("op1", "aaaaaaaaaaaa"),
            ("op1", "abcdefghijk"),
            ("tanaka", "tanaka-2026x"),
            ("op1", "madoguchi2026"),
        ] {
            assert!(problem(id, bad).is_some(), "{bad} must be refused");
        }
        for good in [
            "correct horse battery",
            "窓口の朝は早い2026",
            "Umi-to-Yama-7",
        ] {
            assert_eq!(problem("op1", good), None, "{good} is fine");
        }
    }
}
