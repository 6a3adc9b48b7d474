//! `madoguchi kiosk run`: the kiosk as a child process, started again when it dies.
//!
//! A kiosk that ends with status 0 was closed on purpose (a site manager signed for it, or a
//! second start handed over to the kiosk already running): the supervisor ends too. Status 2 is a
//! command line the program refused and 3 another kiosk holding the PC: starting again would not
//! change either, so the supervisor ends with it. Anything else — a crash, a signal, an
//! out-of-memory kill — is a restart: recorded, then after a pause that doubles while the kiosk
//! keeps dying within a minute of its start (1 s, 2 s, 4 s … at most 60 s), so a kiosk that cannot
//! start does not spin the CPU, and one that ran a while comes back at once.

use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::KioskError;

/// The environment variable that tells the kiosk it runs in the kiosk session.
pub const SESSION_ENV: &str = "MADOGUCHI_KIOSK_SESSION";

/// The restart pauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// A kiosk that ran at least this long before dying is restarted after `first_pause`.
    pub quick: Duration,
    /// The first pause.
    pub first_pause: Duration,
    /// The longest pause.
    pub max_pause: Duration,
    /// How often the supervisor's `tick` runs while the kiosk runs.
    pub tick: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            quick: Duration::from_secs(60),
            first_pause: Duration::from_secs(1),
            max_pause: Duration::from_secs(60),
            tick: Duration::from_secs(30),
        }
    }
}

/// How a kiosk process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "ended", rename_all = "snake_case")]
pub enum Ended {
    /// Closed on purpose (status 0).
    Closed,
    /// The command line was refused (status 2).
    Refused,
    /// Another kiosk holds this PC (status 3).
    AlreadyRunning,
    /// Died: a status other than those, or a signal.
    Died {
        /// The exit status, if it exited.
        code: Option<i32>,
        /// The signal that ended it, if one did.
        signal: Option<i32>,
    },
}

impl Ended {
    /// From a process's exit status.
    pub fn from_status(status: ExitStatus) -> Self {
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&status);
        #[cfg(not(unix))]
        let signal = None;
        match (status.code(), signal) {
            (Some(0), _) => Self::Closed,
            (Some(2), _) => Self::Refused,
            (Some(3), _) => Self::AlreadyRunning,
            (code, signal) => Self::Died { code, signal },
        }
    }

    /// In Japanese, for the audit trail.
    pub fn describe(&self) -> String {
        match self {
            Self::Closed => "終了操作で終了".into(),
            Self::Refused => "起動の指定が正しくないため終了".into(),
            Self::AlreadyRunning => "ほかの窓口アプリが起動中のため終了".into(),
            Self::Died {
                signal: Some(s), ..
            } => format!("シグナル {s}（{}）で停止", signal_name(*s)),
            Self::Died { code: Some(c), .. } => format!("終了コード {c} で停止"),
            Self::Died { .. } => "不明な理由で停止".into(),
        }
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        6 => "SIGABRT：異常終了",
        9 => "SIGKILL：強制終了",
        11 => "SIGSEGV：メモリ違反",
        15 => "SIGTERM：終了要求",
        _ => "その他",
    }
}

/// One restart, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restart {
    /// How many restarts this supervisor has made, this one included.
    pub count: u32,
    /// How the kiosk ended.
    pub ended: Ended,
    /// How long it had run, in seconds.
    pub ran_secs: u64,
    /// The pause before the new start, in milliseconds.
    pub pause_ms: u64,
}

impl Restart {
    /// The audit trail's detail line.
    pub fn detail(&self) -> String {
        format!(
            "{}（起動から {} 秒）。{} 回目の再起動、{:.1} 秒後",
            self.ended.describe(),
            self.ran_secs,
            self.count,
            self.pause_ms as f64 / 1000.0
        )
    }
}

/// The pause before the next start.
#[derive(Debug, Clone)]
pub struct Backoff {
    policy: Policy,
    next: Duration,
}

impl Backoff {
    /// A fresh back-off.
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            next: policy.first_pause,
        }
    }

    /// The pause after a kiosk that ran `ran`.
    pub fn pause_after(&mut self, ran: Duration) -> Duration {
        if ran >= self.policy.quick {
            self.next = self.policy.first_pause;
        }
        let pause = self.next;
        self.next = (self.next * 2).min(self.policy.max_pause);
        pause
    }
}

