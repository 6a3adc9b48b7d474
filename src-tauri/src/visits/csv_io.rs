//! Moving visits between the two counters as CSV: each PC exports its ended visits (voided ones
//! too), the other imports them. Import is all or nothing: every row is checked first, and a bad
//! row or a true conflict stops the whole file; importing again changes nothing.
//!
//! Columns: `id,counter,operator,started_at,ended_at,services,outcome,reason,form_brought,
//! revision,voided_at,voided_by,void_reason`. The first eight are the agreed exchange format and
//! the rest are optional: `form_brought` (`yes`, `no` or empty) carries the 交付申請書 持参 answer
//! the monthly report needs; `revision` and the void columns let an amendment or a void made on
//! the other PC travel (a file without them is revision 1, not voided). A visit already here is
//! replaced by a higher revision (or by a void of the same revision), kept when the file's is
//! older, and refused, naming both, when the two differ at the same revision. The replaced version stays in the visit's history, placed by the
//! same function as a version from the shared store (`remote::place`).

use std::collections::HashMap;
use std::io::{Read, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::lists::{self, ListKind};
use super::{table, Outcome, Visit, VisitError};
use crate::clock;
use crate::store::Store;

/// The header `export_csv` writes.
pub const CSV_HEADER: [&str; 13] = [
    "id",
    "counter",
    "operator",
    "started_at",
    "ended_at",
    "services",
    "outcome",
    "reason",
    "form_brought",
    "revision",
    "voided_at",
    "voided_by",
    "void_reason",
];

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Data rows read.
    pub rows: usize,
    /// New visits added.
    pub added: usize,
    /// Rows already here with the same content.
    pub unchanged: usize,
    /// Visits here replaced by the file's newer revision or its void.
    pub updated: usize,
    /// Rows older than the visit here (kept as it is).
    pub older: usize,
    /// The visits added or updated (for the change log: they travel to the shared store).
    #[serde(skip)]
    pub changed_visits: Vec<Visit>,
}

fn row_of(v: &Visit) -> [String; 13] {
    let void = v.voided.as_ref();
    [
        v.id.clone(),
        v.counter.to_string(),
        v.operator.clone(),
        v.started_at.clone(),
        v.ended_at.clone().unwrap_or_default(),
        v.services.join(";"),
        v.outcome.map(|o| o.code().to_string()).unwrap_or_default(),
        v.reason.clone().unwrap_or_default(),
        match v.form_brought {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        },
        v.revision.to_string(),
        void.map(|x| x.at.clone()).unwrap_or_default(),
        void.map(|x| x.by.clone()).unwrap_or_default(),
        void.map(|x| x.reason.clone()).unwrap_or_default(),
    ]
}

/// Writes the ended visits that started from `from` to `to`, voided ones with their void (so the
/// void travels). Returns the row count.
pub fn export_csv<W: Write>(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    out: W,
) -> Result<usize, VisitError> {
    let io = |e: csv::Error| VisitError::Io(e.to_string());
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER).map_err(io)?;
    let mut n = 0;
    for v in super::list_between(store, from, to)?
        .iter()
        .filter(|v| v.ended_at.is_some())
    {
        w.write_record(row_of(v)).map_err(io)?;
        n += 1;
    }
    w.flush().map_err(|e| VisitError::Io(e.to_string()))?;
    Ok(n)
}

/// Why a row cannot be imported: the row itself (what is wrong with it), a day outside the
/// contract (which the site manager may confirm), or the database.
enum RowError {
    Bad(String),
    OutsideContract {
        date: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
    },
    Store(VisitError),
}

impl From<String> for RowError {
    fn from(problem: String) -> Self {
        Self::Bad(problem)
    }
}

impl From<&str> for RowError {
    fn from(problem: &str) -> Self {
        Self::Bad(problem.to_string())
    }
}

impl From<VisitError> for RowError {
    fn from(e: VisitError) -> Self {
        Self::Store(e)
    }
}

