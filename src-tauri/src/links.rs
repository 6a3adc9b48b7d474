//! Which outside pages the kiosk opens. The operator window never leaves the app: a link in the
//! manual or FAQ opens in the system browser, and only when it is `https` and its host is on the
//! allow-list the site manager keeps (by default the J-LIS and Mynaportal sites and `*.go.jp`).
//! A pattern is a host name (`myna.go.jp`: that host only) or `*.` and a domain (`*.go.jp`: every
//! host under it, not the domain itself). The rules only: the use-case layer stores the list.

use serde::{Deserialize, Serialize};
use url::Url;

/// The settings key.
pub const KEY: &str = "links.allowed_hosts";

/// The J-LIS application and information sites' domain.
pub const JLIS_DOMAIN: &str = "kojinbango-card.go.jp";

/// Why a link or a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not a full address.
    #[error("not a web address")]
    Bad,
    /// Not `https`.
    #[error("only https links are opened")]
    NotHttps,
    /// The host is not on the list.
    #[error("{0} is not on the allow-list")]
    NotAllowed(String),
    /// A pattern that is not a host name or `*.domain`.
    #[error("not a host pattern: {0}")]
    BadPattern(String),
}

impl LinkError {
    /// In Japanese, for the person who clicked or typed.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Bad => "リンクのアドレスが正しくありません。".into(),
            Self::NotHttps => "暗号化されていない（https でない）リンクは開けません。".into(),
            Self::NotAllowed(host) => format!(
                "{host} は開くことを許可されたサイトではありません。必要な場合は現場責任者に連絡してください。"
            ),
            Self::BadPattern(p) => format!(
                "「{p}」はサイトの指定として正しくありません。example.go.jp または *.go.jp の形で入力してください。"
            ),
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Bad => "link_bad",
            Self::NotHttps => "link_not_https",
            Self::NotAllowed(_) => "link_not_allowed",
            Self::BadPattern(_) => "bad_host_pattern",
        }
    }
}

/// The hosts links may open, as the site manager keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowList {
    /// Patterns, lower case, in the order entered.
    pub hosts: Vec<String>,
}

