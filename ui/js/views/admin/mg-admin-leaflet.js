// 管理 → リーフレット: the month's leaflet as an A4 PDF (one month or the next three, from the
// calendar), and its wording — a draft the city approves before the leaflet prints it.

import { call } from '../../backend.js';
import { store } from '../../store.js';
import { esc, say, messageOf } from '../../util.js';
import { addMonths, thisMonth } from '../../dates.js';

/** Where the wording stands. */
function state(w) {
  if (w.draft) return '<p class="message info" data-testid="leaflet-state">文案が市の承認を待っています。承認されるまで、リーフレットには承認済みの文案（なければ初期文案）が印刷されます。</p>';
  if (w.approved) return `<p class="message ok" data-testid="leaflet-state">市が承認した文案を印刷します（${esc(w.approved_by)}、${esc(w.approved_at.slice(0, 10))}）。</p>`;
  return '<p class="message info" data-testid="leaflet-state">まだ市の承認を受けた文案がありません。初期文案に「市の承認前の文案」と表示して印刷します。</p>';
}

class MgAdminLeaflet extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const w = await call('leaflet_wording');
    const t = w.current;
    const edit = store.can('leaflet_texts_edit');
    this.innerHTML = `<section class="panel leaflet"><h2>広報用リーフレット</h2>
      <form data-testid="leaflet-pdf-form" class="report-tools">
        <label>最初の月 <mg-month-field name="month" value="${esc(addMonths(thisMonth(), 1))}" label="最初の月"></mg-month-field></label>
        <label>月数 <select name="months" data-testid="leaflet-months"><option value="1">1か月</option><option value="3">3か月</option><option value="2">2か月</option></select></label>
        <button class="primary" data-testid="leaflet-export">PDF を保存…</button>
      </form>
      <p class="hint">A4 縦。開設日はカレンダーのとおりに印刷されます（臨時開設・休業を変えたら作り直してください）。</p>
      <p class="message" hidden data-testid="leaflet-message"></p>
      <h3>文案</h3>${state(w)}
      ${edit ? `<form data-testid="leaflet-texts-form">
        <label>窓口の名前 <input name="name" value="${esc(t.name)}" size="30" required></label>
        <label>場所 <input name="place" value="${esc(t.place)}" size="50" required></label>
        <label>この窓口でお手伝いできること（1行に1項目）<textarea name="helps" rows="4" cols="70">${esc(t.helps.join('\n'))}</textarea></label>
        <label>お持ちいただくもの（1行に1項目）<textarea name="bring" rows="4" cols="70">${esc(t.bring.join('\n'))}</textarea></label>
        <label>自由記入欄（問い合わせ先など）<textarea name="note" rows="2" cols="70">${esc(t.note)}</textarea></label>
        <p><button data-testid="leaflet-save-draft">文案を保存して市の承認を依頼</button></p>
        <p class="message" hidden data-testid="leaflet-texts-message"></p></form>` : ''}
      </section>`;
    const msg = this.querySelector('[data-testid=leaflet-message]');
    this.querySelector('[data-testid=leaflet-pdf-form]').addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      try {
        const done = await call('leaflet_export', { month: f.querySelector('mg-month-field').value, months: Number(f.elements.months.value) });
        if (done) say(msg, done, 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
    const texts = this.querySelector('[data-testid=leaflet-texts-form]');
    if (!texts) return;
    texts.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = texts.elements;
      const lines = (v) => v.split('\n').map((l) => l.trim()).filter(Boolean);
      try {
        await call('leaflet_save_draft', { texts: { name: f.name.value, place: f.place.value, helps: lines(f.helps.value), bring: lines(f.bring.value), note: f.note.value } });
        await this.load();
        say(this.querySelector('[data-testid=leaflet-state]'), '文案を保存しました。市の承認を待っています。', 'ok');
      } catch (err) {
        say(texts.querySelector('.message'), messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-admin-leaflet', MgAdminLeaflet);

/** The city's side (レポート tab): the draft beside what is printed now, and 承認する. */
class MgLeafletApproval extends HTMLElement {
  connectedCallback() {
    if (!store.can('kb_approve')) return;
    this.load().catch(() => {});
  }

  async load() {
    const w = await call('leaflet_wording');
    if (!w.draft) {
      this.innerHTML = '';
      return;
    }
    const show = (t) => t ? `<dl><dt>窓口の名前</dt><dd>${esc(t.name)}</dd><dt>場所</dt><dd>${esc(t.place)}</dd>
      <dt>お手伝いできること</dt><dd>${t.helps.map(esc).join('<br>')}</dd><dt>お持ちいただくもの</dt><dd>${t.bring.map(esc).join('<br>')}</dd>
      <dt>自由記入欄</dt><dd>${esc(t.note)}</dd></dl>` : '<p class="hint">（なし：初期文案）</p>';
    this.innerHTML = `<section class="panel" data-testid="leaflet-approval"><h2>リーフレット文案の承認</h2>
      <div class="tab-overview"><div><h3>現在</h3>${show(w.approved)}</div><div><h3>新しい文案</h3>${show(w.draft)}</div></div>
      <p><button class="primary" data-testid="leaflet-approve">承認する</button></p><p class="message" hidden></p></section>`;
    this.querySelector('[data-testid=leaflet-approve]').addEventListener('click', async () => {
      try {
        await call('leaflet_approve');
        this.innerHTML = '<p class="message ok">リーフレットの文案を承認しました。</p>';
      } catch (err) {
        say(this.querySelector('.message'), messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-leaflet-approval', MgLeafletApproval);
