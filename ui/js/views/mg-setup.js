// First run of a real install: create the site manager (現場責任者) account.

import { call } from '../backend.js';
import { store } from '../store.js';
import { say, messageOf } from '../util.js';
import { today } from '../dates.js';

/** This fiscal year's first and last day (April to March), the usual contract period. */
function fiscalYear() {
  // The counter's date once the status has come; the PC's clock before that.
  const t = today() || new Date().toISOString().slice(0, 10);
  const y = Number(t.slice(0, 4)) - (Number(t.slice(5, 7)) < 4 ? 1 : 0);
  return y;
}
const fiscalStart = () => `${fiscalYear()}-04-01`;
const fiscalEnd = () => `${fiscalYear() + 1}-03-31`;

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
        <h2>契約の内容</h2>
        <p class="hint">報告書と開設カレンダーに使います。あとから管理画面で変更できます。</p>
        <div class="field-row">契約期間 <mg-date-field name="contract_start" value="${fiscalStart()}" label="契約期間の始め"></mg-date-field> 〜
          <mg-date-field name="contract_end" value="${fiscalEnd()}" label="契約期間の終わり"></mg-date-field></div>
        <label>業務名（契約書のとおり）<input name="business_name" required value="マイナンバーカード申請支援（オンライン窓口方式）業務委託"></label>
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
          loginId: f.get('login_id'),
          displayName: f.get('display_name'),
          password: f.get('password'),
          contract: { start: f.get('contract_start'), end: f.get('contract_end'), business_name: f.get('business_name') },
        });
        store.set({ info: { ...store.state.info, needs_setup: false } });
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-setup', MgSetup);
