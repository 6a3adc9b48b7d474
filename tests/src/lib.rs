//! End-to-end harness: starts Xvfb (unless a display is given), tauri-driver and through it the
//! real `madoguchi` binary in demo mode with a fresh data directory, and drives the operator window
//! with a minimal W3C WebDriver client. Everything it starts is stopped and reaped on drop.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// A failure of the harness or of a WebDriver call.
pub type Result<T> = std::result::Result<T, String>;

/// The binary under test: `MADOGUCHI_BIN`, else `target/debug/madoguchi` in the cargo target dir.
pub fn binary() -> PathBuf {
    if let Some(p) = std::env::var_os("MADOGUCHI_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug/madoguchi")
}

/// Where a test writes screenshots: `test-output/<test>/` at the workspace root.
pub fn output_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../test-output")
        .join(test);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A connectivity check on loopback for the opening check and the network watch: answers every
/// request `204` while `up`, else `503`. Its port.
pub fn connectivity_check(up: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Result<u16> {
    use std::io::Read;
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 2048];
            let _ = s.read(&mut buf);
            let answer: &[u8] = if up.load(std::sync::atomic::Ordering::SeqCst) {
                b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            } else {
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            };
            let _ = s.write_all(answer);
        }
    });
    Ok(port)
}

/// Two different free ports: both are held while the second is chosen, so they never coincide.
fn two_free_ports() -> Result<(u16, u16)> {
    let a = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let b = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = |l: &TcpListener| l.local_addr().map(|a| a.port()).map_err(|e| e.to_string());
    Ok((port(&a)?, port(&b)?))
}

