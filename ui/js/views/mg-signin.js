// Sign-in with ID and password.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, say, messageOf } from '../util.js';

class MgSignin extends HTMLElement {
  connectedCallback() {
    const { info } = store.state;
    const demo = info.demo
      ? `<p class="hint" data-testid="demo-hint">デモ用アカウント：${info.demo_accounts.map(esc).join('、')}（パスワードは ${esc(info.demo_password)}）</p>`
      : '';
    this.innerHTML = `
      <form class="panel narrow" data-testid="signin-form">
        <h1>サインイン</h1>
        <label>ID<input name="login_id" autocomplete="username" required data-testid="login-id"></label>
        <label>パスワード<input name="password" type="password" autocomplete="current-password" required data-testid="password"></label>
        <p class="message ${store.state.signedOutIdle ? 'info' : ''}" ${store.state.signedOutIdle ? '' : 'hidden'} data-testid="signin-message">${store.state.signedOutIdle ? '操作がなかったため、サインアウトしました。写真は削除しました。' : ''}</p>
        <button type="submit" class="primary" data-testid="signin-submit">サインイン</button>
        ${demo}
      </form>`;
    const form = this.querySelector('form');
    // Focus now, not through the autofocus attribute: autofocus lands a moment later and moved
    // the caret into the ID field while a fast typist was already in the password field.
    form.login_id.focus();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const msg = this.querySelector('.message');
      try {
        const session = await call('sign_in', { loginId: f.get('login_id'), password: f.get('password') });
        store.set({ session, signedOutIdle: false });
      } catch (err) {
        form.password.value = '';
        form.password.focus();
        say(msg, messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-signin', MgSignin);
