//! `madoguchi kiosk setup` and `remove`: the desktop user's session becomes a kiosk and back.
//!
//! Setup writes an XDG autostart entry that runs `madoguchi kiosk run` at login (any desktop that
//! follows the XDG autostart spec: GNOME, KDE, Xfce, LXQt …), switches the desktop's screen lock
//! and idle suspend off, and first writes down every value it replaces in a state file
//! (`~/.config/madoguchi/kiosk-session.json`). Running setup again keeps the first values, so
//! `remove` always restores what the PC had before the kiosk, and deletes only the files it wrote
//! (an autostart entry without our marker line is left alone).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::desktop_settings::{managed, DesktopSettings, Setting, FIXED};
use super::KioskError;

/// The line that marks an autostart entry as ours.
pub const MARKER: &str = "X-Madoguchi-Kiosk=1";

/// Where the desktop user's session files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPaths {
    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    pub config_home: PathBuf,
}

impl SessionPaths {
    /// From the environment (`XDG_CONFIG_HOME` when absolute, as the spec says; else `HOME`).
    /// Refused where there is no XDG desktop session (Windows).
    pub fn from_env() -> Result<Self, KioskError> {
        if !crate::platform::XDG_KIOSK_SESSION {
            return Err(KioskError::Unsupported);
        }
        let config_home = crate::platform::config_home().ok_or(KioskError::NoHome)?;
        Ok(Self { config_home })
    }

    /// The autostart entry.
    pub fn autostart(&self) -> PathBuf {
        self.config_home.join("autostart/madoguchi-kiosk.desktop")
    }

    /// What setup changed, for `remove`.
    pub fn state(&self) -> PathBuf {
        self.config_home.join("madoguchi/kiosk-session.json")
    }
}

/// A desktop setting setup replaced, with the value it had before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// GSettings schema.
    pub schema: String,
    /// Key.
    pub key: String,
    /// The value before the kiosk (GVariant text).
    pub before: String,
}

/// The state file: what the kiosk session changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    /// The command the autostart entry runs.
    pub exec: Vec<String>,
    /// The settings replaced (or managed: the idle delay), with their values before.
    pub saved: Vec<Saved>,
}

impl SessionState {
    /// The value `s` had before the kiosk, if setup saved it.
    pub fn before(&self, s: Setting) -> Option<&str> {
        self.saved
            .iter()
            .find(|v| v.schema == s.schema && v.key == s.key)
            .map(|v| v.before.as_str())
    }

    /// The state file, if the session is set up.
    pub fn load(paths: &SessionPaths) -> Result<Option<Self>, KioskError> {
        let path = paths.state();
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| KioskError::BadState(format!("{}（{e}）", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(KioskError::File { path, source }),
        }
    }
}

/// One setting setup changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingChange {
    /// `schema key`.
    pub setting: String,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
}

/// What setup did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetupReport {
    /// The autostart entry written.
    pub autostart: PathBuf,
    /// The state file written.
    pub state: PathBuf,
    /// Its command line.
    pub exec: String,
    /// The settings changed now.
    pub changed: Vec<SettingChange>,
    /// The settings this desktop does not have (not a GNOME session, or no `gsettings`).
    pub unavailable: Vec<String>,
    /// Setup had been run before (the first values before the kiosk are kept).
    pub again: bool,
}

/// What remove did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemoveReport {
    /// Files deleted.
    pub removed: Vec<PathBuf>,
    /// Settings put back to their values before the kiosk.
    pub restored: Vec<SettingChange>,
    /// What could not be done, and why.
    pub warnings: Vec<String>,
}

fn name(s: Setting) -> String {
    format!("{} {}", s.schema, s.key)
}

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> KioskError + '_ {
    move |source| KioskError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `text` to `path` through a temporary file and a rename (a half-written autostart entry
/// would not start the kiosk), readable by the user only when `private`.
fn write_file(path: &Path, text: &str, private: bool) -> Result<(), KioskError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(file_error(dir))?;
    let tmp = path.with_extension("tmp");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(&tmp).map_err(file_error(&tmp))?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(file_error(&tmp))?;
    fs::rename(&tmp, path).map_err(file_error(path))
}

