//! The use-case layer as a whole: every audited action leaves exactly one entry, from the window's
//! actor and from the command line's; a refusal — not signed in, not permitted, bad input —
//! leaves none and changes nothing; an audit write that fails takes the change back with it.
//! Against a real store in a temporary folder, with a fixed clock.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use chrono::NaiveDate;

use super::*;
use crate::audit::{self, Filter, Origin};
use crate::auth::{NewAccount, Role, Throttle};
use crate::calendar::{DayOverride, HolidayOverride, Month};
use crate::incidents::{Complaint, Incident};
use crate::kb::escalation::Step;
use crate::kb::{Draft, Kind, Reason};
use crate::photo::checks::{Check, CheckId, Status};
use crate::photo::desk::{AcceptReason, Desk};
use crate::photo::output::Jpeg;
use crate::photo::settings::PhotoSettings;
use crate::report::ReportHeader;
use crate::visits::{ListKind, Outcome, VisitEdit};

mod citizen;
mod city_view;
mod closing;
mod leaflet;
mod link_sites;
mod netwatch;
mod opening;
mod procedure;
mod security_officer;
mod shared_reports;
mod shared_store;
mod two_counters;

/// A fixed moment: Tuesday 2026-11-24 10:00 in Tokyo, inside the demo contract.
fn moment() -> Moment {
    Moment::at(crate::clock::parse("2026-11-24T10:00:00+09:00").unwrap())
}

fn staff(login_id: &str, role: Role) -> Actor {
    Actor::Staff(Staff {
        login_id: login_id.into(),
        display_name: login_id.into(),
        role,
        must_change_password: false,
        security_officer: false,
    })
}

fn operator() -> Actor {
    staff("operator1", Role::Operator)
}

fn manager() -> Actor {
    staff("manager", Role::SiteManager)
}

fn city() -> Actor {
    staff("city", Role::CityStaff)
}

fn cli() -> Actor {
    Actor::CommandLine {
        os_user: "itstaff".into(),
    }
}

struct World {
    dir: tempfile::TempDir,
    store: Store,
    desk: Desk,
    slot: SessionSlot,
    throttle: Mutex<Throttle>,
}

impl World {
    fn new() -> Self {
        Self::opened(true)
    }

