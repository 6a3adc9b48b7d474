// Shown instead of everything when the app cannot work (a corrupt database, an unwritable folder).

import { store } from '../store.js';
import { esc } from '../util.js';

class MgFatal extends HTMLElement {
  connectedCallback() {
    const { info } = store.state;
    this.innerHTML = `
      <section class="panel fatal" role="alert">
        <h1>アプリを開始できません</h1>
        <p class="message error" data-testid="fatal-message">${esc(info.startup_error)}</p>
        <p>データフォルダ：<code>${esc(info.data_dir || '')}</code></p>
        <p>保存済みのデータには手を加えていません。IT担当者に連絡し、<code>madoguchi doctor</code> の結果を伝えてください。</p>
      </section>`;
  }
}

customElements.define('mg-fatal', MgFatal);
