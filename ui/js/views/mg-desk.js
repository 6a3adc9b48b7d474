// The signed-in screen: tabs chosen by role.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc } from '../util.js';

const TABS = {
  operator: [['desk', '受付'], ['photo', '写真'], ['kb', 'マニュアル・FAQ'], ['records', '苦情・事故']],
  site_manager: [['desk', '受付'], ['photo', '写真'], ['kb', 'マニュアル・FAQ'], ['report', 'レポート'], ['records', '苦情・事故'], ['admin', '管理']],
  city_staff: [['overview', '本日の状況'], ['kb', 'マニュアル・FAQ'], ['report', 'レポート'], ['records', '苦情・事故'], ['calendar', 'カレンダー']],
};

class MgDesk extends HTMLElement {
  async connectedCallback() {
    const role = store.state.session.role;
    this.tabs = TABS[role] || TABS.operator;
    this.innerHTML = `
      <nav class="tabs" role="tablist">${this.tabs
        .map(([id, label], i) => `<button type="button" role="tab" data-tab="${id}" data-testid="tab-${id}" aria-selected="${i === 0}">${esc(label)}</button>`)
        .join('')}</nav>
      <div class="tab-body"></div>`;
    this.addEventListener('click', (e) => {
      const tab = e.target.closest('[data-tab]');
      if (tab) this.open(tab.dataset.tab);
    });
    this.addEventListener('mg-open-tab', (e) => this.open(e.detail));
    try {
      store.set({ lists: await call('visit_lists') });
      await store.refreshVisits();
    } catch (err) {
      this.querySelector('.tab-body').textContent = err.message;
      return;
    }
    this.open(this.tabs[0][0]);
  }

  open(id) {
    this.querySelectorAll('[role=tab]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === id)));
    const body = this.querySelector('.tab-body');
    const views = {
      desk: ['mg-visit', 'mg-card', 'mg-tally', 'mg-today'],
      photo: ['mg-photo'],
      overview: ['mg-tally', 'mg-today'],
      admin: ['mg-admin'],
      calendar: ['mg-calendar'],
      report: ['mg-report'],
      records: ['mg-records'],
      kb: ['mg-kb'],
    }[id];
    body.className = `tab-body tab-${id}`;
    body.replaceChildren(...views.map((tag) => document.createElement(tag)));
  }
}

customElements.define('mg-desk', MgDesk);
