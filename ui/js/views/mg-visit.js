// The visit in progress: start with one key, tick services with number keys, end with Enter
// (completed) or F9 (not completed, then a reason key). Every tick is saved at once.

import { call } from '../backend.js';
import { store } from '../store.js';
import { ask, esc, say, messageOf, typing, ENTRY_KEYS, hhmm } from '../util.js';

class MgVisit extends HTMLElement {
  connectedCallback() {
    this.choosingReason = false;
    this.onKey = (e) => this.key(e);
    document.addEventListener('keydown', this.onKey);
    this.onChange = (e) => {
      if (e.detail.includes('current')) this.load();
    };
    store.addEventListener('change', this.onChange);
    this.load();
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.onKey);
    store.removeEventListener('change', this.onChange);
  }

  load() {
    const v = store.state.current;
    this.edit = v
      ? { services: [...v.services], formBrought: v.form_brought, note: v.note || '' }
      : null;
    this.choosingReason = false;
    this.render();
  }

  get message() {
    return this.querySelector('[data-testid=visit-message]');
  }

  render() {
    const v = store.state.current;
    const lists = store.state.lists;
    if (!v) {
      this.innerHTML = `
        <section class="panel visit idle">
          <h2>来庁者対応</h2>
          <button type="button" class="primary huge" data-action="start" data-testid="visit-start">対応開始 <kbd>F2</kbd></button>
          <p class="hint">F2 キー（または N キー）で開始します。個人情報は入力しません。</p>
          <p class="message" hidden data-testid="visit-message"></p>
        </section>`;
      return;
    }
    const services = lists.services
      .map((s, i) => {
        const on = this.edit.services.includes(s.code);
        return `<button type="button" class="service ${on ? 'on' : ''}" aria-pressed="${on}" data-service="${esc(s.code)}" data-testid="service-${esc(s.code)}">
          <kbd>${esc(ENTRY_KEYS[i] || '')}</kbd> ${esc(s.label)}</button>`;
      })
      .join('');
    const application = this.edit.services.includes('application');
    const form = application
      ? `<div class="form-brought" role="radiogroup" aria-label="交付申請書の持参">
          交付申請書：
          <button type="button" data-form="yes" aria-pressed="${this.edit.formBrought === true}" class="${this.edit.formBrought === true ? 'on' : ''}"><kbd>Y</kbd> 持参あり</button>
          <button type="button" data-form="no" aria-pressed="${this.edit.formBrought === false}" class="${this.edit.formBrought === false ? 'on' : ''}"><kbd>U</kbd> 持参なし（再発行を案内）</button>
        </div>`
      : '';
    const reasons = this.choosingReason
      ? `<div class="reasons" data-testid="reasons"><p>未完了の理由を選んでください（Esc で戻る）</p>${lists.reasons
          .map((r, i) => `<button type="button" data-reason="${esc(r.code)}" data-testid="reason-${esc(r.code)}"><kbd>${esc(ENTRY_KEYS[i] || '')}</kbd> ${esc(r.label)}</button>`)
          .join('')}</div>`
      : '';
    this.innerHTML = `
      <section class="panel visit open" data-testid="visit-open">
        <h2>対応中 <span class="since">${esc(hhmm(v.started_at))} 開始</span></h2>
        <div class="services">${services}</div>
        ${form}
        <div class="visit-faq" data-testid="visit-faq"></div>
        <p><button type="button" class="inline" data-action="escalate">マニュアルにない質問を記録</button></p>
        <label class="note">メモ（任意・個人情報は書かないでください） <kbd>F4</kbd>
          <input name="note" maxlength="200" value="${esc(this.edit.note)}" data-testid="visit-note" autocomplete="off"></label>
        <p class="message" hidden data-testid="visit-message"></p>
        ${reasons}
        <div class="actions">
          <button type="button" class="primary" data-action="complete" data-testid="visit-complete">完了で終了 <kbd>Enter</kbd></button>
          <button type="button" data-action="incomplete" data-testid="visit-incomplete">未完了で終了 <kbd>F9</kbd></button>
        </div>
      </section>`;
    this.querySelectorAll('button').forEach((b) => b.addEventListener('click', (e) => this.click(e)));
    this.offerFaq();
    const note = this.querySelector('input[name=note]');
    note.addEventListener('input', () => { this.edit.note = note.value; });
    note.addEventListener('change', () => this.save());
    note.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); note.blur(); this.finish('completed'); }
      if (e.key === 'Escape') note.blur();
    });
  }

  /** Approved FAQ for the ticked services, offered while the visit goes on. */
  async offerFaq() {
    const box = this.querySelector('.visit-faq');
    if (!box || !this.edit.services.length) return;
    try {
      const faq = await call('kb_for_services', { services: this.edit.services });
      if (!faq.length || !box.isConnected) return;
      box.innerHTML = `<p class="hint">関連するFAQ：</p>${faq.map((v) => `<button type="button" class="link faq" data-faq="${v.document_id}">${esc(v.draft.title)}</button>`).join('')}`;
      box.querySelectorAll('[data-faq]').forEach((b) => b.addEventListener('click', () => this.openFaq(b.dataset.faq)));
    } catch (err) {
      // The FAQ is a help, not part of the visit: a failure here does not stop the visit.
    }
  }

  async openFaq(id) {
    try {
      const d = await call('kb_document', { id: Number(id), versionId: null });
      const dialog = document.createElement('dialog');
      dialog.innerHTML = `<form method="dialog"><h2>${esc(d.version.draft.title)}</h2><div class="kb-body">${d.html}</div>
        <div class="actions"><button value="close" class="primary">閉じる</button></div></form>`;
      document.body.append(dialog);
      dialog.addEventListener('close', () => dialog.remove());
      dialog.showModal();
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  async escalate() {
    const question = await ask('市への確認', '質問（個人が特定できる情報は書かないでください）');
    if (!question) return;
    try {
      await call('esc_ask', { question });
      say(this.message, '質問を記録しました。回答は「マニュアル・FAQ」に表示されます。', 'ok');
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  payload(outcome, reason) {
    return {
      services: this.edit.services,
      form_brought: this.edit.formBrought ?? null,
      note: this.edit.note || null,
      outcome: outcome || null,
      reason: reason || null,
    };
  }

  async start() {
    try {
      const current = await call('visit_start');
      store.set({ current });
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  async save() {
    const v = store.state.current;
    if (!v) return;
    try {
      await call('visit_save', { id: v.id, edit: this.payload() });
      say(this.message, '');
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  toggle(code) {
    const i = this.edit.services.indexOf(code);
    if (i >= 0) this.edit.services.splice(i, 1);
    else this.edit.services.push(code);
    this.render();
    this.save();
  }

  setForm(value) {
    this.edit.formBrought = value;
    this.render();
    this.save();
  }

  async finish(outcome, reason) {
    const v = store.state.current;
    try {
      await call('visit_end', { id: v.id, edit: this.payload(outcome, reason) });
      await store.refreshVisits();
      say(this.message, '対応を記録しました。', 'ok');
    } catch (err) {
      this.choosingReason = false;
      this.render();
      say(this.message, messageOf(err), 'error');
    }
  }

  click(e) {
    const b = e.currentTarget;
    if (b.dataset.action === 'start') return this.start();
    if (b.dataset.action === 'escalate') return this.escalate();
    if (b.dataset.service) return this.toggle(b.dataset.service);
    if (b.dataset.form) return this.setForm(b.dataset.form === 'yes');
    if (b.dataset.action === 'complete') return this.finish('completed');
    if (b.dataset.action === 'incomplete') { this.choosingReason = true; return this.render(); }
    if (b.dataset.reason) return this.finish('not_completed', b.dataset.reason);
  }

  key(e) {
    if (!this.isConnected || document.querySelector('dialog[open]')) return;
    const v = store.state.current;
    if (!v) {
      if (e.key === 'F2' || (!typing(e) && (e.key === 'n' || e.key === 'N'))) {
        e.preventDefault();
        this.start();
      }
      return;
    }
    if (e.key === 'F4') { e.preventDefault(); this.querySelector('input[name=note]')?.focus(); return; }
    if (typing(e)) return;
    const lists = store.state.lists;
    const k = e.key.toLowerCase();
    if (this.choosingReason) {
      if (e.key === 'Escape') { this.choosingReason = false; this.render(); return; }
      const r = lists.reasons[ENTRY_KEYS.indexOf(k)];
      if (r) { e.preventDefault(); this.finish('not_completed', r.code); }
      return;
    }
    if (e.key === 'Enter' && !e.target.closest?.('button')) { e.preventDefault(); this.finish('completed'); return; }
    if (e.key === 'F9') { e.preventDefault(); this.choosingReason = true; this.render(); return; }
    if (k === 'y' && this.edit.services.includes('application')) return this.setForm(true);
    if (k === 'u' && this.edit.services.includes('application')) return this.setForm(false);
    const s = lists.services[ENTRY_KEYS.indexOf(k)];
    if (s && !e.ctrlKey && !e.altKey && !e.metaKey) { e.preventDefault(); this.toggle(s.code); }
  }
}

customElements.define('mg-visit', MgVisit);