/// One argument of a desktop entry's `Exec` line, quoted as the Desktop Entry spec asks.
fn exec_arg(arg: &str) -> String {
    let arg = arg.replace('%', "%%");
    let plain = !arg.is_empty()
        && !arg.chars().any(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\''
                        | '\\'
                        | '>'
                        | '<'
                        | '~'
                        | '|'
                        | '&'
                        | ';'
                        | '$'
                        | '*'
                        | '?'
                        | '#'
                        | '('
                        | ')'
                        | '`'
                        | '='
                )
        });
    if plain {
        return arg;
    }
    let mut quoted = String::from("\"");
    for c in arg.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// The `Exec` line for `command`.
pub fn exec_line(command: &[String]) -> String {
    command
        .iter()
        .map(|a| exec_arg(a))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The autostart entry that runs `command` at login.
pub fn autostart_entry(command: &[String]) -> String {
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Madoguchi kiosk\n\
         Name[ja]=窓口 キオスク\n\
         Comment=Starts the counter kiosk at login and again if it stops\n\
         Comment[ja]=ログインすると窓口アプリを起動し、止まったときは再起動します\n\
         Exec={}\n\
         Icon=madoguchi\n\
         Terminal=false\n\
         NoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\n\
         {MARKER}\n",
        exec_line(command)
    )
}

/// The command the autostart entry runs: this program, the data folder if one was named, and
/// `kiosk run`.
pub fn kiosk_command(program: &Path, data_dir: Option<&Path>) -> Vec<String> {
    let mut command = vec![program.display().to_string()];
    if let Some(dir) = data_dir {
        command.push("--data-dir".into());
        command.push(dir.display().to_string());
    }
    command.push("kiosk".into());
    command.push("run".into());
    command
}

/// Sets the session up to run `command` at login.
pub fn setup(
    paths: &SessionPaths,
    command: Vec<String>,
    desk: &mut dyn DesktopSettings,
) -> Result<SetupReport, KioskError> {
    let old = SessionState::load(paths)?;
    let again = old.is_some();
    let mut state = old.unwrap_or_default();
    state.exec = command;
    let mut unavailable = Vec::new();
    for s in managed() {
        match desk.get(s) {
            Some(now) if state.before(s).is_none() => state.saved.push(Saved {
                schema: s.schema.into(),
                key: s.key.into(),
                before: now,
            }),
            Some(_) => {}
            None => unavailable.push(name(s)),
        }
    }
    // The record first: whatever happens next, remove can undo it.
    let text = serde_json::to_string_pretty(&state).unwrap_or_default();
    write_file(&paths.state(), &text, true)?;
    let mut changed = Vec::new();
    for (s, value) in FIXED {
        let Some(before) = desk.get(*s) else { continue };
        if before == *value {
            continue;
        }
        match desk.set(*s, value) {
            Ok(()) => changed.push(SettingChange {
                setting: name(*s),
                before,
                after: (*value).to_string(),
            }),
            Err(why) => unavailable.push(format!("{}（{why}）", name(*s))),
        }
    }
    write_file(&paths.autostart(), &autostart_entry(&state.exec), false)?;
    Ok(SetupReport {
        autostart: paths.autostart(),
        state: paths.state(),
        exec: exec_line(&state.exec),
        changed,
        unavailable,
        again,
    })
}

