// The visit in progress: start with one key, tick services with number keys, end with Enter
// (completed) or F9 (not completed, then a reason key). The visit shown is always the backend's:
// read back when the panel mounts, and replaced by the answer of every change. A tick is sent as
// "this service on/off", never as a whole set, so no stale copy can undo another change.
// The 申請書ID read for an application (scanner, typed) lives in this element only: never stored,
// never sent to the citizen display, gone with the visit (and from the clipboard 60 s after a
// copy, or at the visit's end).

import { call } from '../backend.js';
import { store } from '../store.js';
import { ask, confirmDialog, esc, say, messageOf, ENTRY_KEYS, hhmm } from '../util.js';
import './mg-guide.js';
import { openSlip, slipFor } from '../slip.js';

class MgVisit extends HTMLElement {
  connectedCallback() {
    this.choosingReason = false;
    this.onChange = (e) => {
      if (e.detail.includes('current')) this.render();
      else if (e.detail.includes('cardPanel')) this.querySelector('mg-guide')?.load();
    };
    store.addEventListener('change', this.onChange);
    this.render();
    // Whatever happened on other tabs (a photo accepted, a tick), the backend's copy is the truth.
    store.refreshCurrent().catch((err) => say(this.message, messageOf(err), 'error'));
  }

  disconnectedCallback() {
    store.removeEventListener('change', this.onChange);
  }

  /** The 案内票 for the visit, in the citizen's language. */
  slip() {
    const v = store.state.current;
    if (v) openSlip(citizenLang(v.id), slipFor(v));
  }