    /// A data folder opened as the kiosk opens it; `demo` adds the demo's sample records.
    fn opened(demo: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::launch::open(dir.path(), demo, moment().wall.date_naive()).unwrap();
        let desk = Desk::new(&dir.path().join("stage"), Duration::from_secs(600));
        Self {
            dir,
            store,
            desk,
            slot: SessionSlot::default(),
            throttle: Mutex::new(Throttle::default()),
        }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `f` as `actor` and returns its result with the audit entries it added.
    fn run<T>(
        &mut self,
        actor: Actor,
        f: impl FnOnce(&mut Ctx, &mut Desk, &SessionSlot, &Mutex<Throttle>) -> Result<T, AppError>,
    ) -> (Result<T, AppError>, Vec<audit::Entry>) {
        let before = audit::count(&self.store).unwrap();
        let result = {
            let mut ctx = Ctx::new(&mut self.store, actor, moment()).unwrap();
            f(&mut ctx, &mut self.desk, &self.slot, &self.throttle)
        };
        let after = audit::count(&self.store).unwrap();
        let added = audit::query(
            &self.store,
            &Filter {
                limit: Some(u32::try_from(after - before).unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
        (result, if after > before { added } else { Vec::new() })
    }

    /// Runs `f` and asserts it succeeded with exactly one entry for `change`, by `actor`.
    fn once<T>(
        &mut self,
        seen: &mut HashSet<Change>,
        change: Change,
        actor: Actor,
        f: impl FnOnce(&mut Ctx, &mut Desk, &SessionSlot, &Mutex<Throttle>) -> Result<T, AppError>,
    ) -> T {
        let (name, origin) = (actor.audit_name().map(str::to_string), actor.origin());
        let (result, added) = self.run(actor, f);
        let value = result.unwrap_or_else(|e| panic!("{change:?} failed: {e}"));
        assert_eq!(
            added.len(),
            1,
            "{change:?} must leave exactly one audit entry, left {added:?}"
        );
        assert_eq!(added[0].action, change.code(), "{change:?}");
        assert_eq!(
            added[0].origin, origin,
            "{change:?} records where it came from"
        );
        if change != Change::SignIn && change != Change::Quit {
            assert_eq!(added[0].actor, name, "{change:?} records who did it");
        }
        seen.insert(change);
        value
    }

    /// Runs `f` and asserts it was refused with `code` and left nothing in the trail.
    fn refused<T: std::fmt::Debug>(
        &mut self,
        what: &str,
        code: &str,
        actor: Actor,
        f: impl FnOnce(&mut Ctx, &mut Desk, &SessionSlot, &Mutex<Throttle>) -> Result<T, AppError>,
    ) {
        let (result, added) = self.run(actor, f);
        let e = result.expect_err(what);
        assert_eq!(e.code(), code, "{what}: {e}");
        assert!(
            added.is_empty(),
            "{what}: a refusal is not recorded: {added:?}"
        );
    }
}

fn a_photo(verdict: Status) -> crate::photo::Report {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        35,
        45,
        image::Rgb([200, 180, 160]),
    ))
    .write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    crate::photo::Report {
        faces: 1,
        verdict,
        checks: vec![Check::new(CheckId::Faces, verdict, None, Some("理由"))],
        output: Some(Jpeg {
            bytes,
            width: 35,
            height: 45,
        }),
        face: None,
        head: None,
    }
}

fn draft(title: &str) -> Draft {
    Draft {
        title: title.into(),
        body: "本文".into(),
        ..Default::default()
    }
}

/// A moment on the test day at `hh_mm`.
fn at(hh_mm: &str) -> Moment {
    Moment::at(crate::clock::parse(&format!("2026-11-24T{hh_mm}:00+09:00")).unwrap())
}

/// Runs `f` as `actor` at `when` on the test day (its own clock, unlike [`World::run`]).
fn run_at<T>(
    w: &mut World,
    actor: Actor,
    when: &str,
    f: impl FnOnce(&mut Ctx, &mut Desk) -> Result<T, AppError>,
) -> T {
    let mut ctx = Ctx::new(&mut w.store, actor, at(when)).unwrap();
    f(&mut ctx, &mut w.desk).unwrap()
}

/// `who` logs a completed visit with `service` at `when` on the test day. Returns its id.
fn log_visit(w: &mut World, who: &str, when: &str, service: &str) -> String {
    let op = staff(who, Role::Operator);
    let v = run_at(w, op.clone(), when, |cx, _| visits::start(cx, true));
    run_at(w, op.clone(), when, |cx, _| {
        visits::set_service(cx, &v.id, service, true)
    });
    run_at(w, op, when, |cx, desk| {
        visits::end(cx, desk, &v.id, Outcome::Completed, None)
    });
    v.id
}

/// Every manual item of the opening check ticked `ok` (with a note when not).
fn manual_ticks(w: &World, ok: bool) -> Vec<crate::opening::record::ManualTick> {
    super::opening::settings_of(&w.store)
        .unwrap()
        .manual_items
        .into_iter()
        .map(|m| crate::opening::record::ManualTick {
            label: m.label,
            ok,
            note: if ok {
                String::new()
            } else {
                "在庫切れ".into()
            },
        })
        .collect()
}

fn done() -> crate::visits::Ending {
    crate::visits::Ending {
        outcome: Outcome::Completed,
        reason: None,
        form_brought: None,
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn every_audited_action_leaves_exactly_one_entry_from_either_door() {
    let mut w = World::new();
    let mut seen = HashSet::new();
    let s = &mut seen;

    // Accounts and the session.
    w.once(s, Change::SignIn, Actor::Nobody, |cx, desk, slot, t| {
        accounts::sign_in(cx, slot, t, desk, "operator1", crate::demo::DEMO_PASSWORD)
    });
    w.once(s, Change::OwnPassword, operator(), |cx, _, slot, _| {
        accounts::change_own_password(cx, slot, crate::demo::DEMO_PASSWORD, "my own counter 7")
    });
    w.once(s, Change::SignOut, operator(), |cx, desk, slot, _| {
        accounts::sign_out(cx, slot, desk)
    });
    w.once(s, Change::Quit, Actor::Nobody, |cx, _, _, t| {
        quit::authorize(cx, t, "manager", crate::demo::DEMO_PASSWORD)
    });
    let new = NewAccount {
        login_id: "op3".into(),
        display_name: "窓口 三".into(),
        role: Role::Operator,
        password: "a long password".into(),
    };
    w.once(s, Change::AccountCreate, manager(), |cx, _, _, _| {
        accounts::create(cx, &new)
    });
    let from_cli = NewAccount {
        login_id: "op4".into(),
        ..new.clone()
    };
    w.once(s, Change::AccountCreate, cli(), |cx, _, _, _| {
        accounts::create(cx, &from_cli)
    });
    w.once(s, Change::AccountDeactivate, manager(), |cx, _, _, _| {
        accounts::set_active(cx, "op3", false)
    });
    w.once(s, Change::AccountActivate, manager(), |cx, _, _, _| {
        accounts::set_active(cx, "op3", true)
    });
    w.once(s, Change::AccountPassword, manager(), |cx, _, _, _| {
        accounts::set_password(cx, "op3", "another long one")
    });
    w.once(s, Change::SecurityOfficer, manager(), |cx, _, _, _| {
        accounts::set_security_officer(cx, Some("operator2"))
    });
    w.once(s, Change::IdleRules, manager(), |cx, _, slot, _| {
        accounts::save_idle_rules(
            cx,
            slot,
            session::IdleRules {
                operator_seconds: 600,
                staff_seconds: 300,
            },
        )
    });

    // A visit, one field at a time.
    let v = w.once(s, Change::VisitStart, operator(), |cx, _, _, _| {
        visits::start(cx, true)
    });
    w.once(s, Change::VisitService, operator(), |cx, _, _, _| {
        visits::set_service(cx, &v.id, "application", true)
    });
    w.once(s, Change::VisitForm, operator(), |cx, _, _, _| {
        visits::set_form(cx, &v.id, Some(true))
    });
    w.once(s, Change::VisitNote, operator(), |cx, _, _, _| {
        visits::set_note(cx, &v.id, Some("再来庁の予定"))
    });
    w.once(s, Change::GuideFinish, operator(), |cx, _, _, _| {
        crate::app::procedure::finish_guide(cx, &v.id, "application_form")
    });
    // The photo: held, accepted (ticks the visit), staged, printed.
    w.run(operator(), |cx, desk, _, _| {
        photo::hold(cx, desk, a_photo(Status::Warn))
    })
    .0
    .unwrap();
    let ticked = w.once(s, Change::PhotoAccept, operator(), |cx, desk, _, _| {
        photo::accept(cx, desk, Some(AcceptReason::Infant))
    });
    assert!(
        ticked.services.contains(&"photo".to_string()),
        "accepting ticks 写真撮影"
    );
    w.once(s, Change::PhotoUpload, operator(), |cx, desk, _, _| {
        photo::stage(cx, desk)
    });
    let mut photo_bytes = Vec::new();
    w.run(operator(), |cx, desk, _, _| {
        photo::image(cx, desk).map(|b| photo_bytes = b)
    })
    .0
    .unwrap();
    assert!(!photo_bytes.is_empty());
    let ended = w.once(s, Change::VisitEnd, operator(), |cx, desk, _, _| {
        visits::end(cx, desk, &v.id, Outcome::Completed, None)
    });
    assert_eq!(ended.services, vec!["application", "photo"]);
    assert_eq!(
        w.desk.state(),
        crate::photo::desk::State::Empty,
        "the visit's end deletes its photo"
    );
    // A visit left open by its operator is ended by the site manager, with a reason.
    let left = w.once(s, Change::VisitStart, operator(), |cx, _, _, _| {
        visits::start(cx, true)
    });
    w.refused(
        "an operator ends another's",
        "forbidden",
        staff("operator2", Role::Operator),
        |cx, _, _, _| visits::end_for(cx, &left.id, &done(), "退勤"),
    );
    w.once(s, Change::VisitService, operator(), |cx, _, _, _| {
        visits::set_service(cx, &left.id, "consultation", true)
    });
    w.once(s, Change::VisitEndFor, manager(), |cx, _, _, _| {
        visits::end_for(cx, &left.id, &done(), "担当者が退勤したため")
    });
    let edit = VisitEdit {
        services: vec!["application".into(), "photo".into(), "pin".into()],
        form_brought: Some(true),
        ..Default::default()
    };
    w.once(s, Change::VisitAmend, operator(), |cx, _, _, _| {
        visits::amend(cx, &v.id, &edit, "暗証番号の案内も行った")
    });
    w.once(s, Change::VisitVoid, manager(), |cx, _, _, _| {
        visits::void(cx, &v.id, "重複入力")
    });

    // A printed photo (no visit needed to print an accepted photo, but accepting needs one).
    let v2 = w
        .run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    w.run(operator(), |cx, desk, _, _| {
        photo::hold(cx, desk, a_photo(Status::Pass))
    })
    .0
    .unwrap();
    w.run(operator(), |cx, desk, _, _| photo::accept(cx, desk, None))
        .0
        .unwrap();
    w.once(s, Change::PhotoPrint, operator(), |cx, desk, _, _| {
        photo::print(cx, desk).map(|_| ())
    });
    w.run(operator(), |cx, desk, _, _| {
        visits::end(cx, desk, &v2.id, Outcome::Completed, None)
    })
    .0
    .unwrap();

    // The calendar.
    let sat = day("2026-12-12");
    w.once(s, Change::CalendarUnpick, manager(), |cx, _, _, _| {
        calendar::pick(cx, sat, false)
    });
    w.once(s, Change::CalendarPick, manager(), |cx, _, _, _| {
        calendar::pick(cx, sat, true)
    });
    let closed = DayOverride::Closed {
        reason: "庁舎点検".into(),
    };
    w.once(s, Change::CalendarOverride, manager(), |cx, _, _, _| {
        calendar::override_day(cx, day("2026-12-01"), Some(&closed), false)
    });
    let holiday = HolidayOverride::Add {
        name: "臨時の祝日".into(),
    };
    w.once(s, Change::CalendarHoliday, manager(), |cx, _, _, _| {
        calendar::override_holiday(cx, day("2026-12-02"), Some(&holiday))
    });
    let config = w
        .run(manager(), |cx, _, _, _| calendar::config(cx))
        .0
        .unwrap();
    w.once(s, Change::CalendarConfig, manager(), |cx, _, _, _| {
        calendar::save_config(cx, &config)
    });

    // Settings.
    w.once(s, Change::ListSave, manager(), |cx, _, _, _| {
        settings::list_save(cx, ListKind::Services, "walkin", "飛び込みの相談", 200)
    });
    w.once(s, Change::ListActive, manager(), |cx, _, _, _| {
        settings::list_set_active(cx, ListKind::Services, "walkin", false)
    });
    w.once(s, Change::CounterSet, manager(), |cx, _, _, _| {
        settings::set_counter(cx, 2)
    });
    w.once(s, Change::SiteCounters, manager(), |cx, _, _, _| {
        settings::set_site_counters(cx, 3)
    });
    w.once(s, Change::CounterSet, cli(), |cx, _, _, _| {
        settings::set_counter(cx, 1)
    });
    let header = ReportHeader {
        addressee: "松本市長 様".into(),
        contractor: "株式会社窓口".into(),
        responsible: "業務責任者 山田".into(),
        ..ReportHeader::default()
    };
    w.once(s, Change::ReportHeader, manager(), |cx, _, _, _| {
        settings::save_report_header(cx, &header)
    });
    let photo_settings = PhotoSettings {
        max_age_minutes: 5,
        ..PhotoSettings::default()
    };
    w.once(s, Change::PhotoSettings, manager(), |cx, _, _, _| {
        settings::save_photo_settings(cx, &photo_settings, false)
    });
    w.once(s, Change::LinkHosts, manager(), |cx, _, _, _| {
        super::links::save_allow_list(cx, "*.go.jp\nexample.lg.jp")
    });

    // Records.
    let complaint = Complaint {
        occurred_at: "2026-11-24T09:30:00+09:00".into(),
        counter: 1,
        category: "待ち時間".into(),
        summary: "待ち時間が長い".into(),
        ..Default::default()
    };
    w.once(s, Change::ComplaintSave, operator(), |cx, _, _, _| {
        records::save_complaint(cx, &complaint)
    });
    let incident = Incident {
        occurred_at: "2026-11-24T09:40:00+09:00".into(),
        place: "第1窓口".into(),
        what: "停電".into(),
        ..Default::default()
    };
    w.once(s, Change::IncidentSave, manager(), |cx, _, _, _| {
        records::save_incident(cx, &incident)
    });

    // The manual and FAQ, and a question for the city.
    let v1 = w.once(s, Change::KbDraft, operator(), |cx, _, _, _| {
        kb::save_draft(cx, Kind::Faq, None, None, &draft("混雑する時間帯"))
    });
    w.once(s, Change::KbSubmit, operator(), |cx, _, _, _| {
        kb::submit(cx, v1, Reason::Inquiry, "問い合わせが多いため")
    });
    // An operator's draft reaches the city through the site manager.
    w.refused(
        "the city before the site manager",
        "kb_wrong_status",
        city(),
        |cx, _, _, _| kb::decide(cx, v1, true, ""),
    );
    w.once(s, Change::KbSendBack, manager(), |cx, _, _, _| {
        kb::forward(cx, v1, false, "時間帯を入れてください")
    });
    w.run(operator(), |cx, _, _, _| {
        kb::submit(cx, v1, Reason::Inquiry, "問い合わせが多いため")
    })
    .0
    .unwrap();
    w.once(s, Change::KbForward, manager(), |cx, _, _, _| {
        kb::forward(cx, v1, true, "")
    });
    w.once(s, Change::KbReturn, city(), |cx, _, _, _| {
        kb::decide(cx, v1, false, "時間帯を具体的に")
    });
    w.once(s, Change::KbDraft, operator(), |cx, _, _, _| {
        kb::save_draft(
            cx,
            Kind::Faq,
            None,
            Some(v1),
            &draft("混雑する時間帯（平日）"),
        )
    });
    w.run(operator(), |cx, _, _, _| {
        kb::submit(cx, v1, Reason::Inquiry, "追記")
    })
    .0
    .unwrap();
    w.run(manager(), |cx, _, _, _| kb::forward(cx, v1, true, ""))
        .0
        .unwrap();
    w.once(s, Change::KbApprove, city(), |cx, _, _, _| {
        kb::decide(cx, v1, true, "")
    });
    let manual = w
        .run(manager(), |cx, _, _, _| {
            kb::save_draft(cx, Kind::Manual, None, None, &draft("受付の流れ"))
        })
        .0
        .unwrap();
    let manual_doc = crate::kb::version(&w.store, manual).unwrap().document_id;
    w.run(manager(), |cx, _, _, _| {
        kb::submit(cx, manual, Reason::SelfImprovement, "初版")
    })
    .0
    .unwrap();
    w.run(city(), |cx, _, _, _| kb::decide(cx, manual, true, ""))
        .0
        .unwrap();
    w.once(s, Change::KbPosition, manager(), |cx, _, _, _| {
        kb::set_position(cx, manual_doc, None, 5)
    });
    let q = w.once(s, Change::EscalationAsk, operator(), |cx, _, _, _| {
        escalations::ask(cx, "住所変更の直後でも電子証明書を更新できますか")
    });
    w.once(s, Change::EscalationSend, manager(), |cx, _, _, _| {
        escalations::step(cx, q, Step::Send, "")
    });
    w.once(s, Change::EscalationAnswer, city(), |cx, _, _, _| {
        escalations::step(cx, q, Step::Answer, "住民異動の処理の後に更新できます。")
    });
    w.once(s, Change::EscalationFaq, operator(), |cx, _, _, _| {
        escalations::step(cx, q, Step::Faq, "")
    });

    // Reports and their files, from the window and from the command line.
    let october: Month = "2026-10".parse().unwrap();
    w.once(s, Change::ReportSubmit, manager(), |cx, _, _, _| {
        reports::submit(cx, october, "")
    });
    for (actor, name) in [(manager(), "m"), (cli(), "c")] {
        let xlsx = w.path(&format!("{name}.xlsx"));
        w.once(s, Change::ReportExport, actor.clone(), |cx, _, _, _| {
            reports::export_monthly(cx, october, reports::FileKind::Xlsx, &xlsx)
        });
        assert!(xlsx.exists());
        let csv = w.path(&format!("{name}-final.csv"));
        w.once(s, Change::ReportFinalExport, actor, |cx, _, _, _| {
            reports::export_final(cx, reports::FileKind::Csv, &csv)
        });
        assert!(csv.exists());
    }

    // A survey the city asked for, recorded with its question.
    let question = crate::report::survey::Question {
        from: day("2026-11-01"),
        to: day("2026-11-24"),
        by: crate::report::survey::By::Weekday,
        split: crate::report::survey::Split::Service,
    };
    let answered = w.once(s, Change::ReportSurvey, city(), |cx, _, _, _| {
        reports::survey(cx, &question)
    });
    assert_eq!(answered.rows.len(), 7);

    // Data in and out, from both doors.
    for (actor, name) in [(manager(), "m"), (cli(), "c")] {
        let backup = w.path(&format!("{name}.sqlite3"));
        w.once(s, Change::Backup, actor.clone(), |cx, _, _, _| {
            data::backup(cx, &backup)
        });
        let visits_csv = w.path(&format!("{name}-visits.csv"));
        w.once(s, Change::VisitsExport, actor.clone(), |cx, _, _, _| {
            data::export_visits(cx, "2026-11".parse().unwrap(), Some(&visits_csv))
        });
        w.once(s, Change::VisitsImport, actor.clone(), |cx, _, _, _| {
            data::import_visits(cx, &visits_csv, false)
        });
        let kb_json = w.path(&format!("{name}-kb.json"));
        w.once(s, Change::KbExport, actor.clone(), |cx, _, _, _| {
            data::export_kb(cx, &kb_json)
        });
        w.once(s, Change::KbImport, actor, |cx, _, _, _| {
            data::import_kb(cx, &kb_json)
        });
    }

    // The city's shared store, on a real server: set up, this counter connected, disconnected.
    let cluster = shared_store::pg_cluster::Cluster::start();
    let out = w.path("central");
    let made = w.once(s, Change::StoreInit, cli(), |cx, _, _, _| {
        super::shared_store::init_central(cx, &cluster.owner_url(), None, "main", 2, &out)
    });
    let target = crate::central::Target {
        url: cluster.url_for(&made[0].0),
        password_file: Some(made[0].1.clone()),
        ca_file: None,
    };
    w.once(s, Change::StoreConnect, cli(), |cx, _, _, _| {
        super::shared_store::connect(cx, &target, Some("main"))
    });
    w.once(s, Change::StoreDisconnect, cli(), |cx, _, _, _| {
        super::shared_store::disconnect(cx)
    });

    // The kiosk session: IT staff set it up and remove it; the supervisor records a restart.
    let session = crate::kiosk::session::SessionPaths {
        config_home: w.path("home-config"),
    };
    let mut desk = crate::kiosk::desktop_settings::fake::Fake::default();
    w.refused(
        "a kiosk session from the window",
        "forbidden",
        manager(),
        |cx, _, _, _| super::kiosk::setup(cx, &session, vec!["madoguchi".into()], &mut desk),
    );
    w.once(s, Change::KioskSetup, cli(), |cx, _, _, _| {
        super::kiosk::setup(cx, &session, vec!["madoguchi".into()], &mut desk)
    });
    let restart = crate::kiosk::supervisor::Restart {
        count: 1,
        ended: crate::kiosk::supervisor::Ended::Died {
            code: None,
            signal: Some(9),
        },
        ran_secs: 3600,
        pause_ms: 1000,
    };
    w.once(s, Change::KioskRestart, Actor::System, |cx, _, _, _| {
        super::kiosk::record_restart(cx, &restart)
    });
    w.once(s, Change::KioskRemove, cli(), |cx, _, _, _| {
        super::kiosk::remove(cx, &session, &mut desk)
    });

    // The opening check.
    let opening_settings = w.once(s, Change::OpeningSettings, manager(), |cx, _, _, _| {
        super::opening::save_settings(cx, &crate::opening::OpeningSettings::default())
    });
    let run = super::opening::AutoRun {
        at: moment().wall,
        items: vec![crate::opening::Item::auto("camera", "カメラ", true, "ok")],
    };
    assert_eq!(opening_settings, crate::opening::OpeningSettings::default());
    let ticks = manual_ticks(&w, true);
    w.once(s, Change::OpeningCheck, operator(), |cx, _, _, _| {
        super::opening::record(cx, Some(&run), &ticks)
    });

    // The network watch.
    let down = crate::netwatch::Round {
        failing: vec![crate::netwatch::round::Failing {
            label: "J-LIS".into(),
            cause: crate::netcheck::Cause::Timeout,
            detail: "応答がありません".into(),
        }],
    };
    let outage = w.once(s, Change::OutageOpen, Actor::System, |cx, _, _, _| {
        super::netwatch::record_round(cx, moment().wall, &down)
    });
    w.once(s, Change::OutageClose, Actor::System, |cx, _, _, _| {
        super::netwatch::record_round(cx, moment().wall, &crate::netwatch::Round::default())
    });
    let outage_id = outage.map(|o| o.id).unwrap_or_default();
    w.once(s, Change::OutageReport, manager(), |cx, _, _, _| {
        super::netwatch::take_up(cx, outage_id)
    });

    // The leaflet: the manager's draft, the city's approval, the PDF from either door.
    w.once(s, Change::LeafletDraft, manager(), |cx, _, _, _| {
        super::leaflet::save_draft(cx, &crate::leaflet::LeafletTexts::default())
    });
    w.once(s, Change::LeafletApprove, city(), |cx, _, _, _| {
        super::leaflet::approve(cx)
    });
    let fonts = crate::leaflet::pdf::system_fonts().expect("a Japanese font (fonts-noto-cjk)");
    let leaflet_pdf = w.path("leaflet.pdf");
    let month = Month::of(moment().wall.date_naive());
    w.once(s, Change::LeafletExport, cli(), |cx, _, _, _| {
        super::leaflet::export(cx, month, 3, &fonts, &leaflet_pdf)
    });
    w.once(s, Change::LeafletExport, manager(), |cx, _, _, _| {
        super::leaflet::export(cx, month, 1, &fonts, &leaflet_pdf)
    });

    // A briefing of the manual and the equipment to the city's staff.
    w.once(s, Change::BriefingRecord, manager(), |cx, _, _, _| {
        super::kb::record_briefing(
            cx,
            &super::kb::NewBriefing {
                held_on: moment().wall.date_naive(),
                attendees: "市民課 2名".into(),
                note: String::new(),
            },
        )
    });

    // A failed sign-in is itself recorded (without the ID typed).
    let (_, added) = w.run(Actor::Nobody, |cx, desk, slot, t| {
        accounts::sign_in(cx, slot, t, desk, "nobody", "guess")
    });
    assert_eq!(added.len(), 1);
    assert_eq!(
        (added[0].action.as_str(), added[0].actor.as_deref()),
        ("sign_in.failed", None)
    );
    seen.insert(Change::SignInFailed);

    // The first site manager, on a fresh install.
    let mut fresh = World {
        store: crate::launch::open(&w.path("fresh"), false, moment().wall.date_naive()).unwrap(),
        ..World::new()
    };
    fresh.once(
        &mut seen,
        Change::FirstManager,
        Actor::Nobody,
        |cx, _, _, _| {
            let contract = accounts::Contract {
                start: day("2026-04-01"),
                end: day("2027-03-31"),
                business_name: "マイナンバーカード申請支援（オンライン窓口方式）業務委託".into(),
            };
            accounts::create_first_manager(
                cx,
                "boss",
                "現場責任者",
                "a long password",
                Some(&contract),
            )
        },
    );
    let config = crate::calendar::stored::load(&fresh.store).unwrap().config;
    assert_eq!(
        (config.contract_start, config.contract_end),
        (day("2026-04-01"), day("2027-03-31")),
        "the first start sets the contract period"
    );
    fresh.refused(
        "a second first manager",
        "manager_exists",
        Actor::Nobody,
        |cx, _, _, _| {
            accounts::create_first_manager(cx, "boss2", "二人目", "a long password", None)
        },
    );

    let missing: Vec<&Change> = Change::ALL.iter().filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "untested audited actions: {missing:?}");
}

#[test]
fn refusals_change_nothing_and_record_nothing() {
    let mut w = World::new();
    w.refused(
        "nobody signed in",
        "not_signed_in",
        Actor::Nobody,
        |cx, _, _, _| visits::start(cx, true),
    );
    w.refused(
        "city staff log no visits",
        "forbidden",
        city(),
        |cx, _, _, _| visits::start(cx, true),
    );
    w.refused(
        "operators keep no calendar",
        "forbidden",
        operator(),
        |cx, _, _, _| calendar::pick(cx, day("2026-12-12"), false),
    );
    w.refused(
        "the site manager cannot approve",
        "forbidden",
        manager(),
        |cx, _, _, _| kb::decide(cx, 1, true, ""),
    );
    w.refused(
        "the command line approves nothing",
        "forbidden",
        cli(),
        |cx, _, _, _| kb::decide(cx, 1, true, ""),
    );
    w.refused(
        "the command line logs no visits",
        "forbidden",
        cli(),
        |cx, _, _, _| visits::start(cx, true),
    );
    w.refused(
        "operators write no incident reports",
        "forbidden",
        operator(),
        |cx, _, _, _| {
            records::save_incident(
                cx,
                &Incident {
                    occurred_at: "2026-11-24T09:40:00+09:00".into(),
                    place: "第1窓口".into(),
                    what: "停電".into(),
                    ..Default::default()
                },
            )
        },
    );
    w.refused(
        "accepting needs a photo",
        "no_photo",
        operator(),
        |cx, desk, _, _| photo::accept(cx, desk, None),
    );
    // A photo held but no visit open: accepting would tick nothing, so it is refused.
    w.run(operator(), |cx, desk, _, _| {
        photo::hold(cx, desk, a_photo(Status::Pass))
    })
    .0
    .unwrap();
    w.refused(
        "accepting needs a visit",
        "no_open_visit",
        operator(),
        |cx, desk, _, _| photo::accept(cx, desk, None),
    );
    let v = w
        .run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    w.refused(
        "another operator's visit",
        "not_your_visit",
        staff("operator2", Role::Operator),
        |cx, _, _, _| visits::set_service(cx, &v.id, "pin", true),
    );
    w.refused(
        "a note with a My Number",
        "personal_data",
        operator(),
        |cx, _, _, _| visits::set_note(cx, &v.id, Some("番号 123456789018")),
    );
    w.refused(
        "ending with nothing ticked",
        "no_service",
        operator(),
        |cx, desk, _, _| visits::end(cx, desk, &v.id, Outcome::Completed, None),
    );
    w.refused(
        "deactivating oneself",
        "deactivate_self",
        manager(),
        |cx, _, _, _| accounts::set_active(cx, "manager", false),
    );
    w.refused(
        "an import that is not there",
        "read_failed",
        cli(),
        |cx, _, _, _| data::import_visits(cx, Path::new("/no/such/file.csv"), false),
    );
    let current = crate::visits::get(&w.store, &v.id).unwrap();
    assert!(
        current.services.is_empty() && current.note.is_none(),
        "refused changes left no trace"
    );
}

#[test]
fn only_the_site_manager_closes_a_complaint() {
    let mut w = World::new();
    let mut c = Complaint {
        occurred_at: "2026-11-24T09:30:00+09:00".into(),
        counter: 1,
        category: "待ち時間".into(),
        summary: "待ち時間が長い".into(),
        closed: true,
        escalated: true,
        ..Default::default()
    };
    c.id = w
        .run(operator(), |cx, _, _, _| records::save_complaint(cx, &c))
        .0
        .unwrap();
    let month = |w: &mut World| {
        w.run(manager(), |cx, _, _, _| {
            records::month(cx, "2026-11".parse().unwrap())
        })
        .0
        .unwrap()
        .complaints
    };
    let saved = month(&mut w);
    assert!(
        !saved[0].closed && !saved[0].escalated,
        "an operator's save does not close it"
    );
    w.run(manager(), |cx, _, _, _| records::save_complaint(cx, &c))
        .0
        .unwrap();
    assert!(month(&mut w)[0].closed, "the site manager closes it");
    c.closed = false;
    c.summary = "待ち時間が長い（追記）".into();
    w.run(operator(), |cx, _, _, _| records::save_complaint(cx, &c))
        .0
        .unwrap();
    let after = month(&mut w);
    assert!(after[0].closed, "an operator's edit keeps it closed");
    assert_eq!(after[0].summary, "待ち時間が長い（追記）");
}

#[test]
fn a_failing_audit_write_takes_the_change_back() {
    let mut w = World::new();
    w.store
        .conn
        .execute_batch(
            "CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log
             BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;",
        )
        .unwrap();
    let sat = day("2026-12-12");
    let picked_before = crate::calendar::stored::load(&w.store)
        .unwrap()
        .weekend_picks
        .contains(&sat);
    let (r, _) = w.run(manager(), |cx, _, _, _| {
        calendar::pick(cx, sat, !picked_before)
    });
    assert!(r.is_err(), "the action fails with its record");
    let picked_after = crate::calendar::stored::load(&w.store)
        .unwrap()
        .weekend_picks
        .contains(&sat);
    assert_eq!(
        picked_before, picked_after,
        "no change without its audit entry"
    );
    let visits_before = crate::visits::list_day(&w.store, moment().wall.date_naive())
        .unwrap()
        .len();
    let (r, _) = w.run(operator(), |cx, _, _, _| visits::start(cx, true));
    assert!(r.is_err());
    assert_eq!(
        crate::visits::list_day(&w.store, moment().wall.date_naive())
            .unwrap()
            .len(),
        visits_before,
        "no visit started without its record"
    );
    assert!(w.store.conn.is_autocommit(), "nothing left half-done");
    // And the same store works again once the audit log does.
    w.store
        .conn
        .execute_batch("DROP TRIGGER audit_broken")
        .unwrap();
    assert!(w
        .run(manager(), |cx, _, _, _| calendar::pick(
            cx,
            sat,
            !picked_before
        ))
        .0
        .is_ok());
}

#[test]
fn the_audit_trail_says_who_did_what_from_where_in_japanese() {
    let mut w = World::new();
    w.run(cli(), |cx, _, _, _| settings::set_counter(cx, 2))
        .0
        .unwrap();
    w.run(manager(), |cx, _, _, _| settings::set_counter(cx, 1))
        .0
        .unwrap();
    let shown = w
        .run(manager(), |cx, _, _, _| {
            audit_trail::query(
                cx,
                &Filter {
                    actor: Some("itstaff".into()),
                    ..Default::default()
                },
            )
        })
        .0
        .unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].label, "窓口番号の変更");
    assert_eq!(shown[0].entry.origin, Origin::Cli);
    assert_eq!(shown[0].origin_label, "コマンドライン");
    w.refused(
        "operators do not read the trail",
        "forbidden",
        operator(),
        |cx, _, _, _| audit_trail::query(cx, &Filter::default()),
    );
}

#[test]
fn a_city_account_sets_its_own_password_first_and_is_nobody_elses() {
    let mut w = World::new();
    let new = NewAccount {
        login_id: "city2".into(),
        display_name: "市 担当".into(),
        role: Role::CityStaff,
        password: "first time pass".into(),
    };
    w.run(manager(), |cx, _, _, _| accounts::create(cx, &new))
        .0
        .unwrap();
    w.refused(
        "the command line adds no city staff",
        "city_account_from_window",
        cli(),
        |cx, _, _, _| {
            accounts::create(
                cx,
                &NewAccount {
                    login_id: "city3".into(),
                    ..new.clone()
                },
            )
        },
    );
    w.refused(
        "the site manager resets no city password",
        "city_account",
        manager(),
        |cx, _, _, _| accounts::set_password(cx, "city2", "taken over 123"),
    );
    let first = w
        .run(Actor::Nobody, |cx, desk, slot, t| {
            accounts::sign_in(cx, slot, t, desk, "city2", "first time pass")
        })
        .0
        .unwrap();
    assert!(first.must_change_password && first.permissions.is_empty());
    let as_city2 = w.slot.actor();
    w.refused(
        "nothing before the new password",
        "must_change_password",
        as_city2.clone(),
        |cx, _, _, _| kb::queue(cx),
    );
    w.refused(
        "a guessable password",
        "weak_password",
        as_city2.clone(),
        |cx, _, slot, _| accounts::change_own_password(cx, slot, "first time pass", "password123"),
    );
    let changed = w
        .run(as_city2, |cx, _, slot, _| {
            accounts::change_own_password(cx, slot, "first time pass", "the city's own 2026")
        })
        .0
        .unwrap();
    assert!(!changed.must_change_password && changed.permissions.contains(&Permission::KbApprove));
    assert!(w.run(w.slot.actor(), |cx, _, _, _| kb::queue(cx)).0.is_ok());
}

#[test]
fn idle_sign_out_deletes_the_photo_and_is_recorded() {
    let mut w = World::new();
    w.run(Actor::Nobody, |cx, desk, slot, t| {
        accounts::sign_in(cx, slot, t, desk, "operator1", crate::demo::DEMO_PASSWORD)
    })
    .0
    .unwrap();
    w.run(operator(), |cx, desk, _, _| {
        photo::hold(cx, desk, a_photo(Status::Pass))
    })
    .0
    .unwrap();
    w.slot.set_rules(session::IdleRules {
        operator_seconds: 0,
        staff_seconds: 0,
    });
    assert_eq!(
        w.slot.actor(),
        Actor::Nobody,
        "idle past the limit: nobody, at once"
    );
    let (ended, added) = w.run(Actor::System, |cx, desk, slot, _| {
        accounts::end_if_idle(cx, slot, desk)
    });
    assert!(ended.unwrap());
    assert_eq!(
        w.desk.state(),
        crate::photo::desk::State::Empty,
        "the photo is deleted"
    );
    assert_eq!(
        (added[0].action.as_str(), added[0].detail.as_str()),
        ("sign_out", "idle")
    );
    assert_eq!(added[0].actor.as_deref(), Some("operator1"));
}

#[test]
fn the_counter_number_stays_while_a_visit_is_open() {
    let mut w = World::new();
    let v = w
        .run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    w.refused(
        "a counter change mid-visit",
        "visits_in_progress",
        manager(),
        |cx, _, _, _| settings::set_counter(cx, 2),
    );
    w.run(operator(), |cx, _, _, _| {
        visits::set_service(cx, &v.id, "pin", true)
    })
    .0
    .unwrap();
    w.run(operator(), |cx, desk, _, _| {
        visits::end(cx, desk, &v.id, Outcome::Completed, None)
    })
    .0
    .unwrap();
    assert!(w
        .run(manager(), |cx, _, _, _| settings::set_counter(cx, 2))
        .0
        .is_ok());
}

#[test]
fn the_session_carries_its_permissions() {
    let mut w = World::new();
    let session = w
        .run(Actor::Nobody, |cx, desk, slot, t| {
            accounts::sign_in(cx, slot, t, desk, "city", crate::demo::DEMO_PASSWORD)
        })
        .0
        .unwrap();
    assert!(session.permissions.contains(&Permission::KbApprove));
    assert!(!session.permissions.contains(&Permission::VisitLog));
    assert_eq!(w.slot.current(), Some(session));
    assert_eq!(w.slot.actor().audit_name(), Some("city"));
}

#[test]
fn closing_a_day_that_holds_visits_asks_first_and_names_the_day() {
    let mut w = World::new();
    log_visit(&mut w, "operator1", "09:00", "pin");
    let closed = DayOverride::Closed {
        reason: "停電".into(),
    };
    let (refused, trail) = w.run(manager(), |cx, _, _, _| {
        calendar::override_day(cx, day("2026-11-24"), Some(&closed), false)
    });
    let e = refused.unwrap_err();
    assert_eq!(e.code(), "day_has_visits");
    assert!(
        e.message().contains("令和8年11月24日(火)") && e.message().contains("件"),
        "{e}"
    );
    assert!(trail.is_empty(), "nothing changed");
    // A future day, or a day without visits, needs no question; a confirmed one is done.
    let (future, _) = w.run(manager(), |cx, _, _, _| {
        calendar::override_day(cx, day("2026-12-01"), Some(&closed), false)
    });
    assert!(future.is_ok());
    let (done, trail) = w.run(manager(), |cx, _, _, _| {
        calendar::override_day(cx, day("2026-11-24"), Some(&closed), true)
    });
    assert!(done.is_ok() && trail.len() == 1);
}

#[test]
fn a_visit_on_a_closed_day_asks_first_and_is_kept_when_confirmed() {
    let mut w = World::new();
    // 2026-11-23 is 勤労感謝の日.
    let holiday = Moment::at(crate::clock::parse("2026-11-23T10:00:00+09:00").unwrap());
    let (refused, trail) = {
        let before = audit::count(&w.store).unwrap();
        let r = {
            let mut ctx = Ctx::new(&mut w.store, operator(), holiday).unwrap();
            visits::start(&mut ctx, false)
        };
        (r, audit::count(&w.store).unwrap() - before)
    };
    let e = refused.unwrap_err();
    assert_eq!(e.code(), "closed_today");
    assert!(
        e.message().contains("令和8年11月23日(月)") && e.message().contains("勤労感謝の日"),
        "{e}"
    );
    assert_eq!(trail, 0, "nothing recorded");
    let mut ctx = Ctx::new(&mut w.store, operator(), holiday).unwrap();
    let v = visits::start(&mut ctx, true).unwrap();
    assert_eq!(v.started_at, "2026-11-23T10:00:00+09:00");
    let last = audit::query(
        &w.store,
        &Filter {
            limit: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(last[0].detail.contains("休業日の受付"), "{:?}", last[0]);
}
