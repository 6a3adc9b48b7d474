// 管理 → リンク: the sites a link in the manual or FAQ may open in the system browser. Any other
// link is not opened (the operator is told to ask the site manager).

import { call } from '../../backend.js';
import { esc, say, messageOf } from '../../util.js';

class MgAdminLinks extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const list = await call('links_get');
    this.innerHTML = `<section class="panel links-settings"><h2>リンクを開くサイト</h2>
      <p class="hint">マニュアル・FAQのリンクは、ここに登録したサイトだけをブラウザで開きます（https のみ）。1行に1つ、
        <code>myna.go.jp</code>（そのサイトだけ）または <code>*.go.jp</code>（go.jp の下のすべてのサイト）の形で入力します。</p>
      <form data-testid="links-form">
        <p><textarea name="hosts" rows="8" cols="40" spellcheck="false" data-testid="links-hosts">${esc(list.hosts.join('\n'))}</textarea></p>
        <p><button class="primary" data-testid="links-save">保存する</button></p>
        <p class="message" hidden data-testid="links-message"></p>
      </form></section>`;
    const form = this.querySelector('form');
    const msg = form.querySelector('.message');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const saved = await call('links_set', { text: form.elements.hosts.value });
        form.elements.hosts.value = saved.hosts.join('\n');
        say(msg, saved.hosts.length ? '保存しました。' : '保存しました。マニュアルのリンクはどれも開きません。', 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-admin-links', MgAdminLinks);