/// Undoes [`setup`]: the settings back to their values before the kiosk, our files deleted.
pub fn remove(
    paths: &SessionPaths,
    desk: &mut dyn DesktopSettings,
) -> Result<RemoveReport, KioskError> {
    let state = SessionState::load(paths)?;
    let mut report = RemoveReport {
        removed: Vec::new(),
        restored: Vec::new(),
        warnings: Vec::new(),
    };
    let autostart = paths.autostart();
    match fs::read_to_string(&autostart) {
        Ok(text) if text.lines().any(|l| l.trim() == MARKER) => {
            fs::remove_file(&autostart).map_err(file_error(&autostart))?;
            report.removed.push(autostart);
        }
        Ok(_) => report.warnings.push(format!(
            "{} は窓口アプリが作ったものではないため、残しました。",
            autostart.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(KioskError::File {
                path: autostart,
                source,
            })
        }
    }
    if let Some(state) = &state {
        for saved in &state.saved {
            let Some(s) = managed().find(|s| s.schema == saved.schema && s.key == saved.key) else {
                continue;
            };
            let now = desk.get(s).unwrap_or_default();
            if now == saved.before {
                continue;
            }
            match desk.set(s, &saved.before) {
                Ok(()) => report.restored.push(SettingChange {
                    setting: name(s),
                    before: now,
                    after: saved.before.clone(),
                }),
                Err(why) => report
                    .warnings
                    .push(format!("{} を元に戻せませんでした（{why}）", name(s))),
            }
        }
        let path = paths.state();
        fs::remove_file(&path).map_err(file_error(&path))?;
        report.removed.push(path);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::super::desktop_settings::fake::Fake;
    use super::super::desktop_settings::{IDLE_DELAY, LOCK, SUSPEND};
    use super::*;

    fn gnome() -> Fake {
        let mut f = Fake::default();
        f.0.insert((LOCK.schema, LOCK.key), "true".into());
        f.0.insert((SUSPEND.schema, SUSPEND.key), "'suspend'".into());
        f.0.insert((IDLE_DELAY.schema, IDLE_DELAY.key), "uint32 300".into());
        f
    }

    fn paths(dir: &Path) -> SessionPaths {
        SessionPaths {
            config_home: dir.join(".config"),
        }
    }

    #[test]
    fn setup_then_remove_leaves_the_desktop_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let mut desk = gnome();
        let before = desk.clone();
        let cmd = kiosk_command(Path::new("/usr/bin/madoguchi"), None);
        let r = setup(&p, cmd, &mut desk).unwrap();
        assert!(!r.again);
        assert_eq!(r.exec, "/usr/bin/madoguchi kiosk run");
        assert_eq!(desk.get(LOCK).as_deref(), Some("false"));
        assert_eq!(desk.get(SUSPEND).as_deref(), Some("'nothing'"));
        // The idle delay is the opening hours' business, not setup's.
        assert_eq!(desk.get(IDLE_DELAY).as_deref(), Some("uint32 300"));
        let entry = fs::read_to_string(p.autostart()).unwrap();
        assert!(entry.contains("Exec=/usr/bin/madoguchi kiosk run\n"));
        assert!(entry.contains(MARKER));
        // Setup again (a newer package, say) keeps the values from before the kiosk.
        let r = setup(
            &p,
            kiosk_command(Path::new("/usr/bin/madoguchi"), None),
            &mut desk,
        )
        .unwrap();
        assert!(r.again);
        assert!(r.changed.is_empty());
        let removed = remove(&p, &mut desk).unwrap();
        assert_eq!(removed.removed.len(), 2);
        assert_eq!(desk.0, before.0);
        assert!(!p.autostart().exists() && !p.state().exists());
    }

    #[test]
    fn a_desktop_without_the_settings_gets_the_autostart_and_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let mut desk = Fake::default();
        let r = setup(&p, vec!["madoguchi".into()], &mut desk).unwrap();
        assert_eq!(r.unavailable.len(), 3);
        assert!(p.autostart().exists());
        assert!(remove(&p, &mut desk).unwrap().warnings.is_empty());
    }

    #[test]
    fn remove_leaves_an_entry_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        write_file(&p.autostart(), "[Desktop Entry]\nExec=other\n", false).unwrap();
        let r = remove(&p, &mut Fake::default()).unwrap();
        assert!(r.removed.is_empty());
        assert_eq!(r.warnings.len(), 1);
        assert!(p.autostart().exists());
    }

    #[test]
    fn a_broken_state_file_is_refused_not_guessed() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        write_file(&p.state(), "{not json", true).unwrap();
        assert!(matches!(
            remove(&p, &mut gnome()),
            Err(KioskError::BadState(_))
        ));
    }

    #[test]
    fn exec_arguments_are_quoted_as_the_spec_asks() {
        let cmd = kiosk_command(
            Path::new("/opt/窓口 app/madoguchi"),
            Some(Path::new("/srv/data $x/100%")),
        );
        assert_eq!(
            exec_line(&cmd),
            r#""/opt/窓口 app/madoguchi" --data-dir "/srv/data \$x/100%%" kiosk run"#
        );
    }
}
