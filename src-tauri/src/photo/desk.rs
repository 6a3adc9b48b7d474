//! The one photo being handled at this counter, as a state machine: nothing → captured (checked,
//! in memory) → accepted by the operator (a warning needs a reason) → staged for the J-LIS
//! upload dialog (the only time it touches a disk, in the private staging folder) → gone. Every
//! way out deletes it: the operator's 送信済み, a retake, the end of the visit, signing out, the
//! time limit, quitting. The clock is passed in, so the time limit is tested without waiting.
//!
//! Accepting is two steps so the use-case layer can tick the visit's `photo` service and write the
//! audit entry in one transaction while it holds the desk: [`Desk::check_accept`] says whether the
//! photo may be accepted now, [`Desk::mark_accepted`] records it once the transaction committed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::checks::Status;
use super::output::Jpeg;
use super::staging::{self, Staged, Staging, StagingError};
use super::Report;

/// Why a photo may be accepted with a warning. Only the code is ever kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptReason {
    /// Religious or medical reasons (a head covering).
    ReligiousMedical,
    /// An infant.
    Infant,
    /// A disability makes holding the pose hard.
    Disability,
    /// The equipment's limits (resolution).
    CameraLimit,
    /// Other, agreed with the applicant.
    Other,
}

impl AcceptReason {
    /// Every reason, in the order offered.
    pub const ALL: [AcceptReason; 5] = [
        Self::ReligiousMedical,
        Self::Infant,
        Self::Disability,
        Self::CameraLimit,
        Self::Other,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ReligiousMedical => "religious_medical",
            Self::Infant => "infant",
            Self::Disability => "disability",
            Self::CameraLimit => "camera_limit",
            Self::Other => "other",
        }
    }

    /// In Japanese.
    pub fn label(self) -> &'static str {
        match self {
            Self::ReligiousMedical => "宗教上・医療上の理由（被り物など）",
            Self::Infant => "乳幼児のため",
            Self::Disability => "障がい等により姿勢の保持が難しいため",
            Self::CameraLimit => "機材の制約（解像度など）",
            Self::Other => "その他（申請者の了承済み）",
        }
    }
}

/// Why a photo action cannot be done.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// No photo (none taken, deleted, or past the time limit).
    #[error("no photo")]
    NoPhoto,
    /// A failed photo cannot be accepted.
    #[error("the photo failed its checks")]
    Failed,
    /// A warning needs a reason to be accepted.
    #[error("a reason is required")]
    ReasonRequired,
    /// Uploading or printing needs an accepted photo.
    #[error("not accepted")]
    NotAccepted,
    /// The staging folder.
    #[error(transparent)]
    Staging(#[from] StagingError),
}

impl DeskError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoPhoto => "no_photo",
            Self::Failed => "photo_failed",
            Self::ReasonRequired => "reason_required",
            Self::NotAccepted => "not_accepted",
            Self::Staging(e) => e.code(),
        }
    }

    /// In Japanese, for the operator.
    pub fn message_ja(&self) -> String {
        match self {
            Self::NoPhoto => "採用できる写真がありません。撮影してください。".into(),
            Self::Failed => "基準を満たしていない写真は採用できません。撮り直してください。".into(),
            Self::ReasonRequired => "注意のある写真を採用する理由を選んでください。".into(),
            Self::NotAccepted => "先に写真を採用してください。".into(),
            Self::Staging(e) => e.message_ja(),
        }
    }
}

/// Where the held photo is in its short life.
#[derive(Debug)]
enum Stage {
    /// Checked, waiting for the operator.
    Captured,
    /// Accepted (a warning's reason went to the record of the acceptance).
    Accepted,
    /// Accepted and written to the staging folder for the upload dialog.
    Staged(Staged),
}

struct Held {
    report: Report,
    since: Instant,
    stage: Stage,
}

/// What the window may know of the desk (nothing of the photo itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// No photo.
    Empty,
    /// Captured and checked.
    Captured,
    /// Accepted.
    Accepted,
    /// Staged for the upload.
    Staged,
}

/// The photo desk.
pub struct Desk {
    staging_dir: PathBuf,
    max_age: Duration,
    held: Option<Held>,
    /// What lives as long as the photo (the private browser window of its upload): dropped,
    /// and so closed, when the photo goes.
    attached: Vec<Box<dyn Send>>,
    /// What lives as long as the visit (the J-LIS page opened from the application guide, where
    /// the citizen types an e-mail address): dropped when the visit ends or the operator leaves.
    for_visit: Option<Box<dyn Send>>,
}

impl Desk {
    /// An empty desk staging into `staging_dir`, deleting photos `max_age` after their capture.
    pub fn new(staging_dir: &Path, max_age: Duration) -> Self {
        Self {
            staging_dir: staging_dir.to_path_buf(),
            max_age,
            held: None,
            attached: Vec::new(),
            for_visit: None,
        }
    }

