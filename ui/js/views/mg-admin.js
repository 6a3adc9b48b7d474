// The admin tab: one sub-tab per section the account may manage, each section its own view in
// views/admin/.

import { store } from '../store.js';
import { esc } from '../util.js';
import './admin/mg-admin-hours.js';
import './admin/mg-admin-lists.js';
import './admin/mg-admin-accounts.js';
import './admin/mg-admin-photo.js';
import './admin/mg-admin-links.js';
import './admin/mg-admin-opening.js';
import './admin/mg-admin-leaflet.js';
import './admin/mg-admin-data.js';
import './admin/mg-admin-audit.js';

/** Sections, their view, and the permission that shows each. */
const SECTIONS = [
  ['calendar', 'カレンダー', 'mg-calendar', 'calendar_edit'],
  ['hours', '開設時間・契約期間', 'mg-admin-hours', 'calendar_edit'],
  ['lists', '区分', 'mg-admin-lists', 'lists_edit'],
  ['accounts', 'アカウント', 'mg-admin-accounts', 'accounts_manage'],
  ['photo', '写真・カメラ', 'mg-admin-photo', 'photo_settings_edit'],
  ['links', 'リンク', 'mg-admin-links', 'links_edit'],
  ['opening', '開設前点検', 'mg-admin-opening', 'opening_settings_edit'],
  ['leaflet', 'リーフレット', 'mg-admin-leaflet', 'leaflet_make'],
  ['data', 'データ', 'mg-admin-data', 'backup'],
  ['audit', '操作記録', 'mg-admin-audit', 'audit_view'],
];

class MgAdmin extends HTMLElement {
  connectedCallback() {
    this.sections = SECTIONS.filter(([, , , p]) => store.can(p));
    this.innerHTML = `
      <nav class="subtabs">${this.sections.map(([id, label]) => `<button type="button" data-section="${id}" data-testid="admin-${id}">${esc(label)}</button>`).join('')}</nav>
      <div class="section"></div>`;
    this.addEventListener('click', (e) => {
      const b = e.target.closest('[data-section]');
      if (b && b.closest('mg-admin') === this) this.open(b.dataset.section);
    });
    if (this.sections.length) this.open(this.sections[0][0]);
  }

  open(id) {
    const section = this.sections.find(([s]) => s === id);
    if (!section) return;
    this.querySelectorAll('.subtabs [data-section]').forEach((b) => b.setAttribute('aria-current', String(b.dataset.section === id)));
    this.querySelector('.section').replaceChildren(document.createElement(section[2]));
  }
}

customElements.define('mg-admin', MgAdmin);
