//! Japanese full-text search over approved documents: SQLite FTS5 with the trigram tokenizer
//! (no dictionary to ship; finds 「暗証番号」 inside any sentence) over the *folded* title and body
//! ([`super::fold`]: 「引越し」 finds 「引っ越し」, 「ろっく」 finds 「ロック」), and readings of the
//! counter's words ([`super::readings`]: 「ほけんしょう」 finds 「保険証」). The folded text is indexed
//! with every character doubled ([`doubled`]), so two-character terms (「口座」, 「引越」) are
//! trigram matches too; only one-character terms fall back to a plain search. Title hits rank above body hits (bm25 weights 10:1).
//! Snippets are plain text cut from the original body, with the match in 【】.

use rusqlite::{params, params_from_iter, Connection};
use serde::Serialize;

use super::fold::{fold, fold_term, fold_with_offsets, is_reading};
use super::{readings, KbError};
use crate::store::Store;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: i64,
    /// `faq`, `manual` or `procedure`.
    pub kind: String,
    /// Title of the approved version.
    pub title: String,
    /// Its version number.
    pub version: u32,
    /// When it was approved.
    pub approved_at: Option<String>,
    /// A short plain-text excerpt with the match in 【】.
    pub snippet: String,
}

/// Puts a document's newest approved text in the index (replacing what was there). `body` is
/// what is searched besides the title (the body, its tags and category).
pub fn index(
    conn: &Connection,
    doc_id: i64,
    title: &str,
    body: &str,
    kind: &str,
    version: u32,
    approved_at: Option<&str>,
) -> Result<(), rusqlite::Error> {
    unindex(conn, doc_id)?;
    let (ftitle, fbody) = (fold(title), fold(body));
    conn.execute(
        "INSERT INTO kb_search (rowid, title, body, ftitle, fbody, dtitle, dbody, kind, version, approved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            doc_id,
            title,
            body,
            ftitle,
            fbody,
            doubled(&ftitle),
            doubled(&fbody),
            kind,
            version,
            approved_at
        ],
    )?;
    Ok(())
}

/// Every character twice: 「引越前」 → 「引引越越前前」. The trigram index of the doubled columns
/// then finds two-character terms too — 「引越」 is looked for as 「引引越越」, which
/// occurs exactly where 「引越」 does (a match out of step with the pairs needs the same character
/// three times, 「aaa」, which holds 「aa」 anyway). Longer terms use the plain folded index: a
/// doubled phrase has twice the trigrams to intersect. Only one-character terms are left to a
/// plain search.
fn doubled(text: &str) -> String {
    text.chars().flat_map(|c| [c, c]).collect()
}

/// Removes a document from the index.
pub fn unindex(conn: &Connection, doc_id: i64) -> Result<(), rusqlite::Error> {
    conn.execute("DELETE FROM kb_search WHERE rowid = ?1", [doc_id])?;
    Ok(())
}

