//! The printer's state from CUPS: the queue exists, is enabled (not stopped) and accepts jobs.
//! Read with `lpstat` in the C locale (`lpstat -d`, `-p QUEUE`, `-a QUEUE`); its output is parsed
//! here, so the rule is tested on the texts CUPS writes.

use std::process::Command;

/// What CUPS says about the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterState {
    /// Ready: enabled and accepting jobs (idle or printing).
    Ready {
        /// The queue.
        queue: String,
        /// `idle` or what it is printing.
        doing: String,
    },
    /// The queue is stopped (disabled), e.g. after a paper jam or an error.
    Stopped {
        /// The queue.
        queue: String,
        /// CUPS's reason, if it gave one.
        reason: String,
    },
    /// The queue refuses new jobs.
    Rejecting {
        /// The queue.
        queue: String,
    },
    /// No such queue, or no default and none set.
    NoQueue {
        /// The queue asked for (empty: the default).
        queue: String,
    },
    /// CUPS cannot be asked (not installed, not running).
    Unavailable(String),
}

impl PrinterState {
    /// Passed.
    pub fn ok(&self) -> bool {
        matches!(self, Self::Ready { .. })
    }

    /// In Japanese.
    pub fn detail(&self) -> String {
        match self {
            Self::Ready { queue, doing } => format!(
                "{queue}：使用できます（{}）",
                if doing == "idle" { "待機中" } else { "印刷中" }
            ),
            Self::Stopped { queue, reason } => format!(
                "{queue}：停止しています{}。用紙・インクを確認し、プリンターの画面のエラーを解除してから、プリンターを再開してください（cupsenable {queue}）",
                if reason.is_empty() { String::new() } else { format!("（{reason}）") }
            ),
            Self::Rejecting { queue } => format!(
                "{queue}：印刷を受け付けていません。受け付けを再開してください（cupsaccept {queue}）"
            ),
            Self::NoQueue { queue } if queue.is_empty() => {
                "既定のプリンターがありません。プリンターを接続して設定するか、開設前点検の設定でプリンター名を指定してください".into()
            }
            Self::NoQueue { queue } => format!("プリンター「{queue}」がありません。接続と設定を確認してください"),
            Self::Unavailable(why) => format!("プリンターの状態を確認できません（{why}）"),
        }
    }
}

/// The default destination from `lpstat -d`.
pub fn parse_default(lpstat_d: &str) -> Option<String> {
    lpstat_d.lines().find_map(|l| {
        l.trim()
            .strip_prefix("system default destination:")
            .map(|q| q.trim().to_string())
            .filter(|q| !q.is_empty())
    })
}

/// The state of `queue` from `lpstat -p QUEUE` and `lpstat -a QUEUE` (C locale).
pub fn parse(queue: &str, lpstat_p: &str, lpstat_a: &str) -> PrinterState {
    let head = format!("printer {queue} ");
    let mut lines = lpstat_p.lines();
    let Some(first) = lines.by_ref().find(|l| l.starts_with(&head)) else {
        return PrinterState::NoQueue {
            queue: queue.into(),
        };
    };
    let rest = &first[head.len()..];
    // Indented lines after it hold the reason ("\tPaused", "\tmedia-empty-error" …).
    let reason = lines
        .take_while(|l| l.starts_with(char::is_whitespace))
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "reason unknown")
        .collect::<Vec<_>>()
        .join("、");
    if rest.starts_with("disabled") || rest.contains(" disabled since") {
        return PrinterState::Stopped {
            queue: queue.into(),
            reason,
        };
    }
    let rejecting = lpstat_a.lines().any(|l| {
        l.strip_prefix(queue)
            .is_some_and(|r| r.trim_start().starts_with("not accepting"))
    });
    if rejecting {
        return PrinterState::Rejecting {
            queue: queue.into(),
        };
    }
    let doing = if rest.starts_with("now printing") {
        "printing"
    } else {
        "idle"
    };
    PrinterState::Ready {
        queue: queue.into(),
        doing: doing.into(),
    }
}

fn lpstat(args: &[&str]) -> Result<String, String> {
    let out = Command::new("lpstat")
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "CUPS（lpstat）がインストールされていません".to_string()
            }
            _ => e.to_string(),
        })?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("Unable to connect to server") || err.contains("scheduler is not running") {
        return Err("CUPS が動いていません".into());
    }
    Ok(text)
}

/// Asks CUPS about `queue` (empty: the system's default).
pub fn query(queue: &str) -> PrinterState {
    let queue = if queue.is_empty() {
        match lpstat(&["-d"]) {
            Err(e) => return PrinterState::Unavailable(e),
            Ok(text) => match parse_default(&text) {
                Some(q) => q,
                None => {
                    return PrinterState::NoQueue {
                        queue: String::new(),
                    }
                }
            },
        }
    } else {
        queue.to_string()
    };
    let p = match lpstat(&["-p", &queue]) {
        Ok(t) => t,
        Err(e) => return PrinterState::Unavailable(e),
    };
    let a = lpstat(&["-a", &queue]).unwrap_or_default();
    parse(&queue, &p, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_destination() {
        assert_eq!(
            parse_default("system default destination: Canon_SELPHY_CP1500\n"),
            Some("Canon_SELPHY_CP1500".into())
        );
        assert_eq!(parse_default("no system default destination\n"), None);
        assert_eq!(parse_default(""), None);
    }

    #[test]
    fn states_as_cups_writes_them() {
        let accepting = "EPSON_EW accepting requests since Sat 28 Nov 2026 08:10:00 AM JST\n";
        let idle = "printer EPSON_EW is idle.  enabled since Sat 28 Nov 2026 08:10:00 AM JST\n";
        assert_eq!(
            parse("EPSON_EW", idle, accepting),
            PrinterState::Ready {
                queue: "EPSON_EW".into(),
                doing: "idle".into()
            }
        );
        let printing = "printer EPSON_EW now printing EPSON_EW-12.  enabled since Sat 28 Nov 2026 08:10:00 AM JST\n";
        assert!(parse("EPSON_EW", printing, accepting).ok());
        let stopped = "printer EPSON_EW disabled since Sat 28 Nov 2026 08:12:01 AM JST -\n\tmedia-empty-error\n";
        assert_eq!(
            parse("EPSON_EW", stopped, accepting),
            PrinterState::Stopped {
                queue: "EPSON_EW".into(),
                reason: "media-empty-error".into()
            }
        );
        let paused =
            "printer EPSON_EW disabled since Sat 28 Nov 2026 08:12:01 AM JST -\n\treason unknown\n";
        let s = parse("EPSON_EW", paused, accepting);
        assert!(!s.ok());
        assert!(s.detail().contains("cupsenable EPSON_EW"), "{}", s.detail());
        let rejecting = "EPSON_EW not accepting requests since Sat 28 Nov 2026 08:12:01 AM JST -\n\tRejecting Jobs\n";
        assert_eq!(
            parse("EPSON_EW", idle, rejecting),
            PrinterState::Rejecting {
                queue: "EPSON_EW".into()
            }
        );
        // Another queue whose name starts with ours does not count as ours.
        let other = "printer EPSON_EW2 is idle.  enabled since Sat 28 Nov 2026\n";
        assert_eq!(
            parse("EPSON_EW", other, ""),
            PrinterState::NoQueue {
                queue: "EPSON_EW".into()
            }
        );
        assert!(!parse("EPSON_EW", "", "").ok());
    }
}
