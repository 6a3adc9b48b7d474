// The procedure guides inside the visit panel: G chooses one (1–7), its approved steps are ticked
// with the number keys, Enter finishes it (its services are ticked in the visit), F9 ends the
// visit as not completed with one of the guide's reasons, Esc closes it. The card in the reader
// narrows what is offered: a guide it does not allow says why and offers to end with its reason.
// The visit panel re-renders often: the guide's own state lives in this module, per visit.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, say, messageOf } from '../util.js';
import { openSlip, SLIPS } from '../slip.js';

const KEYS = '123456789'.split('');

/** The open guide and its ticks, for the visit in progress (module state, see above). */
const state = { visitId: null, guides: [], loadedFor: null, mode: null, open: null, ticked: new Set(), formTicked: false };

function reset(visitId) {
  Object.assign(state, { visitId, guides: [], loadedFor: null, mode: null, open: null, ticked: new Set(), formTicked: false });
}

/** Whether the visit panel shows a 申請書ID read from the form (scanner, camera or typed). */
function idRead() {
  return Boolean(document.querySelector('mg-visit [data-testid=app-id-digits]'));
}

function cardKey() {
  const panel = store.state.cardPanel;
  const card = panel && panel.readers.find((r) => r.state === 'ready' && r.card);
  return card ? JSON.stringify(card.card.status) : 'none';
}

/** The citizen display says which procedure is under way and what the citizen does at its first
 * step not yet ticked (codes; the words are the display's). */
function tellCitizen() {
  const g = state.guides.find((x) => x.code === state.open);
  const next = g && g.open ? g.steps.find((_, i) => !state.ticked.has(i)) : null;
  call('citizen_set_guide', { guide: state.open, step: next ? next.cue : null }).catch(() => {});
}

class MgGuide extends HTMLElement {
  connectedCallback() {
    const v = store.state.current;
    if (!v) return;
    if (state.visitId !== v.id) reset(v.id);
    if (!this.wired) {
      this.wired = true;
      this.addEventListener('click', (e) => this.click(e));
    }
    this.render();
    this.load();
    this.tickFormSteps();
  }

  /** Once the 申請書ID is read, the application guide's steps about the form (the 申請書 cue)
   * are done: ticked once per guide opened, so the operator may untick them. */
  tickFormSteps() {
    const g = this.guide;
    if (!g || g.code !== 'application_form' || !g.open || !g.approved || state.formTicked || !idRead()) return;
    state.formTicked = true;
    const form = g.steps.map((st, i) => (st.cue === 'form' ? i : -1)).filter((i) => i >= 0);
    if (!form.length) return;
    form.forEach((i) => state.ticked.add(i));
    this.render();
    tellCitizen();
  }

  /** The visit panel's message line (looked up each time: the panel re-renders after a change). */
  get message() {
    return document.querySelector('mg-visit [data-testid=visit-message]');
  }

  /** Fetches the guides when the visit or the card changed since the last time. */
  async load() {
    const key = `${state.visitId}|${cardKey()}`;
    if (state.loadedFor === key) return;
    state.loadedFor = key;
    try {
      state.guides = await call('procedure_guides');
      if (this.isConnected) {
        this.render();
        this.tickFormSteps();
      }
    } catch (err) {
      state.loadedFor = null;
      say(this.message, messageOf(err), 'error');
    }
  }

  get guide() {
    return state.guides.find((g) => g.code === state.open) || null;
  }

