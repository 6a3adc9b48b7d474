// 管理 → アカウント: staff accounts, switched on and off, passwords reset; the information-security
// officer (情報管理責任者), who reads the audit trail whatever their role.

import { call } from '../../backend.js';
import { ask, esc, say, messageOf } from '../../util.js';

const ROLES = { operator: 'オペレーター', site_manager: '現場責任者', city_staff: '市担当者' };

class MgAdminAccounts extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const [list, idle] = await Promise.all([call('accounts_list'), call('idle_rules_get')]);
    const city = (a) => a.role === 'city_staff';
    this.innerHTML = `<section class="panel accounts"><h2>アカウント</h2>
      <table><thead><tr><th>ID</th><th>表示名</th><th>役割</th><th>状態</th><th></th></tr></thead><tbody>
      ${list.map((a) => `<tr data-id="${esc(a.login_id)}"><td>${esc(a.login_id)}</td><td>${esc(a.display_name)}</td><td>${esc(ROLES[a.role])}</td>
        <td>${a.active ? '有効' : '停止中'}${a.must_change_password ? '（初回のパスワード設定待ち）' : ''}${a.security_officer ? '<br><strong>情報管理責任者</strong>' : ''}</td>
        <td>${city(a) ? '<span class="hint">市が管理します</span>' : `<button type="button" data-active="${!a.active}">${a.active ? '停止' : '再開'}</button> <button type="button" data-password>パスワード再設定</button>`}</td></tr>`).join('')}
      </tbody></table><p class="message" hidden></p>
      <form class="officer" data-testid="officer-form"><h3>情報管理責任者</h3>
        <p class="hint">個人情報の管理に責任を持つ人です。役割にかかわらず、操作記録を見ることができます（次のサインインから）。</p>
        <label>情報管理責任者 <select name="officer" data-testid="officer-select"><option value="">（指定しない）</option>${list.filter((a) => a.active).map((a) => `<option value="${esc(a.login_id)}" ${a.security_officer ? 'selected' : ''}>${esc(a.display_name)}（${esc(a.login_id)}・${esc(ROLES[a.role])}）</option>`).join('')}</select></label>
        <button class="primary" data-testid="officer-save">指定する</button></form>
      <form class="new-account"><h3>新しいアカウント</h3>
        <label>ID<input name="login_id" required></label><label>表示名<input name="display_name" required></label>
        <label>役割<select name="role">${Object.entries(ROLES).map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label>パスワード（10文字以上）<input name="password" type="password" required minlength="10"></label>
        <p class="hint">市担当者と、パスワードを再設定したアカウントは、最初のサインインで本人がパスワードを決め直します。</p>
        <button class="primary">作成する</button></form>
      <form class="idle-rules" data-testid="idle-rules"><h3>自動サインアウト</h3>
        <p class="hint">操作がないまま時間が過ぎると、サインアウトし、撮影中の写真を削除します（30秒前にお知らせします）。</p>
        <label>オペレーター <input name="operator" type="number" min="1" max="60" value="${Math.round(idle.operator_seconds / 60)}"> 分</label>
        <label>現場責任者・市担当者 <input name="staff" type="number" min="1" max="60" value="${Math.round(idle.staff_seconds / 60)}"> 分</label>
        <button class="primary">保存する</button></form></section>`;
    const msg = this.querySelector('.message');
    this.querySelectorAll('[data-active]').forEach((b) => b.addEventListener('click', async () => {
      try {
        await call('account_set_active', { loginId: b.closest('tr').dataset.id, active: b.dataset.active === 'true' });
        await this.load();
      } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    this.querySelectorAll('[data-password]').forEach((b) => b.addEventListener('click', async () => {
      const password = await ask('パスワード再設定', '仮のパスワード（10文字以上。本人が次のサインインで決め直します）');
      if (!password) return;
      try {
        await call('account_set_password', { loginId: b.closest('tr').dataset.id, password });
        say(msg, 'パスワードを再設定しました。', 'ok');
      } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    const officer = this.querySelector('form.officer');
    officer.addEventListener('submit', async (e) => {
      e.preventDefault();
      const id = officer.elements.officer.value;
      try {
        await call('account_set_security_officer', { loginId: id || null });
        await this.load();
        say(this.querySelector('.message'), id ? '情報管理責任者を指定しました。' : '情報管理責任者の指定を外しました。', 'ok');
      } catch (err) { say(msg, messageOf(err), 'error'); }
    });
    const idleForm = this.querySelector('form.idle-rules');
    idleForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(idleForm);
      try {
        await call('idle_rules_set', { rules: { operator_seconds: Number(f.get('operator')) * 60, staff_seconds: Number(f.get('staff')) * 60 } });
        say(msg, '自動サインアウトの時間を保存しました。', 'ok');
      } catch (err) { say(msg, messageOf(err), 'error'); }
    });
    const form = this.querySelector('form.new-account');
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