/// Starts tauri-driver (and through it WebKitWebDriver) and waits for it to answer `/status`.
/// A port can be taken by another process between choosing it and the driver binding it (CI met a
/// driver that never answered), so a driver that exits or stays silent for 15 s is stopped and
/// started again on new ports, three times at most; its output goes to `tauri-driver.log` in
/// `dir` and the last lines are in the error.
fn start_driver(
    display: &str,
    dir: &Path,
    env: &[(&str, &str)],
) -> Result<(Reaped, ureq::Agent, String)> {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build();
    let log_path = dir.join("tauri-driver.log");
    let mut last = String::new();
    for attempt in 1..=3 {
        let (port, native_port) = two_free_ports()?;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|e| e.to_string())?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", display)
            .env("XDG_DATA_HOME", dir.join("xdg"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .envs(env.iter().copied())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| {
                format!("tauri-driver を起動できません（{e}）: cargo install tauri-driver --locked")
            })?;
        let mut driver = Reaped(child);
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if agent.get(&format!("{base}/status")).call().is_ok() {
                return Ok((driver, agent, base));
            }
            if let Ok(Some(status)) = driver.0.try_wait() {
                last = format!("attempt {attempt}: tauri-driver exited ({status})");
                break;
            }
            if Instant::now() > deadline {
                last = format!("attempt {attempt}: no answer on port {port} in 15 s");
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        drop(driver);
    }
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(20).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Err(format!(
        "tauri-driver did not answer ({last}); its output:\n{}",
        tail.join("\n")
    ))
}

struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        // SIGTERM first, so Xvfb removes its lock file and socket; SIGKILL if it lingers.
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether display `n` is taken by a running X server. A lock left by a killed server (its pid
/// gone) is removed, with its socket.
fn display_taken(n: u32) -> bool {
    let lock = format!("/tmp/.X{n}-lock");
    let socket = format!("/tmp/.X11-unix/X{n}");
    match std::fs::read_to_string(&lock) {
        Ok(text) => {
            let alive = text
                .trim()
                .parse::<u32>()
                .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
            if !alive {
                let _ = std::fs::remove_file(&lock);
                let _ = std::fs::remove_file(&socket);
            }
            alive
        }
        Err(_) => Path::new(&socket).exists(),
    }
}

/// A running kiosk under WebDriver.
pub struct Kiosk {
    agent: ureq::Agent,
    base: String,
    session: String,
    /// The X display it runs on.
    pub display: String,
    /// Its data directory (removed on drop).
    pub data_dir: tempfile_dir::TempDir,
    _driver: Reaped,
    _xvfb: Option<Reaped>,
}

/// A tiny temporary directory, so the harness needs no extra crate.
pub mod tempfile_dir {
    use std::path::{Path, PathBuf};

    /// Removed on drop.
    pub struct TempDir(PathBuf);

    impl TempDir {
        /// A new empty directory under the system temp dir.
        pub fn new(prefix: &str) -> std::io::Result<Self> {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let p = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&p)?;
            Ok(Self(p))
        }

        /// Its path.
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// An X display for a test that drives no WebDriver session: `MADOGUCHI_E2E_DISPLAY`, else a
/// private Xvfb stopped on drop.
pub struct XDisplay {
    /// The display name, e.g. `:93`.
    pub name: String,
    _xvfb: Option<Reaped>,
}

impl XDisplay {
    /// The display to use.
    pub fn start() -> Result<Self> {
        match std::env::var("MADOGUCHI_E2E_DISPLAY") {
            Ok(d) if !d.is_empty() => Ok(Self {
                name: d,
                _xvfb: None,
            }),
            _ => {
                let (name, xvfb) = start_xvfb()?;
                Ok(Self {
                    name,
                    _xvfb: Some(xvfb),
                })
            }
        }
    }

    /// The X windows titled `title` (xdotool).
    pub fn windows(&self, title: &str) -> Vec<String> {
        Command::new("xdotool")
            .args(["search", "--name", title])
            .env("DISPLAY", &self.name)
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a PNG of the whole screen.
    pub fn screenshot(&self, file: &Path) -> Result<()> {
        let ok = Command::new("import")
            .args(["-window", "root", &file.display().to_string()])
            .env("DISPLAY", &self.name)
            .status()
            .map_err(|e| format!("import: {e}"))?
            .success();
        ok.then_some(()).ok_or_else(|| "import failed".to_string())
    }
}

fn start_xvfb() -> Result<(String, Reaped)> {
    for n in 90..120 {
        if display_taken(n) {
            continue;
        }
        let display = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "2560x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("Xvfb を起動できません（{e}）: apt-get install xvfb"))?;
        let xvfb = Reaped(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return Ok((display, xvfb));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        return Err("Xvfb did not come up".into());
    }
    Err("no free X display number".into())
}

impl Kiosk {
    /// Starts everything and opens a WebDriver session on the app in demo mode.
    pub fn start() -> Result<Self> {
        Self::start_with(true, |_| Ok(()))
    }

    /// Like [`Kiosk::start`]; `prepare` may put files in the app's data directory first, and
    /// `demo` chooses demo mode.
    pub fn start_with(
        demo: bool,
        prepare: impl FnOnce(&Path) -> std::io::Result<()>,
    ) -> Result<Self> {
        Self::start_full(demo, &[], prepare)
    }

    /// Like [`Kiosk::start_with`], with extra environment variables for the app.
    pub fn start_full(
        demo: bool,
        env: &[(&str, &str)],
        prepare: impl FnOnce(&Path) -> std::io::Result<()>,
    ) -> Result<Self> {
        let bin = binary();
        if !bin.exists() {
            return Err(format!(
                "{} がありません。先に `cargo build` を実行してください。",
                bin.display()
            ));
        }
        let (display, xvfb) = match std::env::var("MADOGUCHI_E2E_DISPLAY") {
            Ok(d) if !d.is_empty() => (d, None),
            _ => {
                let (d, x) = start_xvfb()?;
                (d, Some(x))
            }
        };
        let data_dir = tempfile_dir::TempDir::new("madoguchi-e2e").map_err(|e| e.to_string())?;
        let (driver, agent, base) = start_driver(&display, data_dir.path(), env)?;
        let app_data = data_dir.path().join("app");
        std::fs::create_dir_all(&app_data).map_err(|e| e.to_string())?;
        prepare(&app_data).map_err(|e| e.to_string())?;
        let mut args = vec![json!("--data-dir"), json!(app_data)];
        if demo {
            args.insert(0, json!("--demo"));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {"tauri:options": {
            "application": bin.canonicalize().map_err(|e| e.to_string())?,
            "args": args,
        }}}});
        let resp: Value = agent
            .post(&format!("{base}/session"))
            .send_json(caps)
            .map_err(|e| format!("new session: {}", describe(e)))?
            .into_json()
            .map_err(|e| e.to_string())?;
        let session = resp["value"]["sessionId"]
            .as_str()
            .ok_or(format!("no session id: {resp}"))?
            .to_string();
        Ok(Self {
            agent,
            base,
            session,
            display,
            data_dir,
            _driver: driver,
            _xvfb: xvfb,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.session, path)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        let r = self
            .agent
            .post(&self.url(path))
            .send_json(body)
            .map_err(|e| format!("POST {path}: {}", describe(e)))?;
        let v: Value = r.into_json().map_err(|e| e.to_string())?;
        Ok(v["value"].clone())
    }

    fn get(&self, path: &str) -> Result<Value> {
        let r = self
            .agent
            .get(&self.url(path))
            .call()
            .map_err(|e| format!("GET {path}: {}", describe(e)))?;
        let v: Value = r.into_json().map_err(|e| e.to_string())?;
        Ok(v["value"].clone())
    }

    /// The element for a CSS selector, waiting up to 15 s for it to appear.
    pub fn find(&self, css: &str) -> Result<String> {
        self.find_within(css, Duration::from_secs(15))
    }

    /// The element for a CSS selector, waiting up to `wait` for it to appear.
    pub fn find_within(&self, css: &str, wait: Duration) -> Result<String> {
        let deadline = Instant::now() + wait;
        loop {
            match self.post("/element", json!({"using": "css selector", "value": css})) {
                Ok(v) => {
                    if let Some(id) = v
                        .as_object()
                        .and_then(|o| o.values().next())
                        .and_then(Value::as_str)
                    {
                        return Ok(id.to_string());
                    }
                }
                Err(e) if Instant::now() > deadline => return Err(format!("{css}: {e}")),
                Err(_) => {}
            }
            if Instant::now() > deadline {
                return Err(format!("element {css} never appeared"));
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Clicks the element.
    pub fn click(&self, css: &str) -> Result<()> {
        // A view re-rendered between finding the element and clicking it ("stale element
        // reference"): the element is looked up again, as `text` does.
        let mut last = String::new();
        for _ in 0..20 {
            let id = self.find(css)?;
            match self.post(&format!("/element/{id}/click"), json!({})) {
                Ok(_) => return Ok(()),
                Err(e) if e.contains("stale element") => {
                    last = e;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }

    /// Types text into the element.
    pub fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let id = self.find(css)?;
        self.post(&format!("/element/{id}/value"), json!({"text": text}))
            .map(|_| ())
    }

    /// The element's text. The views re-render often: an element replaced between finding it
    /// and reading it ("stale element reference") is looked up again.
    pub fn text(&self, css: &str) -> Result<String> {
        let mut last = String::new();
        for _ in 0..20 {
            let id = self.find(css)?;
            match self.get(&format!("/element/{id}/text")) {
                Ok(v) => return Ok(v.as_str().unwrap_or_default().to_string()),
                Err(e) if e.contains("stale element") => {
                    last = e;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }

    /// Runs JavaScript in the page and returns its value (for inputs WebDriver cannot type into,
    /// such as date pickers).
    pub fn exec(&self, script: &str) -> Result<Value> {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    /// Gives the open visit panel the keyboard focus (out of a field), so its keys act.
    pub fn focus_visit_panel(&self) -> Result<()> {
        self.exec("document.querySelector('[data-testid=visit-open]').focus(); return null")?;
        Ok(())
    }

    /// Makes today (Tokyo) a special opening from 00:00 to 23:59 through the calendar's own
    /// command, so what happens only in opening hours can be tested at any hour (signed in as
    /// the site manager).
    pub fn open_today_all_day(&self) -> Result<()> {
        self.exec(
            "const d = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
             return window.__TAURI_INTERNALS__.invoke('calendar_override', { date: d,
               value: { kind: 'open', hours: { opens: '00:00', closes: '23:59' }, reason: '試験' } })
               .then(() => true);",
        )?;
        Ok(())
    }

    /// Sets 管理 → 開設前点検's fields (`testid` suffix → value) and saves.
    pub fn save_opening_settings(&self, fields: &[(&str, &str)]) -> Result<()> {
        self.click("[data-testid=tab-admin]")?;
        self.click("[data-testid=admin-opening]")?;
        self.find("[data-testid=opening-targets]")?;
        for (id, value) in fields {
            self.exec(&format!(
                "document.querySelector('[data-testid=opening-{id}]').value = {}; return true",
                json!(value)
            ))?;
        }
        self.click("[data-testid=opening-settings-save]")?;
        self.wait_contains("[data-testid=opening-settings-message]", "保存しました")?;
        Ok(())
    }

    /// Signs in by typing the ID and password and pressing Enter in the password field (a click
    /// can miss while the header above the form is still settling), then waits for the tabs.
    pub fn sign_in(&self, id: &str, password: &str) -> Result<()> {
        self.type_into("[data-testid=login-id]", id)?;
        self.type_into(
            "[data-testid=password]",
            &format!("{password}{}", key::ENTER),
        )?;
        self.find("[role=tablist]").map(|_| ()).map_err(|e| {
            // Say what the screen showed: this is how the autofocus race below was found.
            let shot = output_dir("failures").join(format!("sign-in-{id}.png"));
            let _ = self.screenshot(&shot);
            let said = self.text("[data-testid=signin-message]").unwrap_or_default();
            let typed = self.exec("return document.querySelector('[data-testid=login-id]')?.value").unwrap_or_default();
            format!("sign-in as {id} did not reach the tabs ({e}); message {said:?}; ID field {typed}; screenshot {}", shot.display())
        })
    }

    /// Signs in `operator1` on fresh demo data (today's tally is 0), starts a visit with F2 and
    /// opens the 写真 tab (which starts the camera).
    pub fn open_photo_tab_in_a_visit(&self) -> Result<()> {
        self.sign_in("operator1", "demo-pass")?;
        self.wait_text("[data-testid=tally-total]", "0")?;
        self.start_visit_with_f2()?;
        self.click("[data-testid=tab-photo]")
    }

    /// Presses F2 and waits for the visit to be open. On a day the calendar says is closed the
    /// counter asks first (the tests run on any day): the operator answers 受付を始める.
    pub fn start_visit_with_f2(&self) -> Result<()> {
        self.start_visit_with(key::F2)
    }

    /// Presses `keys` (F2, or N after a visit) and waits for the visit to be open, answering
    /// 受付を始める when the counter asks because the calendar says today is closed.
    pub fn start_visit_with(&self, keys: &str) -> Result<()> {
        self.keys(keys)?;
        self.wait_visit_open()
            .map_err(|e| format!("{keys:?} did not open a visit: {e}"))
    }

    /// Waits for a visit to be open (after F2, N or a scan), answering 受付を始める when the
    /// counter asks because the calendar says today is closed.
    pub fn wait_visit_open(&self) -> Result<()> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let state = self.exec(
                "return document.querySelector('[data-testid=visit-open]') ? 'open' \
                 : document.querySelector('dialog[open] [data-testid=closed-day-open]') ? 'ask' : ''",
            )?;
            match state.as_str() {
                Some("open") => return Ok(()),
                Some("ask") => self.click("dialog[open] [data-testid=closed-day-open]")?,
                _ if std::time::Instant::now() > deadline => {
                    return Err("no visit opened in 10 s".to_string())
                }
                _ => std::thread::sleep(std::time::Duration::from_millis(100)),
            }
        }
    }

    /// In the 写真 tab with the simulated camera holding still: waits for the steady instruction,
    /// takes the photo and accepts it.
    pub fn take_accepted_photo(&self) -> Result<()> {
        self.wait_text(
            "[data-testid=photo-instruction]",
            "来庁者への案内：そのまま動かずにお待ちください",
        )?;
        self.click("[data-testid=photo-capture]")?;
        self.find_within("[data-testid=photo-accept]", Duration::from_secs(30))?;
        self.click("[data-testid=photo-accept]")
    }

    /// Answers the native file dialog the app just opened: waits for it, types `path` into its
    /// name field and presses Enter (xdotool, as a person at the keyboard would).
    pub fn answer_file_dialog(&self, path: &Path) -> Result<()> {
        let xdotool = |args: &[&str]| self.xdotool(args);
        let deadline = Instant::now() + Duration::from_secs(15);
        let id = loop {
            // GTK's file chooser is the only window of the app whose title is neither of ours.
            let out = xdotool(&["search", "--onlyvisible", "--name", "."])?;
            let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_string)
                .collect();
            let mut found = None;
            for id in ids {
                let name = xdotool(&["getwindowname", &id])?;
                let name = String::from_utf8_lossy(&name.stdout).trim().to_string();
                if !name.is_empty() && !name.contains("窓口") {
                    found = Some(id);
                    break;
                }
            }
            if let Some(id) = found {
                break id;
            }
            if Instant::now() > deadline {
                return Err("no file dialog appeared".into());
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        std::thread::sleep(Duration::from_millis(500));
        xdotool(&["windowfocus", "--sync", &id])?;
        xdotool(&["key", "--window", &id, "ctrl+a"])?;
        xdotool(&[
            "type",
            "--window",
            &id,
            "--delay",
            "20",
            &path.display().to_string(),
        ])?;
        xdotool(&["key", "--window", &id, "Return"])?;
        Ok(())
    }

    /// The app's data directory.
    pub fn app_data(&self) -> PathBuf {
        self.data_dir.path().join("app")
    }

    /// How many windows the app has open.
    pub fn window_count(&self) -> Result<usize> {
        Ok(self.get("/window/handles")?.as_array().map_or(0, Vec::len))
    }

    /// Closes the X window titled `title` as a person does with its close button or Alt+F4: the
    /// window manager's WM_DELETE_WINDOW message (the app may refuse it).
    pub fn request_close(&self, title: &str) -> Result<()> {
        use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask};
        let ids = self.x_windows(title)?;
        let (conn, _) = x11rb::connect(Some(&self.display)).map_err(|e| e.to_string())?;
        let atom = |name: &[u8]| -> Result<u32> {
            Ok(conn
                .intern_atom(false, name)
                .map_err(|e| e.to_string())?
                .reply()
                .map_err(|e| e.to_string())?
                .atom)
        };
        let (protocols, delete) = (atom(b"WM_PROTOCOLS")?, atom(b"WM_DELETE_WINDOW")?);
        // GTK may name more than its top-level window so; the others ignore the message.
        for id in ids {
            let event = ClientMessageEvent::new(32, id, protocols, [delete, 0, 0, 0, 0]);
            conn.send_event(false, id, EventMask::NO_EVENT, event)
                .map_err(|e| e.to_string())?;
        }
        // A round trip: the server has handled the message before the connection closes.
        conn.get_input_focus()
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Resizes the current window (its outer size) to `width` × `height`.
    pub fn resize(&self, width: u32, height: u32) -> Result<()> {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .map(|_| ())
    }

    /// Whether every element matching `css` lies wholly inside the window's viewport.
    pub fn in_view(&self, css: &str) -> Result<bool> {
        let v = self.exec(&format!(
            "const es = [...document.querySelectorAll('{css}')]; return es.length > 0 && es.every((e) => {{ const r = e.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }})"
        ))?;
        Ok(v.as_bool() == Some(true))
    }

    /// Whether the visit panel shows the service `code` ticked.
    pub fn service_ticked(&self, code: &str) -> Result<bool> {
        let v = self.exec(&format!(
            "const b = document.querySelector('[data-testid=service-{code}]'); return b ? b.getAttribute('aria-pressed') : null"
        ))?;
        Ok(v.as_str() == Some("true"))
    }

    /// A handheld 2D scanner acting as a keyboard: types `text` into the operator window as X key
    /// events `delay_ms` apart, then Enter (xdotool: what the window sees is what a scanner sends).
    pub fn scanner_types(&self, text: &str, delay_ms: u32) -> Result<()> {
        let id = self
            .x_windows("オペレーター")?
            .into_iter()
            .next()
            .ok_or("no operator window")?
            .to_string();
        let xdotool = |args: &[&str]| -> Result<()> {
            let out = self.xdotool(args)?;
            if out.status.success() {
                Ok(())
            } else {
                Err(format!(
                    "xdotool {args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                ))
            }
        };
        xdotool(&["windowactivate", "--sync", &id])
            .or_else(|_| xdotool(&["windowfocus", "--sync", &id]))?;
        let delay = delay_ms.to_string();
        xdotool(&["type", "--delay", &delay, text])?;
        std::thread::sleep(Duration::from_millis(u64::from(delay_ms)));
        xdotool(&["key", "Return"])
    }

    /// Runs xdotool on the test display.
    fn xdotool(&self, args: &[&str]) -> Result<std::process::Output> {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .map_err(|e| format!("xdotool: {e}"))
    }

    /// The X windows titled `title`.
    fn x_windows(&self, title: &str) -> Result<Vec<u32>> {
        let out = self.xdotool(&["search", "--name", title])?;
        let ids: Vec<u32> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        if ids.is_empty() {
            return Err(format!("no window titled {title}"));
        }
        Ok(ids)
    }

    /// The address of the page the window shows.
    pub fn page_url(&self) -> Result<String> {
        Ok(self.get("/url")?.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the element's text contains `want`; returns the text.
    pub fn wait_contains(&self, css: &str, want: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(t) = self.text(css) {
                if t.contains(want) {
                    return Ok(t);
                }
                last = t;
            }
            std::thread::sleep(Duration::from_millis(150));
        }
        Err(format!("{css}: expected {want:?} in {last:?}"))
    }

    /// Waits up to 15 s until no element matches the selector (a view re-renders after its
    /// command answers, so an element may still be there for a moment after the key or click).
    pub fn wait_gone(&self, css: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let found = self.post("/elements", json!({"using": "css selector", "value": css}))?;
            if found.as_array().is_some_and(Vec::is_empty) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{css} is still there"));
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Waits up to 15 s on the citizen display until `ready` holds (`what` names it in the
    /// error); comes back to the operator window either way.
    pub fn wait_on_citizen(&self, what: &str, ready: impl Fn(&Self) -> Result<bool>) -> Result<()> {
        self.switch_to("窓口のご案内")?;
        let deadline = Instant::now() + Duration::from_secs(15);
        let result = loop {
            match ready(self) {
                Ok(true) => break Ok(()),
                Err(e) => break Err(e),
                Ok(false) if Instant::now() > deadline => {
                    let text = self.exec("return document.body.innerText")?;
                    break Err(format!("the citizen display never {what}: {text}"));
                }
                Ok(false) => std::thread::sleep(Duration::from_millis(100)),
            }
        };
        self.switch_to("オペレーター")?;
        result
    }

    /// Waits up to 15 s until the citizen display's text contains `want`.
    pub fn wait_citizen_says(&self, want: &str) -> Result<()> {
        self.wait_on_citizen(&format!("said {want:?}"), |k| {
            let text = k.exec("return document.body.innerText")?;
            Ok(text.as_str().unwrap_or_default().contains(want))
        })
    }

    /// Waits until the element's text equals `want`.
    pub fn wait_text(&self, css: &str, want: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(t) = self.text(css) {
                if t.trim() == want {
                    return Ok(());
                }
                last = t;
            }
            std::thread::sleep(Duration::from_millis(150));
        }
        Err(format!("{css}: expected {want:?}, saw {last:?}"))
    }

    /// Presses keys on the keyboard (WebDriver key codes such as `\u{E032}` for F2).
    pub fn keys(&self, keys: &str) -> Result<()> {
        let mut actions = Vec::new();
        for c in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": c.to_string()}));
            actions.push(json!({"type": "keyUp", "value": c.to_string()}));
        }
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )?;
        self.agent
            .delete(&self.url("/actions"))
            .call()
            .map_err(describe)?;
        Ok(())
    }

    /// Saves a PNG of the current window through WebDriver.
    pub fn screenshot(&self, file: &Path) -> Result<()> {
        // WebKit takes the snapshot at the page's next rendering update, and a page that has
        // stopped changing has none: the command then never answers. A pixel that changes
        // every frame for a few seconds (invisible: 1 % opacity in a corner) keeps frames coming.
        self.exec(
            "const d = document.createElement('div');
             d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;opacity:0.01;background:#000;z-index:2147483647';
             document.documentElement.appendChild(d);
             const end = performance.now() + 4000;
             (function tick() {
               d.style.opacity = d.style.opacity === '0.01' ? '0.02' : '0.01';
               if (performance.now() < end) requestAnimationFrame(tick); else d.remove();
             })();
             return null",
        )?;
        // Let the page paint what the DOM already shows (WebKit may hand back the previous frame).
        std::thread::sleep(Duration::from_millis(500));
        let b64 = self.get("/screenshot")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        std::fs::File::create(file)
            .and_then(|mut f| f.write_all(&bytes))
            .map_err(|e| e.to_string())
    }

    /// Applies the page's print rules (`@media print`) to the screen too, so a screenshot shows
    /// what goes to paper (WebKitWebDriver has no Print Page command). Answers the classes of
    /// the body's children still shown.
    pub fn show_as_printed(&self) -> Result<Vec<String>> {
        let shown = self.exec(&Self::print_media_script(
            "r.media.appendMedium('screen')",
            "return [...document.body.children]
               .filter((e) => getComputedStyle(e).display !== 'none')
               .map((e) => e.className || e.tagName.toLowerCase());",
        ))?;
        Ok(shown
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Takes the print rules off the screen again.
    pub fn show_as_on_screen(&self) -> Result<()> {
        self.exec(&Self::print_media_script(
            "r.media.deleteMedium('screen')",
            "return null;",
        ))
        .map(|_| ())
    }

    /// A script doing `each` to every `@media print` rule `r` of the page (a CSSOM change: the
    /// window's content security policy refuses new <style> elements), then `then`.
    fn print_media_script(each: &str, then: &str) -> String {
        format!(
            "for (const sheet of document.styleSheets) {{
               for (const r of sheet.cssRules) {{
                 if (r instanceof CSSMediaRule && r.media.mediaText.includes('print')) {{ {each}; }}
               }}
             }}
             {then}"
        )
    }

    /// Makes the WebDriver window whose title contains `title` the current one.
    pub fn switch_to(&self, title: &str) -> Result<()> {
        let handles = self.get("/window/handles")?;
        for h in handles.as_array().cloned().unwrap_or_default() {
            self.post("/window", json!({"handle": h}))?;
            if self
                .get("/title")?
                .as_str()
                .is_some_and(|t| t.contains(title))
            {
                return Ok(());
            }
        }
        Err(format!("no window titled {title}"))
    }

    /// Saves a PNG of an X window found by its title (for windows WebDriver does not drive).
    pub fn screenshot_x_window(&self, title: &str, file: &Path) -> Result<()> {
        let out = Command::new("xdotool")
            .args(["search", "--name", title])
            .env("DISPLAY", &self.display)
            .output()
            .map_err(|e| format!("xdotool: {e}"))?;
        let id = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        if id.is_empty() {
            return Err(format!("no window titled {title}"));
        }
        // Without a window manager both windows open at 0,0: move this one beside the other.
        let _ = Command::new("xdotool")
            .args(["windowmove", &id, "1300", "0"])
            .env("DISPLAY", &self.display)
            .status();
        std::thread::sleep(Duration::from_millis(800));
        let status = Command::new("import")
            .args(["-window", &id, &file.display().to_string()])
            .env("DISPLAY", &self.display)
            .status()
            .map_err(|e| format!("import: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err("import failed".into())
        }
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.url("")).call();
    }
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Status(code, r) => {
            format!("HTTP {code}: {}", r.into_string().unwrap_or_default())
        }
        other => other.to_string(),
    }
}

/// WebDriver key codes.
pub mod key {
    /// Enter.
    pub const ENTER: &str = "\u{E007}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
    /// F2.
    pub const F2: &str = "\u{E032}";
    /// F3.
    pub const F3: &str = "\u{E033}";
    /// F9.
    pub const F9: &str = "\u{E039}";
    /// Arrow left.
    pub const LEFT: &str = "\u{E012}";
    /// Arrow right.
    pub const RIGHT: &str = "\u{E014}";
}

/// A stand-in browser: a script that writes down how it was started and its process id, then
/// stays open `stay` seconds like a browser window (0: exits at once, as a browser that hands the
/// page to its running instance does).
pub struct FakeBrowser {
    /// The script, to pass as `MADOGUCHI_BROWSER`.
    pub program: PathBuf,
    record: PathBuf,
}

impl FakeBrowser {
    /// Writes the script into `dir`.
    pub fn new(dir: &Path, stay: u32) -> Result<Self> {
        use std::os::unix::fs::PermissionsExt;
        let program = dir.join("chromium");
        let record = dir.join("browser-started.txt");
        let _ = std::fs::remove_file(&record);
        let r = record.display();
        std::fs::write(
            &program,
            format!("#!/bin/sh\necho \"$$ $@\" > {r}.tmp\nmv {r}.tmp {r}\nexec sleep {stay}\n"),
        )
        .map_err(|e| e.to_string())?;
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
        Ok(Self { program, record })
    }

    /// Its command line and process id, once it has started (waits up to 10 s).
    pub fn started(&self) -> Result<(String, u32)> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(found) = self.started_now()? {
                return Ok(found);
            }
            if Instant::now() > deadline {
                return Err("the browser was not started".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Its command line and process id if it has been started.
    pub fn started_now(&self) -> Result<Option<(String, u32)>> {
        let Ok(line) = std::fs::read_to_string(&self.record) else {
            return Ok(None);
        };
        let (pid, args) = line.trim().split_once(' ').ok_or("empty record")?;
        Ok(Some((
            args.to_string(),
            pid.parse().map_err(|_| "bad pid")?,
        )))
    }

    /// Forgets the last start.
    pub fn reset(&self) {
        let _ = std::fs::remove_file(&self.record);
    }
}
