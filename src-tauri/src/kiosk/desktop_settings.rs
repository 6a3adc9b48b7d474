//! The desktop's own settings that fight a kiosk: the screen lock, the idle blanking and the
//! automatic suspend. GNOME keeps them in GSettings (`gsettings`, on X11 and Wayland alike); a
//! desktop without them (no `gsettings`, or not the schema) is left alone and said so.

use std::process::Command;

/// One desktop setting: a GSettings schema and key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The schema, e.g. `org.gnome.desktop.screensaver`.
    pub schema: &'static str,
    /// The key, e.g. `lock-enabled`.
    pub key: &'static str,
}

/// The screen lock after blanking: off for good (the kiosk signs staff out itself when idle; a
/// locked desktop would hide the citizen display behind a password prompt).
pub const LOCK: Setting = Setting {
    schema: "org.gnome.desktop.screensaver",
    key: "lock-enabled",
};
/// Seconds of idleness before the screen blanks: 0 (never) during opening hours only.
pub const IDLE_DELAY: Setting = Setting {
    schema: "org.gnome.desktop.session",
    key: "idle-delay",
};
/// Suspend on idle (on mains power): never, a kiosk must be reachable and keep its timers.
pub const SUSPEND: Setting = Setting {
    schema: "org.gnome.settings-daemon.plugins.power",
    key: "sleep-inactive-ac-type",
};

/// What setup sets for good (the idle delay follows the opening hours: see `awake`).
pub const FIXED: &[(Setting, &str)] = &[(LOCK, "false"), (SUSPEND, "'nothing'")];

/// Every setting the kiosk session changes: the fixed ones and the idle delay. Setup saves each
/// one's value from before; remove puts it back.
pub fn managed() -> impl Iterator<Item = Setting> {
    FIXED.iter().map(|(s, _)| *s).chain([IDLE_DELAY])
}

/// Reads and writes desktop settings; values are GVariant text (`uint32 300`, `false`, `'x'`).
pub trait DesktopSettings {
    /// The current value, or `None` when this desktop has no such setting.
    fn get(&self, s: Setting) -> Option<String>;
    /// Sets a value; the reason when it could not.
    fn set(&mut self, s: Setting, value: &str) -> Result<(), String>;
}

/// GNOME's settings through the `gsettings` program.
#[derive(Debug, Default)]
pub struct Gsettings;

impl DesktopSettings for Gsettings {
    fn get(&self, s: Setting) -> Option<String> {
        let out = Command::new("gsettings")
            .args(["get", s.schema, s.key])
            .output()
            .ok()?;
        let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !value.is_empty()).then_some(value)
    }

    fn set(&mut self, s: Setting, value: &str) -> Result<(), String> {
        let out = Command::new("gsettings")
            .args(["set", s.schema, s.key, value])
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

#[cfg(test)]
pub mod fake {
    //! An in-memory desktop for the unit tests.
    use super::*;
    use std::collections::HashMap;

    /// Settings in a map; a key missing from it is a setting this desktop does not have.
    #[derive(Debug, Default, Clone)]
    pub struct Fake(pub HashMap<(&'static str, &'static str), String>);

    impl DesktopSettings for Fake {
        fn get(&self, s: Setting) -> Option<String> {
            self.0.get(&(s.schema, s.key)).cloned()
        }
        fn set(&mut self, s: Setting, value: &str) -> Result<(), String> {
            match self.0.get_mut(&(s.schema, s.key)) {
                Some(v) => {
                    *v = value.to_string();
                    Ok(())
                }
                None => Err("No such schema".into()),
            }
        }
    }
}