    /// Ties `thing` to the held photo: it is dropped when the photo is deleted, whatever deletes
    /// it. Without a photo it is dropped at once.
    pub fn attach(&mut self, thing: Box<dyn Send>) {
        if self.held.is_some() {
            self.attached.push(thing);
        }
    }

    /// Keeps `thing` until the visit ends ([`Desk::end_visit`]); the one kept before goes now.
    pub fn keep_for_visit(&mut self, thing: Box<dyn Send>) {
        self.for_visit = Some(thing);
    }

    /// The visit is over (ended, or the operator signed out): its photo and what lives with the
    /// visit go.
    pub fn end_visit(&mut self) {
        self.clear();
        self.for_visit = None;
    }

    /// The staging folder.
    pub fn staging_dir(&self) -> &Path {
        &self.staging_dir
    }

    /// Sets the time limit (from the settings).
    pub fn set_max_age(&mut self, max_age: Duration) {
        self.max_age = max_age;
    }

    /// Holds a new capture; the photo held before is deleted.
    pub fn capture(&mut self, report: Report, now: Instant) {
        self.clear();
        self.held = Some(Held {
            report,
            since: now,
            stage: Stage::Captured,
        });
    }

    /// Deletes the photo when its time is up; true when it did.
    pub fn expire(&mut self, now: Instant) -> bool {
        let due = self
            .held
            .as_ref()
            .is_some_and(|h| now.saturating_duration_since(h.since) >= self.max_age);
        if due {
            self.clear();
        }
        due
    }

    /// Where the photo is.
    pub fn state(&self) -> State {
        match self.held.as_ref().map(|h| &h.stage) {
            None => State::Empty,
            Some(Stage::Captured) => State::Captured,
            Some(Stage::Accepted) => State::Accepted,
            Some(Stage::Staged(_)) => State::Staged,
        }
    }

    /// The checked capture.
    pub fn report(&self) -> Option<&Report> {
        self.held.as_ref().map(|h| &h.report)
    }

    /// The cropped photo's JPEG, when the capture made one.
    pub fn photo(&self) -> Option<&Jpeg> {
        self.report().and_then(|r| r.output.as_ref())
    }

    /// Whether the held photo may be accepted now, and with which reason kept. Changes nothing.
    pub fn check_accept(
        &self,
        reason: Option<AcceptReason>,
        now: Instant,
    ) -> Result<Option<AcceptReason>, DeskError> {
        let held = self
            .held
            .as_ref()
            .filter(|h| h.report.output.is_some())
            .filter(|h| now.saturating_duration_since(h.since) < self.max_age)
            .ok_or(DeskError::NoPhoto)?;
        match held.report.verdict {
            Status::Fail => Err(DeskError::Failed),
            Status::Warn => reason.map(Some).ok_or(DeskError::ReasonRequired),
            Status::Pass => Ok(None),
        }
    }

    /// Records the acceptance [`Desk::check_accept`] allowed.
    pub fn mark_accepted(&mut self) {
        if let Some(h) = self.held.as_mut() {
            if matches!(h.stage, Stage::Captured) {
                h.stage = Stage::Accepted;
            }
        }
    }

    fn accepted_photo(&self) -> Result<&Jpeg, DeskError> {
        match self.held.as_ref() {
            Some(h) if !matches!(h.stage, Stage::Captured) => {
                h.report.output.as_ref().ok_or(DeskError::NoPhoto)
            }
            Some(_) => Err(DeskError::NotAccepted),
            None => Err(DeskError::NoPhoto),
        }
    }

    /// The accepted photo, for printing.
    pub fn printable(&self) -> Result<&Jpeg, DeskError> {
        self.accepted_photo()
    }

    /// Writes the accepted photo to the staging folder (once) and returns where it is.
    pub fn stage(&mut self) -> Result<&Staged, DeskError> {
        let jpeg = self.accepted_photo()?;
        if matches!(self.held.as_ref().map(|h| &h.stage), Some(Stage::Accepted)) {
            let staged = Staging::open(&self.staging_dir).and_then(|s| s.stage(&jpeg.bytes))?;
            if let Some(h) = self.held.as_mut() {
                h.stage = Stage::Staged(staged);
            }
        }
        match self.held.as_ref().map(|h| &h.stage) {
            Some(Stage::Staged(staged)) => Ok(staged),
            _ => Err(DeskError::NotAccepted),
        }
    }