impl Default for AllowList {
    fn default() -> Self {
        Self {
            hosts: [
                JLIS_DOMAIN,
                "*.kojinbango-card.go.jp",
                "myna.go.jp",
                "*.myna.go.jp",
                "*.go.jp",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl AllowList {
    /// A list from what was typed (one pattern per line or separated by spaces or commas):
    /// trimmed, lower-cased, duplicates dropped, each checked.
    pub fn parse(text: &str) -> Result<Self, LinkError> {
        let mut hosts: Vec<String> = Vec::new();
        for raw in text.split(|c: char| c.is_whitespace() || c == ',' || c == '、') {
            if raw.is_empty() {
                continue;
            }
            let p = normalise_pattern(raw)?;
            if !hosts.contains(&p) {
                hosts.push(p);
            }
        }
        Ok(Self { hosts })
    }

    /// Whether `host` matches a pattern.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.hosts.iter().any(|p| host_matches(p, &host))
    }

    /// The link as it will be opened, or why not.
    pub fn check(&self, raw: &str) -> Result<Url, LinkError> {
        let url = parse_web(raw)?;
        let host = url.host_str().ok_or(LinkError::Bad)?;
        if self.allows_host(host) {
            Ok(url)
        } else {
            Err(LinkError::NotAllowed(host.to_string()))
        }
    }
}

/// An absolute `https` address with a host name of at least two labels (no user name or password
/// in it).
pub fn parse_web(raw: &str) -> Result<Url, LinkError> {
    let url = Url::parse(raw.trim()).map_err(|_| LinkError::Bad)?;
    if url.scheme() != "https" {
        return Err(if url.scheme() == "http" {
            LinkError::NotHttps
        } else {
            LinkError::Bad
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(LinkError::Bad);
    }
    // A public site's name has a dot; `localhost` and bare names are not sites.
    match url.host() {
        Some(url::Host::Domain(d)) if d.contains('.') => Ok(url),
        _ => Err(LinkError::Bad),
    }
}

/// Whether `host` is a J-LIS site (`kojinbango-card.go.jp` or a host under it).
pub fn is_jlis_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == JLIS_DOMAIN || host.ends_with(&format!(".{JLIS_DOMAIN}"))
}

fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => host.len() > domain.len() + 1 && host.ends_with(&format!(".{domain}")),
        None => pattern == host,
    }
}

/// A host name of letters, digits and hyphens in dot-separated labels, at least two labels
/// (a bare `*.jp` or `localhost` is too wide or not a site), optionally behind `*.`.
fn normalise_pattern(raw: &str) -> Result<String, LinkError> {
    let p = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    let name = p.strip_prefix("*.").unwrap_or(&p);
    let labels: Vec<&str> = name.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let wide = p.starts_with("*.") && labels.len() < 2;
    if labels.len() < 2 || wide || !labels.iter().all(label_ok) {
        return Err(LinkError::BadPattern(raw.trim().to_string()));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_list_opens_government_sites_only() {
        let list = AllowList::default();
        for ok in [
            "https://www.kojinbango-card.go.jp/faq/",
            "https://kojinbango-card.go.jp/",
            "https://myna.go.jp/SCK0101_01_001/SCK0101_01_001_InitDiscsys.form",
            "https://www.digital.go.jp/policies/mynumber",
            "https://WWW.MHLW.GO.JP/stf/index.html",
            "https://www.city.example.lg.jp.go.jp/",
        ] {
            assert!(list.check(ok).is_ok(), "{ok}");
        }
        for (bad, code) in [
            ("https://example.com/", "link_not_allowed"),
            ("https://go.jp/", "link_not_allowed"),
            ("https://evil-go.jp/", "link_not_allowed"),
            ("https://www.go.jp.evil.com/", "link_not_allowed"),
            (
                "https://kojinbango-card.go.jp.example.net/",
                "link_not_allowed",
            ),
            ("http://www.kojinbango-card.go.jp/", "link_not_https"),
            ("/relative/page.html", "link_bad"),
            ("//www.digital.go.jp/", "link_bad"),
            ("javascript:alert(1)", "link_bad"),
            ("mailto:info@digital.go.jp", "link_bad"),
            ("file:///etc/passwd", "link_bad"),
            ("https://user:pw@www.digital.go.jp/", "link_bad"),
            ("https://203.0.113.5/", "link_bad"),
            ("tauri://localhost/operator.html", "link_bad"),
            ("https://localhost/", "link_bad"),
            ("https:///x", "link_bad"),
        ] {
            assert_eq!(list.check(bad).unwrap_err().code(), code, "{bad}");
        }
    }

    #[test]
    fn patterns_are_checked_and_kept_as_typed() {
        let list = AllowList::parse(" Example.JP\n*.city.example.lg.jp, example.jp 、myna.go.jp. ")
            .unwrap();
        assert_eq!(
            list.hosts,
            ["example.jp", "*.city.example.lg.jp", "myna.go.jp"]
        );
        assert!(list.allows_host("example.jp"));
        assert!(
            !list.allows_host("www.example.jp"),
            "a plain name is that host only"
        );
        assert!(list.allows_host("www.city.example.lg.jp"));
        assert!(
            !list.allows_host("city.example.lg.jp"),
            "*. is the hosts under it"
        );
        for bad in [
            "*.jp",
            "jp",
            "localhost",
            "https://x.go.jp",
            "x.go.jp/path",
            "*",
            "a..jp",
            "-a.jp",
            "例え.jp",
        ] {
            assert!(AllowList::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(AllowList::parse("").unwrap().hosts, Vec::<String>::new());
        assert!(AllowList::parse("")
            .unwrap()
            .check("https://www.digital.go.jp/")
            .is_err());
    }

    #[test]
    fn jlis_hosts_are_told_apart() {
        assert!(is_jlis_host("net.kojinbango-card.go.jp"));
        assert!(is_jlis_host("KOJINBANGO-CARD.GO.JP."));
        assert!(!is_jlis_host("kojinbango-card.go.jp.example.com"));
        assert!(!is_jlis_host("evilkojinbango-card.go.jp"));
    }
}