  /** The citizen display speaks `code` for this visit (only a count per language is kept). */
  async setLanguage(code) {
    const v = store.state.current;
    if (!v) return;
    try {
      await call('citizen_set_language', { lang: code });
      store.state.citizenLang = { visit: v.id, code };
      const l = (languages.list || []).find((x) => x.code === code);
      say(this.message, `来庁者画面の言語：${l ? l.name_ja : code}`, 'ok');
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  /** The ID the scanner (or the field) read: shown large, and the application ticked. */
  async idRead(id) {
    appId.value = id;
    const v = store.state.current;
    if (v && !v.services.includes('application')) await this.change('visit_set_service', { code: 'application', on: true });
    if (store.state.current && store.state.current.form_brought !== true) await this.change('visit_set_form', { brought: true });
    this.render();
    say(this.message, '申請書IDを読み取りました。', 'ok');
  }

  /** A scan was refused. With no visit open, the form in the scanner starts the visit (as F2
   * would) and is read again; `again` reads the same scan. */
  async idRefused(err, again) {
    if (!(err && err.code === 'no_open_visit' && again && !store.state.current)) {
      say(this.message, messageOf(err), 'error');
      return;
    }
    await this.start();
    if (!store.state.current) return;
    try {
      const answer = await again();
      if (answer.scan) await this.idRead(answer.id);
    } catch (retry) {
      say(this.message, messageOf(retry), 'error');
    }
  }

  async readTyped() {
    const input = this.querySelector('input[name=app-id]');
    if (!input) return;
    try {
      const answer = await call('procedure_read_id', { text: input.value, gaps: null });
      await this.idRead(answer.id);
    } catch (err) {
      this.idRefused(err);
    }
  }

  /** The form's QR code held up to the kiosk camera (up to 10 seconds). */
  async readQr() {
    if (this.readingQr) return;
    this.readingQr = true;
    say(this.message, 'カメラで読み取っています…　交付申請書のQRコードをカメラに向けてください。', 'info');
    try {
      const id = await call('procedure_read_qr');
      await this.idRead(id);
    } catch (err) {
      this.idRefused(err);
    } finally {
      this.readingQr = false;
    }
  }

  async copyId() {
    if (!appId.value) return;
    await copyText(appId.value.digits);
    clearTimeout(appId.clearTimer);
    appId.clearTimer = setTimeout(() => copyText(''), 60000);
    say(this.message, '申請書IDをコピーしました（60秒後にクリップボードから消去します）。', 'ok');
  }

  /** The citizen moved or changed name after the form was printed: the form must be re-issued. */
  async staleForm() {
    forgetId();
    await this.change('visit_set_form', { brought: false });
    say(this.message, 'この申請書は使えません（住所・氏名が印刷時と異なります）。市民課で交付申請書の再発行を受けるようご案内ください。', 'error');
  }

  async openJlis() {
    try {
      const opened = await call('procedure_open_jlis');
      say(this.message, opened ? '申請サイトを開きました。' : 'ブラウザを開けませんでした。申請サイトはブラウザのプライベートウィンドウで開いてください。', opened ? 'ok' : 'error');
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  idBlock(v) {
    if (!v.services.includes('application') && !appId.value) return '';
    const id = appId.value;
    const shown = id
      ? `<p class="app-id-digits" data-testid="app-id-digits" aria-label="申請書ID">${esc(id.grouped)}</p>
         <button type="button" data-action="copy-id" data-testid="app-id-copy">コピー <kbd>C</kbd></button>
         <button type="button" data-action="forget-id">読み直す</button>`
      : `<label>申請書ID（23桁） <input name="app-id" inputmode="numeric" maxlength="80" autocomplete="off" data-testid="app-id-input"></label>
         <button type="button" data-action="read-id">確定</button>
         <button type="button" data-action="read-qr" data-testid="app-id-camera">カメラで読む <kbd>K</kbd></button>
         <span class="hint">スキャナーで申請書のQRコードを読み取るか、数字を入力してください。</span>`;
    return `<div class="app-id" data-testid="app-id">${shown}
      <p class="app-id-ask">申請書の印刷後に、引越し・氏名の変更はありましたか
        <button type="button" data-action="stale-form" data-testid="app-id-stale">あった（再発行を案内）</button></p>
      <button type="button" data-action="open-jlis" data-testid="open-jlis">申請サイトを開く <kbd>J</kbd></button>
    </div>`;
  }

  get message() {
    return this.querySelector('[data-testid=visit-message]');
  }

  /** Puts the keyboard focus on the panel (after F2 from another tab). */
  focusPanel() {
    this.querySelector('section')?.focus();
  }

  render() {
    const v = store.state.current;
    const lists = store.state.lists;
    if (!v || !lists) {
      this.choosingReason = false;
      if (appId.value) forgetId(true);
      this.innerHTML = `
        <section class="panel visit idle" tabindex="-1">
          <h2>来庁者対応</h2>
          <button type="button" class="primary huge" data-action="start" data-testid="visit-start">対応開始 <kbd>F2</kbd></button>
          <p class="hint">F2 キー（または N キー）で開始します。個人情報は入力しません。</p>
          <p class="message" hidden data-testid="visit-message"></p>
        </section>`;
      this.wire();
      return;
    }
    const services = lists.services
      .map((s, i) => {
        const on = v.services.includes(s.code);
        return `<button type="button" class="service ${on ? 'on' : ''}" aria-pressed="${on}" data-service="${esc(s.code)}" data-testid="service-${esc(s.code)}">
          <kbd>${esc(ENTRY_KEYS[i] || '')}</kbd> ${esc(s.label)}</button>`;
      })
      .join('');
    const form = v.services.includes('application')
      ? `<div class="form-brought" role="radiogroup" aria-label="交付申請書の持参">
          交付申請書：
          <button type="button" data-form="yes" aria-pressed="${v.form_brought === true}" class="${v.form_brought === true ? 'on' : ''}"><kbd>Y</kbd> 持参あり</button>
          <button type="button" data-form="no" aria-pressed="${v.form_brought === false}" class="${v.form_brought === false ? 'on' : ''}"><kbd>U</kbd> 持参なし（再発行を案内）</button>
        </div>`
      : '';
    const reasons = this.choosingReason
      ? `<div class="reasons" data-testid="reasons"><p>未完了の理由を選んでください（Esc で戻る）</p>${lists.reasons
          .map((r, i) => `<button type="button" data-reason="${esc(r.code)}" data-testid="reason-${esc(r.code)}"><kbd>${esc(ENTRY_KEYS[i] || '')}</kbd> ${esc(r.label)}</button>`)
          .join('')}</div>`
      : '';
    const note = this.querySelector('input[name=note]');
    const typed = note && note === document.activeElement ? note.value : null;
    this.innerHTML = `
      <section class="panel visit open" data-testid="visit-open" tabindex="-1">
        <h2>対応中 <span class="since">${esc(hhmm(v.started_at))} 開始</span>
          <label class="visit-lang">来庁者画面の言語 <kbd>L</kbd> <select name="lang" data-testid="visit-language">${languageOptions(v.id)}</select></label></h2>
        <div class="services">${services}</div>
        ${form}
        ${this.idBlock(v)}
        <mg-guide></mg-guide>
        <div class="visit-faq" data-testid="visit-faq"></div>
        <p><button type="button" class="inline" data-action="escalate">マニュアルにない質問を記録</button></p>
        <label class="note">メモ（任意・個人情報は書かないでください） <kbd>F4</kbd>
          <input name="note" maxlength="200" value="${esc(typed ?? v.note ?? '')}" data-testid="visit-note" autocomplete="off"></label>
        <p class="message" hidden data-testid="visit-message"></p>
        ${reasons}
        <div class="actions">
          <button type="button" class="primary" data-action="complete" data-testid="visit-complete">完了で終了 <kbd>Enter</kbd></button>
          <button type="button" data-action="incomplete" data-testid="visit-incomplete">未完了で終了 <kbd>F9</kbd></button>
          <button type="button" data-action="slip" data-testid="visit-slip">案内票（A5） <kbd>S</kbd></button>
        </div>
      </section>`;
    this.wire();
    this.offerFaq(v.services);
    const input = this.querySelector('input[name=note]');
    if (typed !== null) input.focus();
    input.addEventListener('change', () => this.saveNote());
    const lang = this.querySelector('select[name=lang]');
    lang.addEventListener('change', () => this.setLanguage(lang.value));
    lang.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); lang.blur(); this.focusPanel(); }
    });
    if (!languages.list) loadLanguages().then(() => this.isConnected && store.state.current && this.render());
    this.querySelector('input[name=app-id]')?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); this.readTyped(); }
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); input.blur(); this.finish('completed'); }
      if (e.key === 'Escape') input.blur();
    });
  }

  wire() {
    // The guide handles its own buttons (it re-renders on its own).
    this.querySelectorAll('button').forEach((b) => {
      if (!b.closest('mg-guide')) b.addEventListener('click', (e) => this.click(e));
    });
  }

  /** Approved FAQ for the ticked services, offered while the visit goes on. */
  async offerFaq(services) {
    const box = this.querySelector('.visit-faq');
    if (!box || !services.length) return;
    try {
      const faq = await call('kb_for_services', { services });
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

  /** Sends one change and shows the visit the backend answers with. */
  async change(command, args) {
    const v = store.state.current;
    if (!v) return false;
    try {
      store.set({ current: await call(command, { id: v.id, ...args }) });
      say(this.message, '');
      return true;
    } catch (err) {
      say(this.message, messageOf(err), 'error');
      return false;
    }
  }

  async start() {
    try {
      store.set({ current: await call('visit_start') });
    } catch (err) {
      if (!err || err.code !== 'closed_today') return say(this.message, messageOf(err), 'error');
      // A day the calendar says is closed: ask whether the counter is open after all.
      const open = await confirmDialog('休業日の受付', messageOf(err), '受付を始める', 'やめる', { yes: 'closed-day-open', no: 'closed-day-cancel' });
      if (!open) return;
      try {
        store.set({ current: await call('visit_start', { openAnyway: true }) });
      } catch (again) {
        say(this.message, messageOf(again), 'error');
      }
    }
  }

  toggle(code) {
    const v = store.state.current;
    return this.change('visit_set_service', { code, on: !v.services.includes(code) });
  }

  /** Saves the note when it differs from the backend's; false when it was refused. Calls while a
   * save is under way share it (Enter in the note both leaves the field and ends the visit). */
  saveNote() {
    if (!this.noteSave) this.noteSave = this.sendNote().finally(() => { this.noteSave = null; });
    return this.noteSave;
  }

  async sendNote() {
    const v = store.state.current;
    const input = this.querySelector('input[name=note]');
    if (!v || !input) return true;
    const note = input.value.trim();
    if (note === (v.note || '')) return true;
    return this.change('visit_set_note', { note: note || null });
  }

  async finish(outcome, reason) {
    const v = store.state.current;
    if (!v || !(await this.saveNote())) return;
    try {
      await call('visit_end', { id: v.id, outcome, reason: reason || null });
      this.choosingReason = false;
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
    if (b.dataset.form) return this.change('visit_set_form', { brought: b.dataset.form === 'yes' });
    if (b.dataset.action === 'slip') return this.slip();
    if (b.dataset.action === 'read-id') return this.readTyped();
    if (b.dataset.action === 'read-qr') return this.readQr();
    if (b.dataset.action === 'copy-id') return this.copyId();
    if (b.dataset.action === 'forget-id') { forgetId(); return this.render(); }
    if (b.dataset.action === 'stale-form') return this.staleForm();
    if (b.dataset.action === 'open-jlis') return this.openJlis();
    if (b.dataset.action === 'complete') return this.finish('completed');
    if (b.dataset.action === 'incomplete') { this.choosingReason = true; return this.render(); }
    if (b.dataset.reason) return this.finish('not_completed', b.dataset.reason);
    return undefined;
  }

  /** Handles a visit key (the desk routes them here from anywhere on the tab); true when used. */
  key(e) {
    const v = store.state.current;
    const k = e.key.toLowerCase();
    if (!v) {
      if (e.key === 'F2' || k === 'n') { this.start(); return true; }
      return false;
    }
    if (e.key === 'F4') { this.querySelector('input[name=note]')?.focus(); return true; }
    const lists = store.state.lists;
    if (this.choosingReason) {
      if (e.key === 'Escape') { this.choosingReason = false; this.render(); return true; }
      const r = lists.reasons[ENTRY_KEYS.indexOf(k)];
      if (r) { this.finish('not_completed', r.code); return true; }
      return false;
    }
    if (this.querySelector('mg-guide')?.key(e)) return true;
    if (e.key === 'Enter') { this.finish('completed'); return true; }
    if (e.key === 'F9') { this.choosingReason = true; this.render(); return true; }
    if (e.key === 'F2') return true;
    if (e.ctrlKey || e.altKey || e.metaKey) return false;
    if (k === 'y' && v.services.includes('application')) { this.change('visit_set_form', { brought: true }); return true; }
    if (k === 'u' && v.services.includes('application')) { this.change('visit_set_form', { brought: false }); return true; }
    if (k === 's' && !e.ctrlKey && !e.altKey && !e.metaKey) { this.slip(); return true; }
    if (k === 'l' && !e.ctrlKey && !e.altKey && !e.metaKey) { this.querySelector('select[name=lang]')?.focus(); return true; }
    if (k === 'j' && v.services.includes('application')) { this.openJlis(); return true; }
    if (k === 'c' && appId.value) { this.copyId(); return true; }
    if (k === 'k' && v.services.includes('application') && !appId.value) { this.readQr(); return true; }
    const s = lists.services[ENTRY_KEYS.indexOf(k)];
    if (s) { this.toggle(s.code); return true; }
    return false;
  }
}

/** Japanese, the display's language until the list has come (or when it cannot). */
const JAPANESE = { code: 'ja', name_ja: '日本語', native: '日本語' };

/** The citizen display's languages (fetched once). */
const languages = { list: null };

/** The language the operator chose for the visit `visitId` (Japanese unless one was). */
export function citizenLang(visitId) {
  const c = store.state.citizenLang;
  return c && c.visit === visitId ? c.code : 'ja';
}

async function loadLanguages() {
  try {
    languages.list = await call('citizen_languages');
  } catch (err) {
    languages.list = [JAPANESE];
  }
}

function languageOptions(visitId) {
  const chosen = citizenLang(visitId);
  return (languages.list || [JAPANESE])
    .map((l) => `<option value="${esc(l.code)}" ${l.code === chosen ? 'selected' : ''}>${esc(l.name_ja)}${l.native !== l.name_ja ? `（${esc(l.native)}）` : ''}</option>`)
    .join('');
}

/** The ID read for the visit in progress (module state: it survives the panel's re-renders and
 * tab changes, and nothing else holds it). */
const appId = { value: null, clearTimer: null, copied: false };

function forgetId(endOfVisit = false) {
  appId.value = null;
  if (endOfVisit || appId.copied) {
    clearTimeout(appId.clearTimer);
    if (appId.copied) copyText('');
  }
  appId.copied = false;
}

/** Puts `text` on the clipboard ('' clears it). */
async function copyText(text) {
  if (text) appId.copied = true;
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (err) {
    // Not a secure context for the async clipboard: the older copy command works in the webview.
  }
  const area = document.createElement('textarea');
  area.value = text || ' ';
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

customElements.define('mg-visit', MgVisit);