/// Rebuilds the index from the approved versions when it lacks documents (after migration 0023,
/// which made it anew). Returns how many were indexed.
pub fn reindex_if_needed(store: &Store) -> Result<usize, KbError> {
    let (indexed, approved): (i64, i64) = store.conn.query_row(
        "SELECT (SELECT count(*) FROM kb_search),
                (SELECT count(DISTINCT document_id) FROM kb_versions WHERE status = 'approved')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if indexed == approved {
        return Ok(0);
    }
    let rows: Vec<(i64, String, String, String, u32, Option<String>)> = {
        let mut stmt = store.conn.prepare(
            "SELECT v.document_id, v.title, v.body || char(10) || v.tags || char(10) || v.category,
                    d.kind, v.version, v.decided_at
             FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
             WHERE v.status = 'approved' AND v.version = (SELECT max(version) FROM kb_versions
                   WHERE document_id = v.document_id AND status = 'approved')",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let tx = store.conn.unchecked_transaction()?;
    tx.execute("DELETE FROM kb_search", [])?;
    for (id, title, body, kind, version, at) in &rows {
        index(&tx, *id, title, body, kind, *version, at.as_deref())?;
    }
    tx.commit()?;
    Ok(rows.len())
}

/// What one query term may look like in the folded index: its own fold, and for a reading the
/// words it stands for.
fn variants(term: &str) -> Vec<String> {
    let folded = fold_term(term);
    let mut out = vec![folded.clone()];
    if is_reading(&folded) {
        let words = readings::spellings(&folded)
            .into_iter()
            .map(str::to_string)
            .chain(readings::compound(&folded));
        for w in words {
            let f = fold_term(&w);
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out.retain(|v| !v.is_empty());
    out
}

/// A LIKE pattern for a variant, with LIKE's own wildcards removed from it.
fn like_pattern(term: &str) -> String {
    format!("%{}%", term.replace(['%', '_'], ""))
}

fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// Searches approved documents. Every term must match (AND) in one of its spellings; best first;
/// at most `limit` hits.
pub fn search(store: &Store, query: &str, limit: u32) -> Result<Vec<Hit>, KbError> {
    let terms: Vec<Vec<String>> = query
        .split_whitespace()
        .map(variants)
        .filter(|v| !v.is_empty())
        .collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    // Terms of two characters or more are trigram phrases: in the folded columns when three
    // characters or more, in the doubled columns when two. One-character terms are a plain search
    // of the folded text.
    let mut args: Vec<String> = Vec::new();
    let mut filters: Vec<String> = Vec::new();
    let mut phrases: Vec<String> = Vec::new();
    for variants in &terms {
        if variants.iter().all(|v| v.chars().count() >= 2) {
            let each: Vec<String> = variants
                .iter()
                .map(|v| {
                    if v.chars().count() >= 3 {
                        // No column filter: a doubled text holds a phrase of three characters
                        // or more only when the phrase is itself doubled (「ああいい」), which
                        // folded search terms are not; the filter costs time on every match.
                        quote(v)
                    } else {
                        format!("{{dtitle dbody}} : {}", quote(&doubled(v)))
                    }
                })
                .collect();
            phrases.push(format!("({})", each.join(" OR ")));
        } else {
            let mut any = Vec::new();
            for v in variants {
                args.push(v.clone());
                let n = args.len();
                any.push(format!("instr(ftitle, ?{n}) > 0 OR instr(fbody, ?{n}) > 0"));
            }
            filters.push(format!("({})", any.join(" OR ")));
        }
    }
    let rank = if phrases.is_empty() {
        // Only one-character terms: title hits first.
        let titles: Vec<String> = terms
            .iter()
            .map(|variants| {
                args.push(variants[0].clone());
                format!("(instr(ftitle, ?{}) > 0)", args.len())
            })
            .collect();
        format!("({}) DESC", titles.join(" + "))
    } else {
        args.push(phrases.join(" AND "));
        filters.push(format!("kb_search MATCH ?{}", args.len()));
        "bm25(kb_search, 0.0, 0.0, 10.0, 1.0, 10.0, 1.0)".to_string()
    };
    // The ranking reads the index only; the texts of the best `limit` are fetched after (sorting
    // whole rows would read every match's body).
    let sql = format!(
        "SELECT rowid FROM kb_search WHERE {} ORDER BY {rank}, rowid LIMIT {limit}",
        filters.join(" AND ")
    );
    let ids: Vec<i64> = {
        let mut stmt = store.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let all: Vec<&String> = terms.iter().flatten().collect();
    let mut stmt = store.conn.prepare_cached(
        "SELECT rowid, kind, title, version, approved_at, body FROM kb_search WHERE rowid = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(stmt.query_row([id], |r| hit(r, &all))?);
    }
    Ok(out)
}

/// A hit from a row of (id, kind, title, version, approved_at, body); the snippet is cut around
/// the first of `variants`.
fn hit(r: &rusqlite::Row<'_>, variants: &[&String]) -> rusqlite::Result<Hit> {
    let body: String = r.get(5)?;
    Ok(Hit {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        version: r.get(3)?,
        approved_at: r.get(4)?,
        snippet: snippet(&body, variants),
    })
}

/// Runs a query whose columns are (id, kind, title, version, approved_at, body).
fn hits(
    store: &Store,
    sql: &str,
    args: &[String],
    variants: &[&String],
) -> Result<Vec<Hit>, KbError> {
    let mut stmt = store.conn.prepare(sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| hit(r, variants))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Characters of context before and after the match in a snippet.
const BEFORE: usize = 14;
const AFTER: usize = 30;

/// A plain-text excerpt of `body` (Markdown removed) around the first of `variants` it holds
/// (folded), the match in 【】; the start of the text when none is in the body (a title hit).
pub fn snippet(body: &str, variants: &[&String]) -> String {
    let text = plain(body);
    let chars: Vec<char> = text.chars().collect();
    let (folded, at) = fold_with_offsets(&text);
    let found = variants
        .iter()
        .filter_map(|v| {
            let byte = folded.find(v.as_str())?;
            let start = folded[..byte].chars().count();
            Some((start, start + v.chars().count()))
        })
        .min();
    let Some((fs, fe)) = found else {
        let head: String = chars.iter().take(BEFORE + AFTER).collect();
        return if chars.len() > BEFORE + AFTER {
            format!("{head}…")
        } else {
            head
        };
    };
    let (s, e) = (at[fs], at[fe - 1] + 1);
    let from = s.saturating_sub(BEFORE);
    let to = (e + AFTER).min(chars.len());
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    format!(
        "{}{}【{}】{}{}",
        if from > 0 { "…" } else { "" },
        piece(from, s),
        piece(s, e),
        piece(e, to),
        if to < chars.len() { "…" } else { "" }
    )
}

/// Markdown as the plain text a reader sees: no headings' #, list marks, emphasis, code marks or
/// link targets; lines joined with a space.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let mut l = line.trim();
        l = l
            .trim_start_matches('#')
            .trim_start_matches('>')
            .trim_start();
        for mark in ["- ", "* ", "+ "] {
            if let Some(rest) = l.strip_prefix(mark) {
                l = rest;
            }
        }
        let digits = l.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            if let Some(rest) = l[digits..].strip_prefix(". ") {
                l = rest;
            }
        }
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(
            &unlink(l)
                .replace("**", "")
                .replace("__", "")
                .replace('`', ""),
        );
    }
    out
}

/// `[text](target)` as `text`.
fn unlink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Searches the latest version of every document, drafts included (what city staff review).
/// Plain LIKE matching on the folded spellings: the draft set is small and changes with every
/// edit.
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
        "SELECT v.document_id, d.kind, v.title, v.version, v.decided_at, v.body
         FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.version = (SELECT max(version) FROM kb_versions WHERE document_id = v.document_id) AND {}
         ORDER BY ({}) DESC, v.document_id LIMIT {limit}",
        filters.join(" AND "),
        title_hits.join(" + ")
    );
    let plain_terms: Vec<String> = query.split_whitespace().map(fold_term).collect();
    let refs: Vec<&String> = plain_terms.iter().collect();
    hits(store, &sql, &terms, &refs)
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

    #[test]
    fn spellings_and_readings_find_the_same_entry() {
        let s = Store::open_in_memory().unwrap();
        publish(
            &s,
            "交付申請書を持っていない、または引っ越し前の申請書しかありません",
            "**市が**新しい申請書を発行します。[詳しく](https://example.jp/a)は窓口へ。",
        );
        publish(
            &s,
            "健康保険証利用申込の手順",
            "1. マイナポータルにログインします。\n2. 申し込みを選びます。",
        );
        publish(&s, "暗証番号がロックされたとき", "市の窓口で再設定します。");
        let first = |q: &str| {
            search(&s, q, 10)
                .unwrap()
                .first()
                .map(|h| h.title.clone())
                .unwrap_or_default()
        };
        for q in ["引越し", "引っ越し", "引越", "ひっこし", "ヒッコシ"] {
            assert!(first(q).starts_with("交付申請書"), "{q}: {}", first(q));
        }
        for q in [
            "ほけんしょう",
            "保険証",
            "けんこうほけんしょう",
            "ホケンショウ 申込み",
        ] {
            assert!(first(q).starts_with("健康保険証"), "{q}: {}", first(q));
        }
        for q in [
            "ろっく",
            "ﾛｯｸ",
            "あんしょうばんごう ろっく",
            "の窓口 再設定",
        ] {
            assert_eq!(first(q), "暗証番号がロックされたとき", "{q}");
        }
        assert!(
            search(&s, "ほけんしょ", 10).unwrap().is_empty(),
            "no reading, no guess"
        );
    }

    #[test]
    fn a_doubled_text_holds_a_doubled_term_exactly_where_the_text_holds_the_term() {
        // Every string over a small alphabet (repeats included), every term up to 3 long.
        let alphabet = ['a', 'b', '引'];
        let strings = |len: usize| -> Vec<String> {
            (0..alphabet.len().pow(len as u32))
                .map(|mut n| {
                    (0..len)
                        .map(|_| {
                            let c = alphabet[n % alphabet.len()];
                            n /= alphabet.len();
                            c
                        })
                        .collect()
                })
                .collect()
        };
        for text in (0..=6).flat_map(strings) {
            for term in (1..=3).flat_map(strings) {
                assert_eq!(
                    text.contains(&term),
                    doubled(&text).contains(&doubled(&term)),
                    "{text:?} / {term:?}"
                );
            }
        }
    }

    #[test]
    fn snippets_are_plain_text_with_the_match_marked() {
        let body = "## 手順\n- **市が**新しい申請書を[発行](https://example.jp/a)します。\n1. 引っ越しの後は、窓口で手続きをします。";
        let v = ["引越".to_string()];
        let refs: Vec<&String> = v.iter().collect();
        let snip = snippet(body, &refs);
        assert!(snip.contains("【引っ越】"), "{snip}");
        for md in ["**", "##", "](", "https", "- "] {
            assert!(!snip.contains(md), "{md} in {snip}");
        }
        assert_eq!(
            plain("# 見出し\n\n1. 一つ目\n- `コード` と [リンク](x)"),
            "見出し 一つ目 コード と リンク"
        );
    }
}
