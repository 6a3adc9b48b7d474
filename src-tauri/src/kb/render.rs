//! Markdown to HTML that is safe to put in the webview: raw HTML in the source is shown as text
//! (pulldown-cmark events), and the result goes through ammonia's allow-list sanitiser, which
//! drops scripts, event handlers and `javascript:` URLs. Links may only be absolute `https`
//! addresses: relative and `//host` links are dropped (the window's own pages are not reached by
//! a document's link), and whether an `https` link opens is the allow-list's decision (`links`).

use std::collections::HashSet;

use pulldown_cmark::{html, Event, Options, Parser};

/// Renders a document body.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        // Raw HTML written in the Markdown is displayed, never interpreted.
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    });
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["https"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_renders_inert() {
        let evil = r#"# 見出し

<script>alert(1)</script>

<img src=x onerror="alert(2)">

[リンク](javascript:alert(3)) [安全](https://www.kojinbango-card.go.jp/) 本文の <b onmouseover="alert(6)">強調</b>

<a href="javascript:alert(4)" onclick="alert(5)">x</a>

&lt;b&gt; と &amp; と &#x3C;script&#x3E;
"#;
        let out = to_safe_html(evil);
        assert!(!out.contains("<script"), "{out}");
        assert!(
            !out.contains("<img"),
            "raw HTML is shown as text, not rendered: {out}"
        );
        let tags: Vec<&str> = out
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
            .collect();
        assert!(
            tags.iter()
                .all(|t| !t.to_lowercase().contains("javascript") && !t.contains(" on")),
            "no real tag carries a script URL or a handler: {tags:?}"
        );
        assert!(
            !out.contains("<a href=\"javascript") && !out.contains("<b onmouseover"),
            "{out}"
        );
        assert!(
            !out.contains(" onerror=\"") || out.contains("&lt;img"),
            "handlers only ever as text: {out}"
        );
        assert!(
            out.contains("<a>リンク</a>") || out.contains("リンク"),
            "the link text stays, without its URL: {out}"
        );
        assert!(out.contains("<h1>見出し</h1>"), "{out}");
        assert!(
            out.contains(r#"href="https://www.kojinbango-card.go.jp/""#),
            "safe links stay: {out}"
        );
        assert!(
            out.contains("&lt;script&gt;") || out.contains("&lt;script"),
            "entities stay text: {out}"
        );
    }

    #[test]
    fn only_absolute_https_links_keep_their_address() {
        let out = to_safe_html(
            "[a](https://myna.go.jp/) [b](http://myna.go.jp/) [c](/operator.html) \
             [d](//evil.example/) [e](mailto:x@go.jp) [f](operator.html#admin) [g](#top) \
             [h](file:///etc/passwd) [i](tauri://localhost/citizen.html)",
        );
        assert!(out.contains(r#"href="https://myna.go.jp/""#), "{out}");
        assert_eq!(out.matches("href=").count(), 1, "{out}");
        for letter in ["a", "b", "c", "d", "e", "f", "g", "h", "i"] {
            assert!(
                out.contains(&format!(">{letter}</a>")),
                "the text stays: {out}"
            );
        }
    }
}
