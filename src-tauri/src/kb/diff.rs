//! A readable difference between two versions of a document, character by character within
//! changed lines (Japanese has no spaces, so word diffs would mark whole sentences). Uses the
//! `similar` crate; the result is escaped HTML with `<ins>` and `<del>` only.

use similar::{ChangeTag, TextDiff};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `old` → `new` as HTML: unchanged text plain, removed in `<del>`, added in `<ins>`.
pub fn to_html(old: &str, new: &str) -> String {
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_chars(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let text = escape(change.value());
        match change.tag() {
            ChangeTag::Equal => out.push_str(&text),
            ChangeTag::Delete => out.push_str(&format!("<del>{text}</del>")),
            ChangeTag::Insert => out.push_str(&format!("<ins>{text}</ins>")),
        }
    }
    // Merge runs like <del>a</del><del>b</del> for readability.
    out.replace("</del><del>", "").replace("</ins><ins>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_what_changed_and_escapes_everything() {
        let html = to_html("3回間違えるとロック", "5回間違えるとロック<script>");
        assert_eq!(
            html,
            "<del>3</del><ins>5</ins>回間違えるとロック<ins>&lt;script&gt;</ins>"
        );
    }
}