    /// Deletes the photo: the JPEG and frames are wiped when dropped, a staged file is zeroed and
    /// unlinked.
    pub fn clear(&mut self) {
        self.attached.clear();
        if let Some(Held {
            stage: Stage::Staged(staged),
            ..
        }) = self.held.take()
        {
            let _ = staging::discard(&staged);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::checks::{Check, CheckId};

    fn report(verdict: Status) -> Report {
        Report {
            faces: 1,
            verdict,
            checks: vec![Check::new(CheckId::Faces, verdict, None, Some("理由"))],
            output: Some(Jpeg {
                bytes: b"\xFF\xD8photo\xFF\xD9".to_vec(),
                width: 827,
                height: 1063,
            }),
            face: None,
            head: None,
        }
    }

    fn files(dir: &Path) -> usize {
        std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
    }

    #[test]
    fn from_capture_to_upload_and_gone() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("stage");
        let mut desk = Desk::new(&dir, Duration::from_secs(600));
        let t0 = Instant::now();
        assert!(matches!(
            desk.check_accept(None, t0),
            Err(DeskError::NoPhoto)
        ));
        assert!(matches!(desk.stage(), Err(DeskError::NoPhoto)));
        desk.capture(report(Status::Pass), t0);
        assert_eq!(desk.state(), State::Captured);
        assert!(
            matches!(desk.stage(), Err(DeskError::NotAccepted)),
            "upload needs acceptance"
        );
        assert!(matches!(desk.printable(), Err(DeskError::NotAccepted)));
        let reason = desk.check_accept(Some(AcceptReason::Infant), t0).unwrap();
        assert_eq!(reason, None, "a passing photo keeps no reason");
        desk.mark_accepted();
        let path = desk.stage().unwrap().path.clone();
        assert!(path.exists());
        assert_eq!(desk.stage().unwrap().path, path, "staged once");
        assert_eq!(desk.state(), State::Staged);
        desk.clear();
        assert!(!path.exists(), "deleting the photo deletes the staged file");
        assert_eq!((desk.state(), files(&dir)), (State::Empty, 0));
    }

    #[test]
    fn warnings_need_a_reason_and_failures_cannot_be_accepted() {
        let root = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(root.path(), Duration::from_secs(600));
        let t0 = Instant::now();
        desk.capture(report(Status::Warn), t0);
        assert!(matches!(
            desk.check_accept(None, t0),
            Err(DeskError::ReasonRequired)
        ));
        assert_eq!(
            desk.check_accept(Some(AcceptReason::Disability), t0)
                .unwrap(),
            Some(AcceptReason::Disability)
        );
        desk.capture(report(Status::Fail), t0);
        assert!(matches!(
            desk.check_accept(Some(AcceptReason::Other), t0),
            Err(DeskError::Failed)
        ));
    }

    #[test]
    fn the_time_limit_deletes_and_an_expiring_photo_cannot_be_accepted() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("stage");
        let mut desk = Desk::new(&dir, Duration::from_secs(60));
        let t0 = Instant::now();
        desk.capture(report(Status::Pass), t0);
        let late = t0 + Duration::from_secs(60);
        assert!(
            matches!(desk.check_accept(None, late), Err(DeskError::NoPhoto)),
            "past the limit it is as good as gone, even before the watcher runs"
        );
        desk.mark_accepted();
        desk.stage().unwrap();
        assert_eq!(files(&dir), 1);
        assert!(!desk.expire(t0 + Duration::from_secs(59)));
        assert!(desk.expire(late));
        assert_eq!((desk.state(), files(&dir)), (State::Empty, 0));
        assert!(!desk.expire(late), "nothing left to delete");
    }

    #[test]
    fn a_new_capture_deletes_the_staged_one() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("stage");
        let mut desk = Desk::new(&dir, Duration::from_secs(600));
        let t0 = Instant::now();
        desk.capture(report(Status::Pass), t0);
        desk.mark_accepted();
        desk.stage().unwrap();
        desk.capture(report(Status::Pass), t0);
        assert_eq!((desk.state(), files(&dir)), (State::Captured, 0));
    }

    #[test]
    fn what_is_attached_to_the_photo_goes_with_it() {
        struct Flag(std::sync::Arc<std::sync::atomic::AtomicBool>);
        impl Drop for Flag {
            fn drop(&mut self) {
                self.0.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
        let root = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(root.path(), Duration::from_secs(60));
        let t0 = Instant::now();
        desk.capture(report(Status::Pass), t0);
        let gone = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        desk.attach(Box::new(Flag(gone.clone())));
        assert!(!gone.load(std::sync::atomic::Ordering::SeqCst));
        desk.expire(t0 + Duration::from_secs(60));
        assert!(
            gone.load(std::sync::atomic::Ordering::SeqCst),
            "the time limit closes it too"
        );
    }

    #[test]
    fn what_is_kept_for_the_visit_outlives_the_photo_not_the_visit() {
        use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
        struct Flag(std::sync::Arc<AtomicBool>);
        impl Drop for Flag {
            fn drop(&mut self) {
                self.0.store(true, SeqCst);
            }
        }
        let root = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(root.path(), Duration::from_secs(60));
        let gone = std::sync::Arc::new(AtomicBool::new(false));
        desk.keep_for_visit(Box::new(Flag(gone.clone())));
        desk.capture(report(Status::Pass), Instant::now());
        desk.clear();
        assert!(
            !gone.load(SeqCst),
            "the photo going does not close the J-LIS page"
        );
        desk.end_visit();
        assert!(gone.load(SeqCst), "the visit's end does");
    }

    #[test]
    fn every_reason_has_a_code_and_a_label() {
        for r in AcceptReason::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.code()));
            assert!(!r.label().is_empty());
        }
    }
}
