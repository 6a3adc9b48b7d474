// The signed-in screen: the tabs the account's permissions open (← → on the tab bar move between
// them), and the visit's keys. The keys (F2, the number keys, Y/U, Enter, F9, F4, G, J, L) belong
// to the visit wherever the focus is on the 受付 tab — on a tab button, on a service button —
// except in a text field or a dialog; a 2D scanner's burst of keys is read as the 申請書ID there,
// wherever the focus is (scan.js). F3 opens 写真, whose own keys (see mg-photo) work there; F2 or
// Esc comes back to 受付.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, typing } from '../util.js';
import { ScanCatcher } from '../scan.js';

/** The tabs, in order, each with the permission that opens it. */
const TABS = [
  ['desk', '受付', () => store.can('visit_log'), 'F2'],
  ['overview', '本日の状況', () => store.can('visits_today') && !store.can('visit_log')],
  ['photo', '写真', () => store.can('photo_take'), 'F3'],
  ['kb', 'マニュアル・FAQ', () => store.can('kb_read')],
  ['report', 'レポート', () => store.can('report_view')],
  ['records', '苦情・事故', () => store.can('records_view')],
  ['admin', '管理', () => store.can('calendar_edit') || store.can('accounts_manage') || store.can('audit_view')],
  ['calendar', 'カレンダー', () => store.can('calendar_view') && !store.can('calendar_edit')],
];

const VIEWS = {
  desk: ['mg-visit', 'mg-card', 'mg-tally', 'mg-today'],
  photo: ['mg-photo'],
  overview: ['mg-tally', 'mg-today'],
  admin: ['mg-admin'],
  calendar: ['mg-calendar'],
  report: ['mg-leaflet-approval', 'mg-report', 'mg-survey'],
  records: ['mg-records'],
  kb: ['mg-kb'],
};

class MgDesk extends HTMLElement {
  async connectedCallback() {
    this.tabs = TABS.filter(([, , may]) => may());
    this.innerHTML = `
      <nav class="tabs" role="tablist">${this.tabs
        .map(([id, label, , key], i) => `<button type="button" role="tab" data-tab="${id}" data-testid="tab-${id}" aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}">${esc(label)}${key ? ` <kbd>${key}</kbd>` : ''}</button>`)
        .join('')}</nav>
      <div class="tab-body"></div>`;
    this.addEventListener('click', (e) => {
      const tab = e.target.closest('[data-tab]');
      if (tab) this.open(tab.dataset.tab);
    });
    this.addEventListener('mg-open-tab', (e) => this.open(e.detail));
    this.onKey = (e) => this.key(e);
    const visit = () => this.querySelector('mg-visit');
    this.scan = new ScanCatcher(
      (k) => visit()?.key(k),
      (answer) => visit()?.idRead(answer.id),
      (err, again) => visit()?.idRefused(err, again),
    );
    // Capture: the visit sees its keys before a focused button turns Enter into a click.
    document.addEventListener('keydown', this.onKey, true);
    try {
      store.set({ lists: await call('visit_lists') });
      await store.refreshVisits();
    } catch (err) {
      this.querySelector('.tab-body').textContent = err.message;
      return;
    }
    if (this.tabs.length) this.open(this.tabs[0][0]);
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.onKey, true);
    this.scan.detach();
  }

  get shown() {
    return this.querySelector('[role=tab][aria-selected=true]')?.dataset.tab;
  }

  open(id) {
    if (!VIEWS[id] || !this.tabs.some(([t]) => t === id)) return;
    this.querySelectorAll('[role=tab]').forEach((b) => {
      b.setAttribute('aria-selected', String(b.dataset.tab === id));
      b.tabIndex = b.dataset.tab === id ? 0 : -1;
    });
    const body = this.querySelector('.tab-body');
    body.className = `tab-body tab-${id}`;
    body.replaceChildren(...VIEWS[id].map((tag) => document.createElement(tag)));
  }

  /** The tab bar by keyboard (the ARIA tabs pattern): ← → Home End move to a tab and open it. */
  tabKey(e) {
    const tab = e.target.closest && e.target.closest('[role=tab]');
    if (!tab || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return false;
    const ids = this.tabs.map(([id]) => id);
    const at = ids.indexOf(tab.dataset.tab);
    const next = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: ids.length - 1 }[e.key];
    const id = ids[(next + ids.length) % ids.length];
    this.open(id);
    this.querySelector(`[role=tab][data-tab=${id}]`).focus();
    return true;
  }

  key(e) {
    if (document.querySelector('dialog[open]')) return;
    if (this.tabKey(e)) {
      e.preventDefault();
      return;
    }
    if (!store.can('visit_log')) return;
    if (this.shown === 'photo') {
      // The photo step's own keys (撮影, 採用, 撮り直し …); Esc goes back to 受付 like F2.
      const photo = this.querySelector('mg-photo');
      if (photo && !typing(e) && photo.key(e)) {
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      if (e.key === 'Escape' && !typing(e)) {
        e.preventDefault();
        this.open('desk');
        this.querySelector('mg-visit')?.focusPanel();
        return;
      }
    }
    if (this.shown === 'desk' && e.key === 'F3' && this.tabs.some(([t]) => t === 'photo')) {
      e.preventDefault();
      e.stopPropagation();
      this.open('photo');
      return;
    }
    if (this.shown !== 'desk') {
      if (e.key === 'F2') {
        e.preventDefault();
        e.stopPropagation();
        this.open('desk');
        this.querySelector('mg-visit')?.focusPanel();
      }
      return;
    }
    const visit = this.querySelector('mg-visit');
    if (!visit) return;
    // A scanner's burst is caught before its keys act (see scan.js).
    if (this.scan.offer(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    const fkey = ['F2', 'F4', 'F9'].includes(e.key);
    if (!fkey && typing(e)) return;
    if (visit.key(e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  }
}

customElements.define('mg-desk', MgDesk);
