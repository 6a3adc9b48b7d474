//! Japanese full-text search over approved documents: SQLite FTS5 with the trigram tokenizer
//! (no dictionary to ship; finds 「暗証番号」 inside any sentence). Terms of one or two characters
//! are too short for trigrams and are matched with LIKE instead. Title hits rank above body hits
//! (bm25 weights 10:1).

use rusqlite::params_from_iter;
use serde::Serialize;

use super::KbError;
use crate::store::Store;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: i64,
    /// `faq` or `manual`.
    pub kind: String,
    /// Title of the approved version.
    pub title: String,
    /// Its version number.
    pub version: u32,
    /// When it was approved.
    pub approved_at: Option<String>,
    /// A short excerpt with the match in 【】.
    pub snippet: String,
}

/// Runs a search query whose columns are (id, kind, title, version, approved_at, snippet).
fn hits(store: &Store, sql: &str, args: &[String]) -> Result<Vec<Hit>, KbError> {
    let mut stmt = store.conn.prepare(sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok(Hit {
            id: r.get(0)?,
            kind: r.get(1)?,
            title: r.get(2)?,
            version: r.get(3)?,
            approved_at: r.get(4)?,
            snippet: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A LIKE pattern for a term, with LIKE's own wildcards removed from it.
fn like_pattern(term: &str) -> String {
    format!("%{}%", term.replace(['%', '_'], ""))
}

fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// Searches approved documents. Every term must match (AND); best first; at most `limit` hits.
pub fn search(store: &Store, query: &str, limit: u32) -> Result<Vec<Hit>, KbError> {
    let terms: Vec<&str> = query.split_whitespace().collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let (long, short): (Vec<&str>, Vec<&str>) =
        terms.into_iter().partition(|t| t.chars().count() >= 3);
    let mut args: Vec<String> = Vec::new();
    let mut filters: Vec<String> = Vec::new();
    if !long.is_empty() {
        args.push(
            long.iter()
                .map(|t| quote(t))
                .collect::<Vec<_>>()
                .join(" AND "),
        );
        filters.push(format!("kb_search MATCH ?{}", args.len()));
    }
    for t in &short {
        args.push(like_pattern(t));
        let n = args.len();
        filters.push(format!("(s.title LIKE ?{n} OR s.body LIKE ?{n})"));
    }
    // Title hits first: bm25 weights 10:1 when trigrams are used, else title LIKE before body.
    let rank = if long.is_empty() {
        "(s.title LIKE ?1) DESC".to_string()
    } else {
        "bm25(kb_search, 10.0, 1.0)".to_string()
    };
    let snippet = if long.is_empty() {
        "substr(s.body, 1, 60)"
    } else {
        "snippet(kb_search, -1, '【', '】', '…', 12)"
    };
    let sql = format!(
        "SELECT s.rowid, s.kind, s.title, s.version, s.approved_at, {snippet}
         FROM kb_search s WHERE {} ORDER BY {rank}, s.rowid LIMIT {limit}",
        filters.join(" AND ")
    );
    hits(store, &sql, &args)
}

/// Searches the latest version of every document, drafts included (what city staff review).
/// Plain LIKE matching: the draft set is small and changes with every edit.
pub fn search_latest(store: &Store, query: &str, limit: u32) -> Result<Vec<Hit>, KbError> {
    let terms: Vec<String> = query.split_whitespace().map(like_pattern).collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let filters: Vec<String> = (1..=terms.len())
        .map(|n| format!("(v.title LIKE ?{n} OR v.body LIKE ?{n})"))
        .collect();
    let title_hits: Vec<String> = (1..=terms.len())
        .map(|n| format!("(v.title LIKE ?{n})"))
        .collect();
    let sql = format!(
        "SELECT v.document_id, d.kind, v.title, v.version, v.decided_at, substr(v.body, 1, 60)
         FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.version = (SELECT max(version) FROM kb_versions WHERE document_id = v.document_id) AND {}
         ORDER BY ({}) DESC, v.document_id LIMIT {limit}",
        filters.join(" AND "),
        title_hits.join(" + ")
    );
    hits(store, &sql, &terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{approve, create, submit, Draft, Kind, Reason};

    fn publish(s: &Store, title: &str, body: &str) -> i64 {
        let id = create(
            s,
            Kind::Faq,
            &Draft {
                title: title.into(),
                body: body.into(),
                ..Default::default()
            },
            "op",
            "t",
        )
        .unwrap();
        submit(s, id, Reason::SelfImprovement, "初版", "t", Some("manager")).unwrap();
        approve(s, id, "city", "t").unwrap();
        id
    }

    #[test]
    fn finds_japanese_terms_ranks_titles_first_and_skips_drafts() {
        let s = Store::open_in_memory().unwrap();
        publish(
            &s,
            "マイナポイントは終了しました",
            "第2弾の申込は2023年9月30日で終了。暗証番号の説明もあります。",
        );
        publish(
            &s,
            "暗証番号がロックされたとき",
            "利用者証明用暗証番号は3回間違えるとロックされます。市の窓口で再設定します。",
        );
        create(
            &s,
            Kind::Faq,
            &Draft {
                title: "暗証番号ロック（下書き）".into(),
                body: "未承認".into(),
                ..Default::default()
            },
            "op",
            "t",
        )
        .unwrap();
        let hits = search(&s, "暗証番号 ロック", 10).unwrap();
        assert_eq!(
            hits.first().map(|h| h.title.as_str()),
            Some("暗証番号がロックされたとき"),
            "{hits:?}"
        );
        assert!(
            hits.iter().all(|h| !h.title.contains("下書き")),
            "drafts are never found by operators"
        );
        assert!(hits[0].snippet.contains('【'), "{}", hits[0].snippet);
        let broad = search(&s, "暗証番号", 10).unwrap();
        assert_eq!(broad.len(), 2);
        assert_eq!(
            broad[0].title, "暗証番号がロックされたとき",
            "a title hit ranks above a body hit"
        );
        assert_eq!(
            search(&s, "終了 第2弾", 10).unwrap().len(),
            1,
            "two-character terms use LIKE"
        );
        assert!(search(&s, "   ", 10).unwrap().is_empty());
        // Regression (found by the benchmark): a query of only short terms built "ORDER BY 0".
        let short = search(&s, "窓口", 10).unwrap();
        assert_eq!(short.len(), 1, "{short:?}");
    }
}