  render() {
    const g = this.guide;
    if (!g) {
      const choosing = state.mode === 'choose';
      const chips = state.guides
        .map((x, i) => `<button type="button" class="guide-chip ${x.open ? '' : 'closed'} ${x.suggested ? 'suggested' : ''}" data-guide="${esc(x.code)}" data-testid="guide-${esc(x.code)}">${choosing ? `<kbd>${KEYS[i]}</kbd> ` : ''}${x.open ? '' : '× '}${esc(x.title)}</button>`)
        .join('');
      const whys = [...new Set(state.guides.filter((x) => x.why).map((x) => x.why))];
      this.innerHTML = `<div class="guides ${choosing ? 'choosing' : ''}" data-testid="guides">
        <span class="guides-label">手続きガイド <kbd>G</kbd>${choosing ? '：番号で選んでください（Esc で戻る）' : ''}</span> ${chips}
        ${whys.map((w) => `<p class="guide-why" data-testid="guide-why">${esc(w)}</p>`).join('')}</div>`;
      return;
    }
    const reasons = store.state.lists ? store.state.lists.reasons : [];
    const label = (code) => (reasons.find((r) => r.code === code) || { label: code }).label;
    let body;
    if (state.mode === 'reasons') {
      body = `<p>できなかった理由を選んでください（Esc で戻る）。来庁記録は「未完了」で終了します。</p>
        <div class="guide-reasons">${g.stop_reasons.map((r, i) => `<button type="button" data-stop="${esc(r)}" data-testid="guide-stop-${esc(r)}"><kbd>${KEYS[i]}</kbd> ${esc(label(r))}</button>`).join('')}</div>`;
    } else if (!g.open) {
      body = `<p class="guide-why stop" data-testid="guide-closed">${esc(g.why)}</p>
        <div class="actions"><button type="button" class="primary" data-stop="${esc(g.reason)}" data-testid="guide-stop">「${esc(label(g.reason))}」で未完了として終了 <kbd>F9</kbd></button>
        <button type="button" data-close>閉じる <kbd>Esc</kbd></button></div>`;
    } else {
      const steps = g.approved
        ? `<ol class="guide-steps">${g.steps.map((s, i) => `<li><button type="button" class="step ${state.ticked.has(i) ? 'on' : ''}" aria-pressed="${state.ticked.has(i)}" data-step="${i}" data-testid="guide-step-${i + 1}"><kbd>${KEYS[i] || ''}</kbd> ${esc(s.text)}</button></li>`).join('')}</ol>
           ${g.notes.length ? `<ul class="guide-notes">${g.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`
        : '<p class="hint" data-testid="guide-unapproved">この手順の文案は市の承認待ちです。承認されると手順が表示されます（「マニュアル・FAQ」）。</p>';
      body = `${g.why ? `<p class="guide-why warn">${esc(g.why)}</p>` : ''}${steps}
        <div class="actions">${g.code === 'application_form' ? '<button type="button" data-jlis data-testid="guide-jlis">申請サイトを開く <kbd>J</kbd></button>' : ''}
        <button type="button" class="primary" data-finish data-testid="guide-finish">ガイドを完了 <kbd>Enter</kbd></button>
        <button type="button" data-reasons data-testid="guide-cannot">できない（理由を選ぶ） <kbd>F9</kbd></button>
        <button type="button" data-close>閉じる <kbd>Esc</kbd></button></div>`;
    }
    this.innerHTML = `<div class="guide-open" data-testid="guide-open" data-guide-code="${esc(g.code)}"><h3>${esc(g.title)}</h3>${body}</div>`;
  }

  /** A click inside the guide (the visit panel passes its clicks on). */
  click(e) {
    const t = e.target.closest('button');
    if (!t || !this.contains(t)) return false;
    if (t.dataset.guide) this.choose(t.dataset.guide);
    else if (t.dataset.step) this.tick(Number(t.dataset.step));
    else if (t.hasAttribute('data-finish')) this.finish();
    else if (t.hasAttribute('data-jlis')) this.openJlis();
    else if (t.hasAttribute('data-reasons')) { state.mode = 'reasons'; this.render(); }
    else if (t.dataset.stop) this.stop(t.dataset.stop);
    else if (t.hasAttribute('data-close')) this.close();
    return true;
  }

  choose(code) {
    Object.assign(state, { open: code, mode: null, ticked: new Set(), formTicked: false });
    this.render();
    tellCitizen();
    this.tickFormSteps();
  }

  close() {
    const was = state.open;
    Object.assign(state, { open: null, mode: null, ticked: new Set(), formTicked: false });
    this.render();
    if (was) tellCitizen();
  }

  tick(i) {
    if (state.ticked.has(i)) state.ticked.delete(i);
    else state.ticked.add(i);
    this.render();
    tellCitizen();
  }

  /** The J-LIS application page, from the application guide (the visit panel opens it). */
  openJlis() {
    this.closest('mg-visit')?.openJlis();
  }

  async finish() {
    const g = this.guide;
    if (!g || !g.open) return;
    if (g.approved && state.ticked.size < g.steps.length) {
      say(this.message, 'まだ確認していない手順があります。番号キーで手順を確認してください。', 'error');
      return;
    }
    try {
      const v = await call('procedure_finish_guide', { id: state.visitId, guide: g.code });
      this.close();
      store.set({ current: v });
      say(this.message, `「${g.title}」を完了しました。`, 'ok');
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  async stop(reason) {
    const g = this.guide;
    if (!g) return;
    try {
      const visitId = state.visitId;
      await call('procedure_stop_guide', { id: visitId, guide: g.code, reason });
      reset(null);
      await store.refreshVisits();
      say(this.message, '未完了として対応を記録しました。', 'ok');
      // Where to go and what to bring, to take home.
      if (SLIPS[reason]) {
        const c = store.state.citizenLang;
        openSlip(c && c.visit === visitId ? c.code : 'ja', reason);
      }
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  /** A visit key while the guide has something open; true when used. */
  key(e) {
    const k = e.key.toLowerCase();
    const g = this.guide;
    if (!g) {
      if (state.mode === 'choose') {
        if (e.key === 'Escape') { state.mode = null; this.render(); return true; }
        const x = state.guides[KEYS.indexOf(k)];
        if (x) { this.choose(x.code); return true; }
        return false;
      }
      if (k === 'g' && !e.ctrlKey && !e.altKey && !e.metaKey) { state.mode = 'choose'; this.render(); return true; }
      return false;
    }
    if (e.key === 'Escape') {
      if (state.mode === 'reasons') { state.mode = null; this.render(); } else this.close();
      return true;
    }
    if (state.mode === 'reasons') {
      const r = g.stop_reasons[KEYS.indexOf(k)];
      if (r) { this.stop(r); return true; }
      return e.key === 'Enter';
    }
    if (e.key === 'F9') {
      if (!g.open) this.stop(g.reason);
      else { state.mode = 'reasons'; this.render(); }
      return true;
    }
    if (e.key === 'Enter') { this.finish(); return true; }
    if (k === 'j' && g.open && g.code === 'application_form' && !e.ctrlKey && !e.altKey && !e.metaKey) { this.openJlis(); return true; }
    const i = KEYS.indexOf(k);
    if (g.open && i >= 0 && i < g.steps.length) { this.tick(i); return true; }
    return false;
  }
}

customElements.define('mg-guide', MgGuide);