/// Checks one data row and turns it into a visit.
fn parse_row(
    store: &Store,
    rec: &csv::StringRecord,
    cols: &HashMap<&str, usize>,
) -> Result<Visit, RowError> {
    let get = |name: &str| {
        cols.get(name)
            .and_then(|&i| rec.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    let id = uuid::Uuid::parse_str(get("id"))
        .map_err(|_| format!("id「{}」がUUIDの形式ではありません", get("id")))?;
    let counter: u8 = get("counter")
        .parse()
        .ok()
        .filter(|c| (1..=9).contains(c))
        .ok_or_else(|| format!("counter「{}」は1〜9の数字にしてください", get("counter")))?;
    let operator = get("operator");
    if !sign_in_id(operator) {
        return Err(format!("operator「{operator}」がサインインIDの形式ではありません").into());
    }
    let time = |name: &str| {
        clock::parse(get(name))
            .ok_or_else(|| format!("{name}「{}」がRFC 3339の日時ではありません", get(name)))
    };
    let started = time("started_at")?;
    let ended = time("ended_at")?;
    if ended < started {
        return Err("ended_at が started_at より前です".into());
    }
    let mut services: Vec<String> = get("services")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if services.is_empty() {
        return Err("services が空です".into());
    }
    for s in &services {
        if !lists::exists(store, ListKind::Services, s)? {
            return Err(format!("services の「{s}」は登録されていない区分です").into());
        }
    }
    table::sort_services(store, &mut services)?;
    let outcome = Outcome::from_code(get("outcome")).ok_or_else(|| {
        format!(
            "outcome「{}」は completed か not_completed にしてください",
            get("outcome")
        )
    })?;
    let reason = Some(get("reason")).filter(|r| !r.is_empty());
    match (outcome, reason) {
        (Outcome::Completed, Some(r)) => {
            return Err(format!("completed の行に reason「{r}」があります").into())
        }
        (Outcome::NotCompleted, None) => {
            return Err("not_completed の行に reason がありません".into())
        }
        (Outcome::NotCompleted, Some(r)) if !lists::exists(store, ListKind::Reasons, r)? => {
            return Err(format!("reason「{r}」は登録されていない理由です").into())
        }
        _ => {}
    }
    let form_brought = match get("form_brought") {
        "" => None,
        "yes" | "true" | "1" => Some(true),
        "no" | "false" | "0" => Some(false),
        other => return Err(format!("form_brought「{other}」は yes か no にしてください").into()),
    };
    let revision: u32 = match get("revision") {
        "" => 1,
        text => text
            .parse()
            .ok()
            .filter(|r| *r >= 1)
            .ok_or_else(|| format!("revision「{text}」は1以上の数字にしてください"))?,
    };
    let voided = match (get("voided_at"), get("voided_by"), get("void_reason")) {
        ("", "", "") => None,
        (at, by, reason) => {
            let at = clock::parse(at)
                .ok_or_else(|| format!("voided_at「{at}」がRFC 3339の日時ではありません"))?;
            if !sign_in_id(by) {
                return Err(format!("voided_by「{by}」がサインインIDの形式ではありません").into());
            }
            if reason.is_empty() {
                return Err("取り消した行に void_reason がありません".into());
            }
            crate::privacy::check_note(reason).map_err(|e| format!("void_reason：{e}"))?;
            Some(super::Voided {
                at: clock::stamp(at),
                by: by.into(),
                reason: reason.into(),
            })
        }
    };
    Ok(Visit {
        id: id.to_string(),
        counter,
        operator: operator.to_string(),
        started_at: clock::stamp(started),
        ended_at: Some(clock::stamp(ended)),
        form_brought: form_brought.filter(|_| services.iter().any(|s| s == "application")),
        services,
        outcome: Some(outcome),
        reason: reason.map(str::to_string),
        note: None,
        revision,
        voided,
        imported: true,
    })
}

fn sign_in_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 32
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// Which optional columns a file has.
#[derive(Clone, Copy)]
struct Columns {
    form: bool,
    revision: bool,
    void: bool,
}

/// Whether two versions of a visit say the same thing in the columns the file has.
fn same_record(ours: &Visit, theirs: &Visit, columns: Columns) -> bool {
    let mut a = row_of(ours);
    let mut b = row_of(theirs);
    for (present, range) in [
        (columns.form, 8..9),
        (columns.revision, 9..10),
        (columns.void, 10..13),
    ] {
        if !present {
            for i in range {
                a[i].clear();
                b[i].clear();
            }
        }
    }
    a == b
}

/// What to do with a row whose visit is here already.
#[derive(Debug, PartialEq, Eq)]
enum Decision {
    Same,
    Newer,
    Older,
    Conflict,
}

/// The file's version against ours: the higher revision is newer; at the same revision a void is
/// newer than no void; two different versions at the same revision are a conflict. A file
/// without the revision column is the first exchange format, whose rows are revision 1.
fn decide(ours: &Visit, theirs: &Visit, columns: Columns) -> Decision {
    if same_record(ours, theirs, columns) {
        return Decision::Same;
    }
    match theirs.revision.cmp(&ours.revision) {
        std::cmp::Ordering::Greater => Decision::Newer,
        std::cmp::Ordering::Less => Decision::Older,
        std::cmp::Ordering::Equal => {
            let mut ours_unvoided = ours.clone();
            ours_unvoided.voided = None;
            let mut theirs_unvoided = theirs.clone();
            theirs_unvoided.voided = None;
            let same_content = same_record(&ours_unvoided, &theirs_unvoided, columns);
            match (ours.voided.is_some(), theirs.voided.is_some()) {
                (false, true) if same_content => Decision::Newer,
                (true, false) if same_content => Decision::Older,
                _ => Decision::Conflict,
            }
        }
    }
}

/// Who imports, when, and what they confirmed.
#[derive(Debug, Clone)]
pub struct ImportRules {
    /// Who imports (stands in the history of a visit a newer version replaces).
    pub by: String,
    /// Now, RFC 3339 (a visit may not start later).
    pub at: String,
    /// The site manager confirmed visits outside the contract period.
    pub outside_contract_ok: bool,
}

/// What the contract allows, loaded once per file.
struct Limits {
    counters: u8,
    now: Option<chrono::DateTime<chrono::FixedOffset>>,
    calendar: crate::calendar::Calendar,
    outside_contract_ok: bool,
}

fn hours_text(h: &crate::calendar::Hours) -> String {
    format!("{}〜{}", h.opens.format("%H:%M"), h.closes.format("%H:%M"))
}

/// Checks a parsed visit against the contract: a counter of this site, not in the future, inside
/// the contract period (unless confirmed), and not longer than the day's opening hours (on a
/// closed day, than the longest opening hours; such a visit is kept and the report flags it).
fn within_contract(v: &Visit, limits: &Limits) -> Result<(), RowError> {
    if !(1..=limits.counters).contains(&v.counter) {
        return Err(format!(
            "counter「{}」はこの拠点の窓口（1〜{}）にありません",
            v.counter, limits.counters
        )
        .into());
    }
    let started = clock::parse(&v.started_at).ok_or("started_at を読めません")?;
    let ended = v
        .ended_at
        .as_deref()
        .and_then(clock::parse)
        .unwrap_or(started);
    if limits.now.is_some_and(|now| started > now) {
        return Err(format!("started_at「{}」は未来の日時です", v.started_at).into());
    }
    let date = started.date_naive();
    let config = &limits.calendar.config;
    if !limits.outside_contract_ok && (date < config.contract_start || date > config.contract_end) {
        return Err(RowError::OutsideContract {
            date,
            from: config.contract_start,
            to: config.contract_end,
        });
    }
    let longest = match limits.calendar.opening(date) {
        Some((hours, _)) => hours,
        None => config
            .weekly
            .iter()
            .flatten()
            .chain(std::iter::once(&config.weekend_hours))
            .max_by_key(|h| h.closes - h.opens)
            .copied()
            .unwrap_or(config.weekend_hours),
    };
    if ended - started > longest.closes - longest.opens {
        let minutes = (ended - started).num_minutes();
        return Err(format!(
            "対応時間（{}時間{}分）がその日の開設時間（{}）より長いです",
            minutes / 60,
            minutes % 60,
            hours_text(&longest)
        )
        .into());
    }
    Ok(())
}

/// Imports a CSV export. Nothing is written unless every row is valid and no ID conflicts.
pub fn import_csv<R: Read>(
    store: &mut Store,
    input: R,
    rules: &ImportRules,
) -> Result<ImportSummary, VisitError> {
    let limits = Limits {
        counters: crate::site::counters(store)?,
        now: clock::parse(&rules.at),
        calendar: crate::calendar::stored::load(store)
            .map_err(|e| VisitError::Io(e.to_string()))?,
        outside_contract_ok: rules.outside_contract_ok,
    };
    let (by, at) = (rules.by.as_str(), rules.at.as_str());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| VisitError::BadImportRow {
            line: 1,
            problem: format!("見出し行を読めません（{e}）"),
        })?
        .clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let cols: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    if let Some(missing) = CSV_HEADER[..8].iter().find(|c| !cols.contains_key(**c)) {
        return Err(VisitError::BadImportRow {
            line: 1,
            problem: format!("見出しに列「{missing}」がありません"),
        });
    }
    let columns = Columns {
        form: cols.contains_key("form_brought"),
        revision: cols.contains_key("revision"),
        void: cols.contains_key("voided_at"),
    };

    let mut incoming: Vec<(usize, Visit)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| VisitError::BadImportRow {
            line: e.position().map(|p| p.line() as usize).unwrap_or(0),
            problem: format!("CSVとして読めません（{e}）"),
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let v = parse_row(store, &rec, &cols)
            .and_then(|v| within_contract(&v, &limits).map(|()| v))
            .map_err(|e| match e {
                RowError::Bad(problem) => VisitError::BadImportRow { line, problem },
                RowError::OutsideContract { date, from, to } => VisitError::ImportOutsideContract {
                    line,
                    date,
                    from,
                    to,
                },
                RowError::Store(e) => e,
            })?;
        if let Some(&first) = seen.get(&v.id) {
            let earlier = &incoming[first].1;
            if !same_record(earlier, &v, columns) {
                return Err(VisitError::BadImportRow {
                    line,
                    problem: format!(
                        "ID {} が{}行目と内容の異なる重複です",
                        v.id, incoming[first].0
                    ),
                });
            }
            continue;
        }
        seen.insert(v.id.clone(), incoming.len());
        incoming.push((line, v));
    }

    let mut summary = ImportSummary {
        rows: seen.len(),
        ..Default::default()
    };
    let mut to_add = Vec::new();
    let mut to_replace = Vec::new();
    for (line, theirs) in incoming {
        match table::find(store, &theirs.id)? {
            None => to_add.push(theirs),
            Some((_, ours)) => match decide(&ours, &theirs, columns) {
                Decision::Same => summary.unchanged += 1,
                Decision::Older => summary.older += 1,
                Decision::Newer => to_replace.push(theirs),
                Decision::Conflict => {
                    return Err(VisitError::ImportConflict {
                        line,
                        id: theirs.id.clone(),
                        ours: row_of(&ours).join(","),
                        theirs: row_of(&theirs).join(","),
                    })
                }
            },
        }
    }
    let tx = store.conn.savepoint()?;
    for v in &to_add {
        table::insert(&tx, v)?;
    }
    tx.commit()?;
    for v in &to_replace {
        let why = if v.voided.is_some() {
            "取り消し（CSV取り込み）"
        } else {
            "修正（CSV取り込み）"
        };
        super::remote::place(store, v, true, by, at, why)?;
    }
    summary.added = to_add.len();
    summary.updated = to_replace.len();
    summary.changed_visits = to_add;
    summary.changed_visits.extend(to_replace);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visits::{end, get, start, VisitEdit};

    fn store() -> Store {
        let s = Store::open_in_memory().unwrap();
        lists::ensure_defaults(&s).unwrap();
        s
    }

    fn rules() -> ImportRules {
        ImportRules {
            by: "itstaff".into(),
            at: "2023-07-10T09:00:00+09:00".into(),
            outside_contract_ok: false,
        }
    }
    const HEADER: &str = "id,counter,operator,started_at,ended_at,services,outcome,reason\n";
    const ROW1: &str = "0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a01,2,op2,2023-07-03T09:00:00+09:00,2023-07-03T09:10:00+09:00,pin;certificate,completed,\n";
    const ROW2: &str = "0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a02,2,op2,2023-07-03T10:00:00+09:00,2023-07-03T10:20:00+09:00,health_insurance,not_completed,pin_locked\n";

    #[test]
    fn import_is_idempotent() {
        let mut s = store();
        let file = format!("{HEADER}{ROW1}{ROW2}");
        let first = import_csv(&mut s, file.as_bytes(), &rules()).unwrap();
        assert_eq!((first.rows, first.added, first.unchanged), (2, 2, 0));
        let again = import_csv(&mut s, file.as_bytes(), &rules()).unwrap();
        assert_eq!(
            (again.added, again.unchanged),
            (0, 2),
            "a re-import changes nothing"
        );
        let v = get(&s, "0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a01").unwrap();
        assert_eq!(v.services, vec!["pin", "certificate"]);
        assert!(v.imported);
    }

    #[test]
    fn a_bad_row_imports_nothing_and_names_the_line() {
        let mut s = store();
        let bad = ROW2.replace("pin_locked", "");
        let file = format!("{HEADER}{ROW1}{bad}");
        let err = import_csv(&mut s, file.as_bytes(), &rules()).unwrap_err();
        match &err {
            VisitError::BadImportRow { line, problem } => {
                assert_eq!(*line, 3, "header is line 1, the bad row line 3");
                assert!(problem.contains("reason"), "{problem}");
            }
            other => panic!("expected a bad row, got {other:?}"),
        }
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            n, 0,
            "the good row before the bad one was not imported either"
        );
        for (row, what) in [
            (
                ROW1.replace("0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a01", "abc"),
                "UUID",
            ),
            (
                ROW1.replace("2023-07-03T09:10:00+09:00", "yesterday"),
                "RFC 3339",
            ),
            (ROW1.replace("pin;certificate", "pin;karaoke"), "karaoke"),
            (ROW1.replace(",2,op2", ",0,op2"), "counter"),
        ] {
            let err =
                import_csv(&mut s, format!("{HEADER}{row}").as_bytes(), &rules()).unwrap_err();
            assert!(err.to_string().contains(what), "{err}");
        }
    }

    #[test]
    fn same_id_with_other_content_is_refused_with_both_versions() {
        let mut s = store();
        import_csv(&mut s, format!("{HEADER}{ROW1}").as_bytes(), &rules()).unwrap();
        let changed = ROW1.replace("pin;certificate", "pin");
        let err = import_csv(
            &mut s,
            format!("{HEADER}{ROW2}{changed}").as_bytes(),
            &rules(),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err, VisitError::ImportConflict { line: 3, .. }),
            "{err:?}"
        );
        assert!(
            text.contains("pin;certificate") && text.contains(",pin,"),
            "both versions shown: {text}"
        );
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "ROW2 was not imported either");
    }

    #[test]
    fn export_then_import_on_the_other_counter_round_trips() {
        let mut here = store();
        let t = |h: u32| clock::parse(&format!("2023-07-03T{h:02}:00:00+09:00")).unwrap();
        let v = start(&mut here, 1, "op1", t(9)).unwrap();
        let e = VisitEdit {
            services: vec!["application".into()],
            form_brought: Some(false),
            ..Default::default()
        };
        end(&mut here, &v.id, &e, t(10)).unwrap();
        start(&mut here, 1, "op1", t(11)).unwrap(); // in progress: not exported
        let mut buf = Vec::new();
        let day = t(0).date_naive();
        assert_eq!(export_csv(&here, day, day, &mut buf).unwrap(), 1);
        let text = String::from_utf8(buf.clone()).unwrap();
        assert!(
            text.starts_with(
                "id,counter,operator,started_at,ended_at,services,outcome,reason,form_brought,revision,voided_at,voided_by,void_reason\n"
            ),
            "{text}"
        );
        let mut there = store();
        assert_eq!(
            import_csv(&mut there, buf.as_slice(), &rules())
                .unwrap()
                .added,
            1
        );
        let copy = get(&there, &v.id).unwrap();
        assert_eq!((copy.counter, copy.form_brought), (1, Some(false)));
        assert_eq!(
            import_csv(&mut here, buf.as_slice(), &rules())
                .unwrap()
                .unchanged,
            1,
            "importing our own export is a no-op"
        );
    }

    /// Two counters' databases with one visit ended on `here`, copied to `there` by CSV.
    fn copied() -> (Store, Store, String) {
        let mut here = store();
        let t = clock::parse("2023-07-03T09:00:00+09:00").unwrap();
        let v = start(&mut here, 1, "op1", t).unwrap();
        let e = VisitEdit {
            services: vec!["pin".into()],
            outcome: Some(Outcome::Completed),
            ..Default::default()
        };
        end(&mut here, &v.id, &e, t).unwrap();
        let mut there = store();
        import_csv(&mut there, export(&here).as_slice(), &rules()).unwrap();
        (here, there, v.id)
    }

    fn export(s: &Store) -> Vec<u8> {
        let mut buf = Vec::new();
        let day = NaiveDate::from_ymd_opt(2023, 7, 3).unwrap();
        export_csv(s, day, day, &mut buf).unwrap();
        buf
    }

    fn later() -> crate::visits::Time {
        clock::parse("2023-07-04T10:00:00+09:00").unwrap()
    }

    #[test]
    fn an_amendment_and_a_void_travel_both_ways_and_an_older_row_changes_nothing() {
        let (mut here, mut there, id) = copied();
        let fix = VisitEdit {
            services: vec!["certificate".into()],
            outcome: Some(Outcome::Completed),
            ..Default::default()
        };
        crate::visits::amend(&mut here, &id, &fix, "mgr", true, "区分の誤り", later()).unwrap();
        let s = import_csv(&mut there, export(&here).as_slice(), &rules()).unwrap();
        assert_eq!((s.updated, s.added, s.unchanged), (1, 0, 0));
        let v = get(&there, &id).unwrap();
        assert_eq!(
            (v.revision, v.services.clone()),
            (2, vec!["certificate".to_string()])
        );
        let h = crate::visits::history(&there, &id).unwrap();
        assert_eq!(
            h.last().unwrap().before.services,
            vec!["pin"],
            "the old version is kept"
        );

        // The other way: a void made there reaches here.
        crate::visits::void(&mut there, &id, "mgr", true, "重複して記録", later()).unwrap();
        let s = import_csv(&mut here, export(&there).as_slice(), &rules()).unwrap();
        assert_eq!(s.updated, 1);
        let v = get(&here, &id).unwrap();
        assert!(v.voided.is_some() && !v.counts(), "voided here too");
        assert_eq!(v.voided.unwrap().reason, "重複して記録");

        let s = import_csv(&mut here, export(&there).as_slice(), &rules()).unwrap();
        assert_eq!(s.unchanged, 1, "the same void again is no change");
    }

    #[test]
    fn an_older_revision_is_kept_out_and_a_true_conflict_names_both() {
        let (mut here, mut there, id) = copied();
        let first_export = export(&here);
        let fix = |service: &str| VisitEdit {
            services: vec![service.into()],
            outcome: Some(Outcome::Completed),
            ..Default::default()
        };
        crate::visits::amend(
            &mut there,
            &id,
            &fix("mynapoint"),
            "mgr",
            true,
            "誤り",
            later(),
        )
        .unwrap();
        let s = import_csv(&mut there, first_export.as_slice(), &rules()).unwrap();
        assert_eq!(
            (s.older, s.updated),
            (1, 0),
            "revision 1 does not undo revision 2"
        );
        assert_eq!(get(&there, &id).unwrap().services, vec!["mynapoint"]);

        // Both amended to revision 2, differently: refused, naming both versions.
        crate::visits::amend(
            &mut here,
            &id,
            &fix("certificate"),
            "mgr",
            true,
            "誤り",
            later(),
        )
        .unwrap();
        let err = import_csv(&mut there, export(&here).as_slice(), &rules()).unwrap_err();
        match err {
            VisitError::ImportConflict { ours, theirs, .. } => {
                assert!(ours.contains("mynapoint") && theirs.contains("certificate"));
            }
            other => panic!("{other}"),
        }
        assert_eq!(
            get(&there, &id).unwrap().services,
            vec!["mynapoint"],
            "nothing changed"
        );
    }

    #[test]
    fn a_void_row_is_checked() {
        let mut s = store();
        let header = "id,counter,operator,started_at,ended_at,services,outcome,reason,form_brought,revision,voided_at,voided_by,void_reason\n";
        let row = |rev: &str, at: &str, by: &str, reason: &str| {
            format!("{header}0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a09,1,op1,2023-07-03T09:00:00+09:00,2023-07-03T09:10:00+09:00,pin,completed,,,{rev},{at},{by},{reason}\n")
        };
        for (bad, why) in [
            (row("0", "", "", ""), "revision 0"),
            (row("x", "", "", ""), "revision not a number"),
            (row("1", "yesterday", "mgr", "重複"), "void time"),
            (
                row("1", "2023-07-04T10:00:00+09:00", "", "重複"),
                "void without who",
            ),
            (
                row("1", "2023-07-04T10:00:00+09:00", "mgr", ""),
                "void without why",
            ),
            (
                row(
                    "1",
                    "2023-07-04T10:00:00+09:00",
                    "mgr",
                    "090-1234-5678 の方",
                ),
                "personal data",
            ),
        ] {
            let err = import_csv(&mut s, bad.as_bytes(), &rules()).unwrap_err();
            assert!(
                matches!(err, VisitError::BadImportRow { line: 2, .. }),
                "{why}: {err}"
            );
        }
        let ok = row("3", "2023-07-04T10:00:00+09:00", "mgr", "重複");
        assert_eq!(
            import_csv(&mut s, ok.as_bytes(), &rules()).unwrap().added,
            1
        );
        let v = get(&s, "0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a09").unwrap();
        assert_eq!(v.revision, 3);
        assert!(!v.counts());
    }

    #[test]
    fn rows_the_contract_does_not_allow_are_refused_naming_the_line() {
        let header = "id,counter,operator,started_at,ended_at,services,outcome,reason\n";
        let row = |counter: u8, start: &str, end: &str| {
            format!("{header}0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a21,{counter},op1,{start},{end},pin,completed,\n")
        };
        let cases = [
            (
                row(3, "2023-07-03T09:00:00+09:00", "2023-07-03T09:10:00+09:00"),
                "窓口（1〜2）",
            ),
            (
                row(1, "2023-07-11T09:00:00+09:00", "2023-07-11T09:10:00+09:00"),
                "未来",
            ),
            (
                row(1, "2019-07-03T09:00:00+09:00", "2019-07-03T09:10:00+09:00"),
                "契約期間",
            ),
            (
                row(1, "2023-07-03T09:00:00+09:00", "2023-07-05T09:00:00+09:00"),
                "開設時間（08:30〜17:15）",
            ),
            // A Sunday not picked: closed; the longest opening (Thursday's) still bounds it.
            (
                row(1, "2023-07-09T08:00:00+09:00", "2023-07-09T19:00:00+09:00"),
                "開設時間（08:30〜19:00）",
            ),
        ];
        for (csv, says) in cases {
            let mut s = store();
            let err = import_csv(&mut s, csv.as_bytes(), &rules()).unwrap_err();
            let text = err.to_string();
            assert!(
                text.starts_with("2行目") && text.contains(says),
                "{text} / {says}"
            );
            let outside = matches!(err, VisitError::ImportOutsideContract { .. });
            assert_eq!(outside, says == "契約期間", "its own code: {}", err.code());
        }
        // Confirmed by the site manager: a visit outside the contract is taken in.
        let mut s = store();
        let confirmed = ImportRules {
            outside_contract_ok: true,
            ..rules()
        };
        let old = row(1, "2019-07-03T09:00:00+09:00", "2019-07-03T09:10:00+09:00");
        assert_eq!(
            import_csv(&mut s, old.as_bytes(), &confirmed)
                .unwrap()
                .added,
            1
        );
        // A visit on a closed day within the hours is kept (the report flags it).
        let sunday = row(2, "2023-07-09T10:00:00+09:00", "2023-07-09T10:20:00+09:00")
            .replace("2a21", "2a23");
        assert_eq!(
            import_csv(&mut s, sunday.as_bytes(), &rules())
                .unwrap()
                .added,
            1
        );
        // More counters at this site: counter 3 is accepted.
        crate::site::set_counters(&s, 3).unwrap();
        let third = row(3, "2023-07-03T09:00:00+09:00", "2023-07-03T09:10:00+09:00")
            .replace("2a21", "2a22");
        assert_eq!(
            import_csv(&mut s, third.as_bytes(), &rules())
                .unwrap()
                .added,
            1
        );
    }
}
