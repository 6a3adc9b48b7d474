// 管理 → アカウント: staff accounts, switched on and off, passwords reset.

import { call } from '../../backend.js';
import { ask, esc, say, messageOf } from '../../util.js';

const ROLES = { operator: 'オペレーター', site_manager: '現場責任者', city_staff: '市担当者' };

class MgAdminAccounts extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const list = await call('accounts_list');
    this.innerHTML = `<section class="panel accounts"><h2>アカウント</h2>
      <table><thead><tr><th>ID</th><th>表示名</th><th>役割</th><th>状態</th><th></th></tr></thead><tbody>
      ${list.map((a) => `<tr data-id="${esc(a.login_id)}"><td>${esc(a.login_id)}</td><td>${esc(a.display_name)}</td><td>${esc(ROLES[a.role])}</td>
        <td>${a.active ? '有効' : '停止中'}</td>
        <td><button type="button" data-active="${!a.active}">${a.active ? '停止' : '再開'}</button> <button type="button" data-password>パスワード再設定</button></td></tr>`).join('')}
      </tbody></table><p class="message" hidden></p>
      <form class="new-account"><h3>新しいアカウント</h3>
        <label>ID<input name="login_id" required></label><label>表示名<input name="display_name" required></label>
        <label>役割<select name="role">${Object.entries(ROLES).map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label>パスワード（8文字以上）<input name="password" type="password" required minlength="8"></label>
        <button class="primary">作成する</button></form></section>`;
    const msg = this.querySelector('.message');
    this.querySelectorAll('[data-active]').forEach((b) => b.addEventListener('click', async () => {
      try {
        await call('account_set_active', { loginId: b.closest('tr').dataset.id, active: b.dataset.active === 'true' });
        await this.load();
      } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    this.querySelectorAll('[data-password]').forEach((b) => b.addEventListener('click', async () => {
      const password = await ask('パスワード再設定', '新しいパスワード（8文字以上）');
      if (!password) return;
      try {
        await call('account_set_password', { loginId: b.closest('tr').dataset.id, password });
        say(msg, 'パスワードを再設定しました。', 'ok');
      } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    const form = this.querySelector('form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await call('account_create', { account: Object.fromEntries(new FormData(form).entries()) });
        await this.load();
      } catch (err) { say(msg, messageOf(err), 'error'); }
    });
  }
}

customElements.define('mg-admin-accounts', MgAdminAccounts);
