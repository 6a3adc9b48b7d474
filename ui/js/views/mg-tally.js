// Today's running tally: per service and per counter.

import { store } from '../store.js';
import { esc } from '../util.js';

class MgTally extends HTMLElement {
  connectedCallback() {
    this.onChange = (e) => { if (e.detail.includes('tally')) this.render(); };
    store.addEventListener('change', this.onChange);
    this.render();
  }

  disconnectedCallback() {
    store.removeEventListener('change', this.onChange);
  }

  render() {
    const t = store.state.tally;
    const lists = store.state.lists;
    if (!t || !lists) { this.innerHTML = ''; return; }
    const known = new Set(lists.services.map((s) => s.code));
    const codes = [...lists.services.map((s) => s.code), ...Object.keys(t.per_service).filter((c) => !known.has(c))];
    const rows = codes
      .map((c) => `<tr><th scope="row">${esc(store.labelOf('service', c))}</th><td data-testid="tally-${esc(c)}">${esc(t.per_service[c] || 0)}</td></tr>`)
      .join('');
    const counters = Object.entries(t.per_counter)
      .map(([n, v]) => `<li>第${esc(n)}窓口 <strong data-testid="tally-counter-${esc(n)}">${esc(v)}</strong> 件</li>`)
      .join('') || '<li>第1窓口 <strong>0</strong> 件</li>';
    this.innerHTML = `
      <section class="panel tally" aria-live="polite">
        <h2>本日の対応件数</h2>
        <p class="total">合計 <strong data-testid="tally-total">${esc(t.visits)}</strong> 件
          <span class="sub">（完了 ${esc(t.completed)}・未完了 ${esc(t.not_completed)}${t.in_progress ? `・対応中 ${esc(t.in_progress)}` : ''}）</span></p>
        <ul class="counters">${counters}</ul>
        <table class="compact"><tbody>${rows}</tbody></table>
      </section>`;
  }
}

customElements.define('mg-tally', MgTally);
