// Entry module of the operator window: registers the views and decides which screen to show.

import { call } from './backend.js';
import { store } from './store.js';
import { guardWindow } from './guard.js';
import { notice, messageOf } from './util.js';
import './views/mg-quit.js';
import './views/mg-date-field.js';
import './views/mg-header.js';
import './views/mg-fatal.js';
import './views/mg-setup.js';
import './views/mg-signin.js';
import './views/mg-password.js';
import './views/mg-desk.js';
import './views/mg-visit.js';
import './views/mg-card.js';
import './views/mg-photo.js';
import './views/mg-tally.js';
import './views/mg-today.js';
import './views/mg-admin.js';
import './views/admin/mg-admin-leaflet.js';
import './views/mg-calendar.js';
import './views/mg-report.js';
import './views/mg-survey.js';
import './views/mg-records.js';
import './views/mg-kb.js';

const main = document.getElementById('main');

// A link in the manual opens in the system browser, and only for the sites the site manager
// allows; the window itself stays where it is.
guardWindow({
  onLink: async (href) => {
    try {
      const r = await call('link_open', { url: href });
      notice(r.opened ? `ブラウザで開きました：${new URL(r.url).host}` : 'ブラウザを開けませんでした。', r.opened ? 'ok' : 'error');
    } catch (err) {
      notice(messageOf(err), 'error');
    }
  },
});

function show(tag) {
  if (main.firstElementChild && main.firstElementChild.tagName.toLowerCase() === tag) return;
  main.replaceChildren(document.createElement(tag));
}

let painted = false;

async function route() {
  const { info, session } = store.state;
  if (!info) return;
  if (info.startup_error) show('mg-fatal');
  else if (info.needs_setup) show('mg-setup');
  else if (!session) show('mg-signin');
  else if (session.must_change_password) show('mg-password');
  else show('mg-desk');
  if (!painted) {
    painted = true;
    // Two frames later the first real screen has been painted: report it for the start-up benchmark.
    requestAnimationFrame(() => requestAnimationFrame(() => call('first_paint').catch(() => {})));
  }
}

async function start() {
  try {
    const info = await call('app_info');
    store.set({ info, session: info.session });
  } catch (e) {
    store.set({ info: { startup_error: e.message } });
  }
  await store.refreshStatus();
  setInterval(() => store.refreshStatus(), 10000);
  setInterval(() => store.refreshNetwork(), 3000);
}

// What a person does in the window keeps the session: a key, a click, the wheel (at most one
// report every five seconds). The window's own polling never does.
let lastTouch = 0;
for (const type of ['keydown', 'pointerdown', 'wheel']) {
  document.addEventListener(type, () => {
    if (!store.state.session || Date.now() - lastTouch < 5000) return;
    lastTouch = Date.now();
    call('session_touch').catch(() => {});
  }, { capture: true, passive: true });
}

// The backend ends an idle session (and deletes the photo); the window follows it.
setInterval(async () => {
  if (!store.state.session) return;
  try {
    const idle = await call('session_state');
    if (!idle.signed_in) {
      store.set({ session: null, current: null, tally: null, today: [], idle: null, signedOutIdle: true });
    } else {
      store.set({ idle });
    }
  } catch (e) {
    // The next round tries again.
  }
}, 2000);

store.addEventListener('change', (e) => {
  if (e.detail.includes('info') || e.detail.includes('session')) {
    if (e.detail.includes('session')) lastTouch = 0;
    route();
  }
  if (e.detail.includes('session')) {
    store.refreshDue();
    store.refreshStatus();
  }
});

start();
