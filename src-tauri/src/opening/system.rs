//! The opening check on this PC: the network through [`Prober`] (all targets at once), the
//! printer through CUPS, free disk through the platform; the camera and the card reader through
//! what the caller gives (the app's own camera and reader panel, or the command line's direct
//! look), since only the caller knows whether they are simulated or already in use.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::printer::{self, PrinterState};
use super::{Equipment, Target};
use crate::camera::{CameraError, FrameSource};
use crate::netcheck::{Cause, Probe, Prober};

/// Asks the camera.
pub type CameraCheck = Box<dyn Fn() -> Result<String, String> + Send + Sync>;
/// Lists the card readers.
pub type ReaderCheck = Box<dyn Fn() -> Result<Vec<String>, String> + Send + Sync>;

/// This PC's equipment.
pub struct SystemEquipment {
    /// The data folder (its disk is the one checked).
    pub data_dir: PathBuf,
    /// The time limit of each network step.
    pub timeout: Duration,
    /// The camera check.
    pub camera: CameraCheck,
    /// The card reader check.
    pub readers: ReaderCheck,
}

/// Probes every target at once; the slowest sets the time, not their sum.
pub fn probe_all(targets: &[Target], ca_file: &str, timeout: Duration) -> Vec<Probe> {
    let ca = (!ca_file.is_empty()).then(|| Path::new(ca_file));
    let prober = match Prober::new(ca, timeout) {
        Ok(p) => p,
        Err(e) => {
            return targets
                .iter()
                .map(|t| {
                    Probe::failed(
                        &t.url,
                        Cause::BadTarget,
                        format!("CA ファイルを読めません：{e}"),
                    )
                })
                .collect()
        }
    };
    std::thread::scope(|s| {
        let running: Vec<_> = targets
            .iter()
            .map(|t| {
                let prober = prober.clone();
                s.spawn(move || prober.probe(&t.url))
            })
            .collect();
        running.into_iter().filter_map(|h| h.join().ok()).collect()
    })
}

/// Opens `source` and takes one frame (wiped at once): what was received, or why not.
pub fn one_frame(source: Result<Box<dyn FrameSource>, CameraError>) -> Result<String, String> {
    let mut source = source.map_err(|e| e.message_ja())?;
    let mut frame = source.grab().map_err(|e| e.message_ja())?;
    let (w, h) = frame.dimensions();
    crate::camera::wipe(&mut frame);
    Ok(format!("{}：{w}×{h} の映像を受信しました", source.name()))
}

impl Equipment for SystemEquipment {
    fn network(&self, targets: &[Target], ca_file: &str) -> Vec<Probe> {
        probe_all(targets, ca_file, self.timeout)
    }

    fn camera(&self) -> Result<String, String> {
        (self.camera)()
    }

    fn card_readers(&self) -> Result<Vec<String>, String> {
        (self.readers)()
    }

    fn printer(&self, queue: &str) -> PrinterState {
        printer::query(queue)
    }

    fn free_disk(&self) -> Option<u64> {
        crate::platform::free_space(&self.data_dir)
    }
}
