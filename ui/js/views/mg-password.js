// Changing one's own password: required before anything else when the account says so (a
// city-staff account's first sign-in, a password reset by the site manager), and offered from
// the header at any time.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, say, messageOf } from '../util.js';

/** The form; `onDone(session)` gets the session after the change. */
export function passwordForm(required, onDone, onCancel) {
  const form = document.createElement('form');
  form.className = 'panel narrow';
  form.dataset.testid = 'password-form';
  form.innerHTML = `
    <h1>パスワードの変更</h1>
    ${required ? '<p>はじめに、ご自身のパスワードを設定してください。設定するまで、ほかの操作はできません。</p>' : ''}
    <label>今のパスワード<input name="current" type="password" autocomplete="current-password" required></label>
    <label>新しいパスワード（10文字以上）<input name="new" type="password" autocomplete="new-password" required minlength="10"></label>
    <label>新しいパスワード（確認）<input name="again" type="password" autocomplete="new-password" required></label>
    <p class="hint">よく使われるもの、同じ文字や連番、IDを含むものは使えません。</p>
    <p class="message" hidden></p>
    <div class="actions"><button type="submit" class="primary">変更する</button>${onCancel ? '<button type="button" data-cancel>戻る</button>' : ''}</div>`;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const msg = form.querySelector('.message');
    if (f.get('new') !== f.get('again')) return say(msg, '新しいパスワードが一致しません。', 'error');
    try {
      onDone(await call('password_change', { current: f.get('current'), new: f.get('new') }));
    } catch (err) {
      say(msg, messageOf(err), 'error');
    }
  });
  form.querySelector('[data-cancel]')?.addEventListener('click', onCancel);
  return form;
}

class MgPassword extends HTMLElement {
  connectedCallback() {
    const form = passwordForm(true, (session) => store.set({ session }));
    this.replaceChildren(form);
    form.querySelector('input').focus();
    this.insertAdjacentHTML('afterbegin', `<p class="hint">${esc(store.state.session.display_name)}（${esc(store.state.session.role_label)}）</p>`);
  }
}

customElements.define('mg-password', MgPassword);
