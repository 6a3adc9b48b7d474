//! The one error of the use-case layer: every domain error, plus the refusals that belong to the
//! layer itself (not signed in, not permitted, not one's own). Each has a stable `code()` the
//! window and the command line switch on, a Japanese message, and a kind that decides the command
//! line's exit status. The window gets `{ code, message }` ([`ErrorBody`]); nothing parses text.

use std::path::PathBuf;

use serde::Serialize;

use crate::auth::AuthError;
use crate::calendar::{BadMonth, CalendarError};
use crate::camera::CameraError;
use crate::central::CentralError;
use crate::incidents::RecordError;
use crate::kb::transfer::TransferError;
use crate::kb::KbError;
use crate::kiosk::KioskError;
use crate::leaflet::LeafletError;
use crate::links::LinkError;
use crate::opening::OpeningError;
use crate::photo::desk::DeskError;
use crate::photo::settings::SettingsError;
use crate::photo::staging::StagingError;
use crate::photo::PhotoError;
use crate::privacy::PersonalData;
use crate::procedure::qr::QrError;
use crate::procedure::IdError;
use crate::report::export::ExportError;
use crate::report::submission::SubmissionError;
use crate::report::LoadError;
use crate::store::StoreError;
use crate::sync::SyncError;
use crate::visits::VisitError;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nobody is signed in.
    #[error("サインインしてください。")]
    NotSignedIn,
    /// The actor lacks the permission.
    #[error("この操作を行う権限がありません。")]
    Forbidden,
    /// The database could not be opened at start; every action answers with why.
    #[error("{0}")]
    Startup(String),
    /// A first site manager already exists.
    #[error("現場責任者のアカウントはすでにあります。")]
    ManagerExists,
    /// Nobody switches their own account off.
    #[error("サインイン中のアカウントは停止できません。")]
    DeactivateSelf,
    /// A diff of versions of two documents.
    #[error("同じ文書の版を選んでください。")]
    VersionsOfTwoDocuments,
    /// A photo action needs the actor's visit in progress.
    #[error("対応中の来庁記録がありません。対応を開始してから操作してください。")]
    NoOpenVisit,
    /// Another operator's visit in progress.
    #[error("他のオペレーターが対応中の来庁記録です。")]
    NotYourVisit,
    /// A setting that cannot change while visits are in progress.
    #[error("対応中の来庁記録があります。すべて終了してから変更してください。")]
    VisitsInProgress,
    /// An outage that is not in the store.
    #[error("そのネットワーク障害の記録が見つかりません。画面を開き直してください。")]
    NoSuchOutage,
    /// A visit started on a day the calendar says is closed, not yet confirmed.
    #[error("本日（{day}）は休業日です（{why}）。窓口を臨時に開けて受付を始めますか。")]
    ClosedToday {
        /// Today, as 令和8年11月28日(土).
        day: String,
        /// Why it is closed.
        why: String,
    },
    /// A past day with visits made a closure without confirming.
    #[error("{date}には来庁記録が{count}件あります。臨時休業にすると、これらの記録は報告書で「休業日の記録」として確認が必要になります。臨時休業にしますか。")]
    DayHasVisits {
        /// The day, as 令和8年11月20日(金).
        date: String,
        /// Visits recorded that day (ended and in progress, not voided).
        count: u64,
    },
    /// A counter number this site does not have.
    #[error("窓口番号は1〜{counters}です（この拠点の窓口数は{counters}。増やすときは窓口数を設定してください）。")]
    CounterOutOfRange {
        /// The site's counters.
        counters: u8,
    },
    /// Fewer counters than this PC's number.
    #[error("このPCは第{here}窓口です。窓口数は{here}以上にしてください。")]
    CountersBelowThisPc {
        /// This PC's number.
        here: u8,
    },
    /// City-staff accounts are the city's.
    #[error("市担当者のアカウントは、本人がパスワードを設定・変更します。現場責任者や端末の管理者は変更できません。")]
    CityAccount,
    /// City staff accounts are created from the window once a site manager exists.
    #[error("市担当者のアカウントは、現場責任者が画面（管理 → アカウント）で作成してください。")]
    CityAccountFromWindow,
    /// A J-LIS address on another site, not confirmed.
    #[error("{0} は J-LIS の申請サイト（kojinbango-card.go.jp）ではありません。写真はこのサイトに送られます。このアドレスでよい場合は「J-LIS 以外のサイトを使う」にチェックを入れて保存してください。")]
    OtherJlisSite(String),
    /// Only a site manager closes the kiosk.
    #[error(
        "アプリを終了できるのは現場責任者だけです。現場責任者のIDとパスワードを入力してください。"
    )]
    QuitNeedsManager,
    /// Idle limits outside one minute to one hour.
    #[error("自動サインアウトまでの時間は1〜60分で設定してください。")]
    BadIdleRules,
    /// The account must choose its own password first.
    #[error("パスワードを変更してから操作してください。")]
    MustChangePassword,
    /// The camera is not running (the photo tab starts it).
    #[error("カメラが動いていません。写真タブを開き直してください。")]
    CameraStopped,
    /// Demo-only actions outside demo mode.
    #[error("デモモードでのみ使えます。")]
    NotDemo,
    /// An unknown simulated card.
    #[error("そのカードはありません。")]
    NoSuchCard,
    /// A file could not be read.
    #[error("{} を読めません（{detail}）。", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        detail: String,
    },
    /// A file could not be written; an older file there is left whole.
    #[error("{} に書き込めません（{detail}）。", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        detail: String,
    },
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Accounts and sign-in.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// Visits.
    #[error(transparent)]
    Visit(#[from] VisitError),
    /// The calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A month that is not one.
    #[error(transparent)]
    Month(#[from] BadMonth),
    /// The manual and FAQ.
    #[error(transparent)]
    Kb(#[from] KbError),
    /// Moving the knowledge base between PCs.
    #[error(transparent)]
    KbTransfer(#[from] TransferError),
    /// Complaints and incidents.
    #[error(transparent)]
    Records(#[from] RecordError),
    /// A report could not be made.
    #[error(transparent)]
    Report(#[from] LoadError),
    /// Submitting a report.
    #[error(transparent)]
    Submission(#[from] SubmissionError),
    /// Making a report file.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Photo settings.
    #[error("{}", .0.message_ja())]
    PhotoSettings(#[from] SettingsError),
    /// The photo being handled.
    #[error("{}", .0.message_ja())]
    Desk(#[from] DeskError),
    /// Analysing a photo.
    #[error("{}", .0.message_ja())]
    Photo(#[from] PhotoError),
    /// The camera.
    #[error("{}", .0.message_ja())]
    Camera(#[from] CameraError),
    /// The photo's private staging folder.
    #[error("{}", .0.message_ja())]
    Staging(#[from] StagingError),
    /// Personal data in a free text.
    #[error(transparent)]
    PersonalData(#[from] PersonalData),
    /// The change log.
    #[error(transparent)]
    Sync(#[from] SyncError),
    /// The city's shared store.
    #[error(transparent)]
    Central(#[from] CentralError),
    /// A link that is not opened, or a host pattern that is not one.
    #[error("{}", .0.message_ja())]
    Link(#[from] LinkError),
    /// The kiosk session's files or the kiosk process.
    #[error(transparent)]
    Kiosk(#[from] KioskError),
    /// The opening check.
    #[error(transparent)]
    Opening(#[from] OpeningError),
    /// The leaflet.
    #[error(transparent)]
    Leaflet(#[from] LeafletError),
    /// A language the citizen display does not have.
    #[error("その言語は選べません。")]
    UnknownLanguage,
    /// No 申請書ID from the camera.
    #[error(transparent)]
    Qr(#[from] QrError),
    /// A guide that does not exist.
    #[error("その手続きガイドはありません。")]
    NoSuchGuide,
    /// No 申請書ID in what was read.
    #[error(transparent)]
    ApplicationId(#[from] IdError),
    /// A briefing without its attendees.
    #[error("出席者を役職で入力してください（例：市民課 2名）。")]
    BriefingAttendees,
    /// No leaflet draft waits for approval.
    #[error("承認を待っているリーフレットの文案はありません。")]
    NoLeafletDraft,
}

/// What kind of failure, for the command line's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The request was refused: bad input, not permitted, a conflict (exit 3).
    Refused,
    /// The machine: the data folder, the database, a file, a device (exit 4).
    Environment,
}

impl AppError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotSignedIn => "not_signed_in",
            Self::Forbidden => "forbidden",
            Self::Startup(_) => "startup_failed",
            Self::ManagerExists => "manager_exists",
            Self::DeactivateSelf => "deactivate_self",
            Self::VersionsOfTwoDocuments => "versions_of_two_documents",
            Self::NoOpenVisit => "no_open_visit",
            Self::NotYourVisit => "not_your_visit",
            Self::CameraStopped => "camera_stopped",
            Self::VisitsInProgress => "visits_in_progress",
            Self::NoSuchOutage => "no_such_outage",
            Self::CounterOutOfRange { .. } => "counter_out_of_range",
            Self::DayHasVisits { .. } => "day_has_visits",
            Self::ClosedToday { .. } => "closed_today",
            Self::CountersBelowThisPc { .. } => "counters_below_this_pc",
            Self::CityAccount => "city_account",
            Self::CityAccountFromWindow => "city_account_from_window",
            Self::MustChangePassword => "must_change_password",
            Self::BadIdleRules => "bad_idle_rules",
            Self::OtherJlisSite(_) => "jlis_other_site",
            Self::QuitNeedsManager => "quit_needs_manager",
            Self::NotDemo => "not_demo",
            Self::NoSuchCard => "bad_request",
            Self::Read { .. } => "read_failed",
            Self::Write { .. } => "write_failed",
            Self::Store(e) => e.code(),
            Self::Auth(e) => e.code(),
            Self::Visit(e) => e.code(),
            Self::Calendar(e) => e.code(),
            Self::Month(e) => e.code(),
            Self::Kb(e) => e.code(),
            Self::KbTransfer(e) => e.code(),
            Self::Records(e) => e.code(),
            Self::Report(e) => e.code(),
            Self::Submission(e) => e.code(),
            Self::Export(e) => e.code(),
            Self::PhotoSettings(e) => e.code(),
            Self::Desk(e) => e.code(),
            Self::Photo(e) => e.code(),
            Self::Camera(e) => e.code(),
            Self::Staging(e) => e.code(),
            Self::PersonalData(e) => e.code(),
            Self::Link(e) => e.code(),
            Self::Sync(e) => e.code(),
            Self::Central(e) => e.code(),
            Self::Kiosk(e) => e.code(),
            Self::Opening(e) => e.code(),
            Self::Leaflet(e) => e.code(),
            Self::NoLeafletDraft => "no_leaflet_draft",
            Self::ApplicationId(e) => e.code(),
            Self::NoSuchGuide => "no_such_guide",
            Self::Qr(e) => e.code(),
            Self::UnknownLanguage => "unknown_language",
            Self::BriefingAttendees => "briefing_attendees",
        }
    }

    /// Whether the input or the machine is the cause.
    pub fn kind(&self) -> Kind {
        let store = |e: &StoreError| {
            if e.is_environment() {
                Kind::Environment
            } else {
                Kind::Refused
            }
        };
        match self {
            // A file named by the user that cannot be read is the request's problem; one that
            // cannot be written is the machine's (disk, permissions).
            Self::Startup(_) | Self::Write { .. } => Kind::Environment,
            Self::Camera(_) | Self::Staging(_) | Self::Export(_) => Kind::Environment,
            Self::Leaflet(
                LeafletError::NoFont | LeafletError::BadFont(_) | LeafletError::Pdf(_),
            ) => Kind::Environment,
            Self::Kiosk(KioskError::File { .. } | KioskError::Spawn(_) | KioskError::NoHome) => {
                Kind::Environment
            }
            Self::Central(e) if e.is_transient() => Kind::Environment,
            Self::Store(e)
            | Self::Auth(AuthError::Store(e))
            | Self::Visit(VisitError::Store(e))
            | Self::Calendar(CalendarError::Store(e))
            | Self::Kb(KbError::Store(e))
            | Self::KbTransfer(TransferError::Kb(KbError::Store(e)))
            | Self::Records(RecordError::Store(e))
            | Self::Report(LoadError::Store(e))
            | Self::Submission(SubmissionError::Store(e))
            | Self::Sync(SyncError::Store(e)) => store(e),
            Self::Visit(VisitError::Io(_)) => Kind::Environment,
            _ => Kind::Refused,
        }
    }

    /// The message in Japanese.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// The error as the window receives it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorBody {
    /// Stable code, e.g. `wrong_credentials`, `personal_data`.
    pub code: &'static str,
    /// Japanese message for the screen.
    pub message: String,
}

impl From<&AppError> for ErrorBody {
    fn from(e: &AppError) -> Self {
        Self {
            code: e.code(),
            message: e.message(),
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}
