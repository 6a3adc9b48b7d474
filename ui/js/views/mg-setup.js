// First run of a real install: create the site manager (現場責任者) account.

import { call } from '../backend.js';
import { store } from '../store.js';
import { say, messageOf } from '../util.js';

class MgSetup extends HTMLElement {
  connectedCallback() {
    this.innerHTML = `
      <form class="panel narrow" data-testid="setup-form">
        <h1>初期設定</h1>
        <p>最初に、現場責任者のアカウントを作成してください。</p>
        <label>ID（半角英数字）<input name="login_id" autocomplete="off" required></label>
        <label>表示名<input name="display_name" required></label>
        <label>パスワード（10文字以上。よく使われるもの・IDを含むものは使えません）<input name="password" type="password" required minlength="10"></label>
        <label>パスワード（確認）<input name="again" type="password" required></label>
        <p class="message" hidden></p>
        <button type="submit" class="primary">作成する</button>
      </form>`;
    const form = this.querySelector('form');
    form.login_id.focus();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const msg = this.querySelector('.message');
      if (f.get('password') !== f.get('again')) return say(msg, 'パスワードが一致しません。', 'error');
      try {
        await call('setup_create_manager', {
          loginId: f.get('login_id'), displayName: f.get('display_name'), password: f.get('password'),
        });
        store.set({ info: { ...store.state.info, needs_setup: false } });
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-setup', MgSetup);
