// The IC card reader panel: each reader's state and, with a card in, what it can do — before the
// citizen types any PIN. Updates are pushed from Rust; nothing about a card stays once it is out.

import { call, watch } from '../backend.js';
import { store } from '../store.js';
import { esc, say } from '../util.js';

const STATE = { empty: 'カードを挿入してください', reading: 'カードを読み取っています…', ready: '読み取りました', error: '読み取れませんでした' };
const LEVEL = { ok: '○', warn: '注意', stop: '×' };

class MgCard extends HTMLElement {
  async connectedCallback() {
    this.innerHTML = `<section class="panel card-panel" aria-live="polite" data-testid="card-panel">
      <h2>カードリーダー</h2><div class="card-body"></div><p class="message" hidden></p>
      <div class="card-demo" hidden></div></section>`;
    this.addEventListener('click', (e) => this.click(e));
    try {
      const first = await watch('card_watch', {}, (panel) => this.render(panel));
      this.renderDemo(first.presets);
      this.render(first.panel);
    } catch (err) {
      say(this.querySelector('.message'), err.message, 'error');
    }
  }

  render(panel) {
    // The visit's guides narrow to what this card allows (nothing of it is stored).
    store.set({ cardPanel: panel });
    const body = this.querySelector('.card-body');
    if (!body) return;
    const parts = [];
    if (panel.service.state === 'unavailable') {
      parts.push(`<p class="card-service" data-testid="card-service">${esc(panel.service.message)}</p>`);
    }
    const real = panel.readers.filter((r) => !r.simulated);
    if (panel.service.state === 'ok' && real.length === 0) {
      parts.push('<p class="card-service" data-testid="card-service">カードリーダーが接続されていません。USBの接続を確かめてください。</p>');
    }
    for (const r of panel.readers) parts.push(this.reader(r));
    body.innerHTML = parts.join('');
  }

  reader(r) {
    const card = r.card;
    let detail = '';
    if (card && card.status.kind !== 'none') {
      detail = `
        <p class="verdict ${esc(card.verdict)}" data-testid="card-verdict">${esc(card.verdict_text)}</p>
        <ul class="advice">${card.advice.map((a) => `<li class="${esc(a.level)}"><span class="level">${esc(LEVEL[a.level])}</span>${esc(a.text)}${a.manual ? ` <button type="button" class="link inline" data-manual="${esc(a.manual)}">マニュアル</button>` : ''}</li>`).join('')}</ul>`;
    }
    return `<div class="reader ${esc(r.state)}" data-testid="card-reader" data-reader="${esc(r.name)}">
      <p class="reader-line"><strong>${esc(r.name)}</strong>：<span data-testid="card-state">${esc(STATE[r.state])}</span></p>
      ${r.message ? `<p class="reader-message" data-testid="card-message">${esc(r.message)}</p>` : ''}
      ${detail}</div>`;
  }

  renderDemo(presets) {
    const box = this.querySelector('.card-demo');
    if (!presets || !presets.length) return;
    box.hidden = false;
    box.innerHTML = `<p class="hint">デモ：模擬カードを挿入</p>
      <p>${presets.map((p) => `<button type="button" data-preset="${esc(p.id)}" data-testid="demo-card-${esc(p.id)}">${esc(p.label)}</button>`).join(' ')}
      <button type="button" data-remove data-testid="demo-card-remove">取り出す</button></p>`;
  }

  async click(e) {
    const msg = this.querySelector('.message');
    say(msg, '');
    const preset = e.target.closest('[data-preset]');
    const manual = e.target.closest('[data-manual]');
    try {
      if (preset) this.render(await call('demo_card_insert', { preset: preset.dataset.preset }));
      else if (e.target.closest('[data-remove]')) this.render(await call('demo_card_remove'));
      else if (manual) {
        store.set({ kbQuery: manual.dataset.manual });
        this.dispatchEvent(new CustomEvent('mg-open-tab', { bubbles: true, detail: 'kb' }));
      }
    } catch (err) {
      say(msg, err.message, 'error');
    }
  }
}

customElements.define('mg-card', MgCard);