/// Runs `command` until it ends on purpose: restarts it when it dies, calling `on_restart`
/// before each new start, and `tick` every `policy.tick` (and once at the start).
pub fn run(
    mut command: impl FnMut() -> Command,
    policy: Policy,
    mut on_restart: impl FnMut(&Restart),
    mut tick: impl FnMut(),
) -> Result<Ended, KioskError> {
    let mut backoff = Backoff::new(policy);
    let mut count = 0;
    let mut last_tick = Instant::now();
    tick();
    loop {
        let started = Instant::now();
        let mut child = command()
            .spawn()
            .map_err(|e| KioskError::Spawn(e.to_string()))?;
        let status = wait(&mut child, policy.tick, &mut last_tick, &mut tick)?;
        let ended = Ended::from_status(status);
        if !matches!(ended, Ended::Died { .. }) {
            return Ok(ended);
        }
        count += 1;
        let pause = backoff.pause_after(started.elapsed());
        on_restart(&Restart {
            count,
            ended,
            ran_secs: started.elapsed().as_secs(),
            pause_ms: pause.as_millis() as u64,
        });
        std::thread::sleep(pause);
    }
}

fn wait(
    child: &mut Child,
    every: Duration,
    last_tick: &mut Instant,
    tick: &mut impl FnMut(),
) -> Result<ExitStatus, KioskError> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) => {}
            Err(e) => return Err(KioskError::Spawn(e.to_string())),
        }
        if last_tick.elapsed() >= every {
            *last_tick = Instant::now();
            tick();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fast() -> Policy {
        Policy {
            quick: Duration::from_secs(60),
            first_pause: Duration::from_millis(10),
            max_pause: Duration::from_millis(40),
            tick: Duration::from_millis(50),
        }
    }

    #[test]
    fn pauses_double_while_the_kiosk_dies_fast_and_reset_after_a_long_run() {
        let mut b = Backoff::new(Policy::default());
        let quick = Duration::from_secs(2);
        let secs = |d: Duration| d.as_secs();
        let pauses: Vec<u64> = (0..8).map(|_| secs(b.pause_after(quick))).collect();
        assert_eq!(pauses, [1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(
            b.pause_after(Duration::from_secs(3600)),
            Duration::from_secs(1)
        );
        assert_eq!(b.pause_after(quick), Duration::from_secs(2));
    }

    /// A child that dies by a signal twice (a counter file says how often it ran), then closes.
    #[test]
    fn a_killed_kiosk_is_started_again_and_a_closed_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let runs = dir.path().join("runs");
        let script = format!(
            "echo x >> '{0}'; n=$(wc -l < '{0}'); if [ $n -lt 3 ]; then kill -9 $$; fi; exit 0",
            runs.display()
        );
        let mut restarts = Vec::new();
        let ended = run(
            || {
                let mut c = Command::new("sh");
                c.args(["-c", &script]);
                c
            },
            fast(),
            |r| restarts.push(r.clone()),
            || {},
        )
        .unwrap();
        assert_eq!(ended, Ended::Closed);
        assert_eq!(restarts.len(), 2);
        assert_eq!(
            restarts[0].ended,
            Ended::Died {
                code: None,
                signal: Some(9)
            }
        );
        assert_eq!((restarts[0].pause_ms, restarts[1].pause_ms), (10, 20));
        assert!(
            restarts[1].detail().contains("SIGKILL"),
            "{}",
            restarts[1].detail()
        );
        assert_eq!(std::fs::read_to_string(&runs).unwrap().lines().count(), 3);
    }

    #[test]
    fn a_refused_command_line_or_a_second_kiosk_is_not_restarted() {
        for (code, want) in [(2, Ended::Refused), (3, Ended::AlreadyRunning)] {
            let mut restarts = 0;
            let ended = run(
                || {
                    let mut c = Command::new("sh");
                    c.args(["-c", &format!("exit {code}")]);
                    c
                },
                fast(),
                |_| restarts += 1,
                || {},
            )
            .unwrap();
            assert_eq!((ended, restarts), (want, 0));
        }
    }

    #[test]
    fn a_crash_status_is_a_restart_and_ticks_run_while_the_kiosk_runs() {
        let dir = tempfile::tempdir().unwrap();
        let runs = dir.path().join("runs");
        let script = format!(
            "echo x >> '{0}'; sleep 0.3; [ $(wc -l < '{0}') -lt 2 ] && exit 101; exit 0",
            runs.display()
        );
        let (mut restarts, mut ticks) = (Vec::new(), 0);
        run(
            || {
                let mut c = Command::new("sh");
                c.args(["-c", &script]);
                c
            },
            fast(),
            |r| restarts.push(r.ended),
            || ticks += 1,
        )
        .unwrap();
        assert_eq!(
            restarts,
            [Ended::Died {
                code: Some(101),
                signal: None
            }]
        );
        assert!(ticks >= 3, "{ticks}");
    }
}
