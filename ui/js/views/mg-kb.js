// マニュアル・FAQ: search as you type over approved documents, read one, write drafts and send
// them for approval. An operator's draft goes to the site manager, who sends it on to the city or
// back; city staff approve or return what the site manager sent. Bodies arrive as HTML already
// sanitised by the app (pulldown-cmark + ammonia); nothing else is put into innerHTML unescaped.

import { call } from '../backend.js';
import { store } from '../store.js';
import { ask, esc, say, messageOf } from '../util.js';
import { md, today, wareki } from '../dates.js';
import { printDocument } from '../print.js';

const REASONS = [['inquiry', '問い合わせ対応'], ['self_improvement', '自主改善'], ['city_request', '市の要請']];
const STATUS = { draft: '下書き', submitted: '承認待ち', approved: '承認済み', returned: '差し戻し' };
const KIND = { faq: 'FAQ', manual: 'マニュアル', procedure: '手順' };

/** Where a version stands, including the site manager's step and where an import came from. */
function stage(v) {
  const s = v.status === 'submitted' && !v.forwarded_at ? '現場責任者の確認待ち' : STATUS[v.status];
  if (v.imported_from === null || v.imported_from === undefined) return s;
  return `${s}（${v.imported_from ? `第${v.imported_from}窓口から` : ''}取り込み）`;
}

class MgKb extends HTMLElement {
  connectedCallback() {
    // What this account may do here decides what the tab shows.
    this.city = store.can('kb_approve');
    this.staff = store.can('kb_review');
    this.writer = store.can('kb_draft');
    this.forwarder = store.can('kb_forward');
    this.innerHTML = `
      <div class="kb-tools">
        <input type="search" name="q" placeholder="例：暗証番号 ロック" aria-label="マニュアル・FAQを検索" data-testid="kb-query" autocomplete="off">
        ${this.writer ? '<button type="button" data-new data-testid="kb-new">FAQ・マニュアルを書く</button>' : ''}
        ${this.staff ? '<button type="button" data-briefing data-testid="kb-briefing">説明用に印刷</button>' : ''}
        ${store.can('briefing_record') ? '<button type="button" data-briefing-record data-testid="kb-briefing-record">説明の記録</button>' : ''}
      </div>
      <p class="message" hidden></p>
      <div class="kb-layout"><ol class="kb-hits" data-testid="kb-hits"></ol><article class="kb-doc panel" data-testid="kb-doc"><p class="hint">検索語を入力してください。</p></article></div>
      ${this.city || this.forwarder ? `<section class="panel kb-queue"><h2>${this.city ? '承認待ち' : 'オペレーターの原稿（市への送付待ち）'}</h2><div data-testid="kb-queue"></div></section>` : ''}
      ${this.staff ? `<section class="panel"><h2>市の要請によらない変更</h2>
        <p class="field-row">期間 <mg-date-field name="from" value="${esc(today().slice(0, 8))}01" label="開始日"></mg-date-field> 〜 <mg-date-field name="to" value="${esc(today())}" label="終了日"></mg-date-field> <button type="button" data-unrequested>表示</button></p>
        <div data-testid="kb-unrequested"></div></section>` : ''}
      <section class="panel"><h2>市への確認（マニュアルにない質問）</h2>
        ${store.can('escalation_ask') ? '<p><button type="button" data-ask data-testid="esc-ask">質問を記録する</button></p>' : ''}
        <div data-testid="esc-list"></div></section>
      `;
    const q = this.querySelector('[name=q]');
    let timer;
    q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => this.search(q.value), 150); });
    // Enter opens the first hit of what is typed now (searching at once if the pause has not come).
    q.addEventListener('keydown', async (e) => {
      if (e.key !== 'Enter' || e.isComposing) return;
      e.preventDefault();
      clearTimeout(timer);
      const hits = await this.search(q.value);
      if (hits && hits.length) this.show(hits[0].id);
    });
    this.addEventListener('click', (e) => this.click(e));
    q.focus();
    if (store.state.kbQuery) {
      q.value = store.state.kbQuery;
      store.set({ kbQuery: null });
      this.search(q.value);
    }
    if (this.city || this.forwarder) this.loadQueue();
    this.loadEscalations();
  }

  async loadEscalations() {
    const box = this.querySelector('[data-testid=esc-list]');
    const label = { open: '未送付', sent: '市へ送付済み', answered: '回答あり' };
    try {
      const list = await call('esc_list');
      box.innerHTML = list.length
        ? `<table><thead><tr><th>日時</th><th>質問</th><th>状況</th><th>市の回答</th><th></th></tr></thead><tbody>${list.map((e) => {
          let act = '';
          if (store.can('escalation_send') && e.status === 'open') act = `<button type="button" class="inline" data-esc="${e.id}" data-step="send">市へ送付</button>`;
          if (store.can('escalation_answer') && e.status === 'sent') act = `<button type="button" class="inline" data-esc="${e.id}" data-step="answer" data-testid="esc-answer">回答する</button>`;
          if (this.writer && e.status === 'answered' && !e.faq_document_id) act = `<button type="button" class="inline" data-esc="${e.id}" data-step="faq">FAQ原稿にする</button>`;
          if (e.faq_document_id) act = 'FAQ原稿あり';
          return `<tr><td>${esc(md(e.asked_at))} ${esc(e.asked_at.slice(11, 16))}</td><td>${esc(e.question)}</td><td>${esc(label[e.status])}</td><td>${esc(e.answer)}</td><td>${act}</td></tr>`;
        }).join('')}</tbody></table>`
        : '<p class="hint">記録はありません。</p>';
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  get message() {
    return this.querySelector('.message');
  }

  /** Searches and lists the hits; answers the hits, or null when a newer search overtook it.
   * The reading pane is cleared when the document it shows is not among the new hits. */
  async search(query) {
    const list = this.querySelector('.kb-hits');
    const seq = (this.searchSeq = (this.searchSeq || 0) + 1);
    if (!query.trim()) { list.innerHTML = ''; this.clearDoc(); return []; }
    try {
      const hits = await call('kb_search', { query });
      if (seq !== this.searchSeq) return null;
      list.innerHTML = hits.length
        ? hits.map((h) => `<li><button type="button" class="link" data-doc="${h.id}" data-testid="kb-hit"><strong>${esc(h.title)}</strong><br><small class="snippet">${esc(h.snippet)}</small></button></li>`).join('')
        : '<li class="hint">見つかりませんでした。</li>';
      if (this.current && !hits.some((h) => h.id === this.current.document_id)) this.clearDoc();
      return hits;
    } catch (err) {
      say(this.message, messageOf(err), 'error');
      return null;
    }
  }

  /** Empties the reading pane (nothing shown that the hits no longer hold). */
  clearDoc() {
    this.current = null;
    this.showSeq = (this.showSeq || 0) + 1;
    const pane = this.querySelector('.kb-doc');
    if (pane) pane.innerHTML = '';
  }

  async show(id, versionId) {
    const seq = (this.showSeq = (this.showSeq || 0) + 1);
    try {
      const d = await call('kb_document', { id: Number(id), versionId: versionId ? Number(versionId) : null });
      // A later click (or a new search) came first: this answer is stale.
      if (seq !== this.showSeq) return;
      const v = d.version;
      const history = d.history.length
        ? `<details open><summary>履歴（${d.history.length}版）</summary><ul class="kb-history">${d.history.map((h, i) => `<li>
            <button type="button" class="link inline" data-doc="${h.document_id}" data-version="${h.id}">第${h.version}版</button>
            ${esc(stage(h))} ${esc(h.author)}${h.decided_by && h.status === 'approved' ? `（承認：${esc(h.decided_by)}）` : ''}${h.summary ? `：${esc(h.summary)}` : ''}${h.comment ? `（差し戻し：${esc(h.comment)}）` : ''}
            ${i > 0 ? `<button type="button" class="inline" data-diff-from="${d.history[i - 1].id}" data-diff-to="${h.id}">前の版との違い</button>` : ''}</li>`).join('')}</ul></details>`
        : '';
      let actions = '';
      if (this.forwarder && v.status === 'submitted' && !v.forwarded_at) {
        actions = `<div class="actions"><button type="button" class="primary" data-forward="${v.id}" data-testid="kb-forward">市に送る</button><button type="button" data-send-back="${v.id}">差し戻す</button></div>`;
      } else if (this.city && v.status === 'submitted' && v.forwarded_at) {
        actions = `<div class="actions"><button type="button" class="primary" data-approve="${v.id}" data-testid="kb-approve">承認する</button><button type="button" data-return="${v.id}">差し戻す</button></div>`;
      } else if (this.writer && v.status === 'approved') {
        actions = '<div class="actions"><button type="button" data-revise data-testid="kb-revise">改訂する</button></div>';
      } else if (this.writer && (v.status === 'draft' || v.status === 'returned')) {
        actions = '<div class="actions"><button type="button" data-edit-version data-testid="kb-edit">編集して申請する</button></div>';
      }
      this.current = v;
      if (store.can('kb_arrange') && v.kind === 'manual' && v.status === 'approved') {
        const sections = (await call('kb_briefing')).filter((e) => e.version.kind === 'manual' && e.version.document_id !== v.document_id);
        actions += `<form class="chapter-form"><label>章の位置：親の章 <select name="parent"><option value="">（最上位）</option>${sections.map((e) => `<option value="${e.version.document_id}" ${v.parent_id === e.version.document_id ? 'selected' : ''}>${esc(e.number)} ${esc(e.version.draft.title)}</option>`).join('')}</select></label>
          <label>順番 <input type="number" name="position" value="${v.position}"></label> <button type="submit">位置を保存</button></form>`;
      }
      if (seq !== this.showSeq) return;
      this.querySelector('.kb-doc').innerHTML = `
        <h2 data-testid="kb-title">${esc(v.draft.title)}</h2>
        <p class="hint">${esc(KIND[v.kind] || 'FAQ')}・第${v.version}版・${esc(stage(v))}${v.decided_at ? `（${esc(wareki(v.decided_at))}）` : ''}</p>
        <div class="kb-body">${d.html}</div>${history}${actions}`;
      const chapter = this.querySelector('.chapter-form');
      if (chapter) {
        chapter.addEventListener('submit', async (ev) => {
          ev.preventDefault();
          try {
            await call('kb_set_position', { id: v.document_id, parent: chapter.parent.value ? Number(chapter.parent.value) : null, position: Number(chapter.position.value) });
            say(this.message, '章の位置を保存しました。', 'ok');
          } catch (err) {
            say(this.message, messageOf(err), 'error');
          }
        });
      }
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  async loadQueue() {
    const box = this.querySelector('[data-testid=kb-queue]');
    try {
      const q = await call('kb_queue');
      box.innerHTML = q.length
        ? `<ul>${q.map((v) => `<li><button type="button" class="link" data-doc="${v.document_id}" data-version="${v.id}">${esc(v.draft.title)}（第${v.version}版・${esc((REASONS.find((r) => r[0] === v.reason) || ['', ''])[1])}：${esc(v.summary)}）</button></li>`).join('')}</ul>`
        : `<p class="hint">${this.city ? '承認待ちはありません。' : '市への送付を待っている原稿はありません。'}</p>`;
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  /** Records a briefing of the manual and the equipment (attendees by role, never names). */
  recordBriefing() {
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form method="dialog" data-testid="briefing-form"><h2>マニュアル・機器の説明の記録</h2>
      <div class="field-row">実施日 <mg-date-field name="held_on" value="${esc(today())}" label="実施日"></mg-date-field></div>
      <label>出席者（役職と人数。氏名は書きません）<input name="attendees" required placeholder="例：市民課 2名、現場責任者 1名"></label>
      <label>説明した内容・質問<textarea name="note" rows="3"></textarea></label>
      <p class="hint">説明したマニュアルの版（承認済みの文書数と最終承認日）は自動で記録されます。月次報告書に載ります。</p>
      <p class="message" hidden></p>
      <div class="actions"><button value="ok" class="primary" data-testid="briefing-save">記録する</button><button value="cancel" formnovalidate>戻る</button></div></form>`;
    document.body.append(dialog);
    const form = dialog.querySelector('form');
    form.addEventListener('submit', async (e) => {
      if (e.submitter && e.submitter.value === 'cancel') return;
      e.preventDefault();
      try {
        const r = await call('kb_briefing_record', { briefing: { held_on: form.querySelector('mg-date-field').value, attendees: form.elements.attendees.value, note: form.elements.note.value } });
        dialog.close();
        say(this.querySelector('.message'), `説明を記録しました（${r.held_on}、${r.manual_version}）。`, 'ok');
      } catch (err) {
        say(form.querySelector('.message'), messageOf(err), 'error');
      }
    });
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
  }

  async click(e) {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.doc) return this.show(b.dataset.doc, b.dataset.version);
    if (b.hasAttribute('data-new')) return this.write();
    if (b.hasAttribute('data-briefing')) return this.briefing();
    if (b.hasAttribute('data-briefing-record')) return this.recordBriefing();
    if (b.hasAttribute('data-ask')) {
      const question = await ask('市への確認', '質問（個人が特定できる情報は書かないでください）');
      if (!question) return;
      try {
        await call('esc_ask', { question });
        say(this.message, '記録しました。現場責任者が市へ送付します。', 'ok');
        this.loadEscalations();
      } catch (err) {
        say(this.message, messageOf(err), 'error');
      }
      return;
    }
    if (b.dataset.esc) {
      try {
        let text = null;
        if (b.dataset.step === 'answer') {
          text = await ask('市の回答', '回答・指示');
          if (!text) return;
        }
        const made = await call('esc_step', { id: Number(b.dataset.esc), step: b.dataset.step, text });
        if (made) say(this.message, 'FAQの原稿を作りました。内容を確認して承認申請してください。', 'ok');
        this.loadEscalations();
      } catch (err) {
        say(this.message, messageOf(err), 'error');
      }
      return;
    }
    if (b.hasAttribute('data-unrequested')) return this.unrequested();
    if (b.hasAttribute('data-revise')) return this.write(this.current, { documentId: this.current.document_id });
    if (b.hasAttribute('data-edit-version')) return this.write(this.current, { versionId: this.current.id });
    if (b.dataset.diffFrom) {
      try {
        const html = await call('kb_diff', { fromVersion: Number(b.dataset.diffFrom), toVersion: Number(b.dataset.diffTo) });
        const dialog = document.createElement('dialog');
        dialog.innerHTML = `<form method="dialog"><h2>版の違い</h2>${html}<div class="actions"><button value="close" class="primary">閉じる</button></div></form>`;
        this.append(dialog);
        dialog.addEventListener('close', () => dialog.remove());
        dialog.showModal();
      } catch (err) {
        say(this.message, messageOf(err), 'error');
      }
      return;
    }
    try {
      if (b.dataset.forward) {
        await call('kb_forward', { versionId: Number(b.dataset.forward), sendOn: true, comment: '' });
        say(this.message, '市に送りました。市の承認後に検索できるようになります。', 'ok');
      } else if (b.dataset.sendBack) {
        const comment = await ask('差し戻し', '差し戻しの理由（作成したオペレーターに表示されます）');
        if (!comment) return;
        await call('kb_forward', { versionId: Number(b.dataset.sendBack), sendOn: false, comment });
        say(this.message, '差し戻しました。', 'ok');
      } else if (b.dataset.approve) {
        await call('kb_decide', { versionId: Number(b.dataset.approve), approve: true, comment: '' });
        say(this.message, '承認しました。', 'ok');
      } else if (b.dataset.return) {
        const comment = await ask('差し戻し', '差し戻しの理由');
        if (!comment) return;
        await call('kb_decide', { versionId: Number(b.dataset.return), approve: false, comment });
        say(this.message, '差し戻しました。', 'ok');
      } else {
        return;
      }
      this.querySelector('.kb-doc').innerHTML = '';
      this.loadQueue();
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  async unrequested() {
    const from = this.querySelector('mg-date-field[name=from]').value;
    const to = this.querySelector('mg-date-field[name=to]').value;
    const box = this.querySelector('[data-testid=kb-unrequested]');
    if (!from || !to) return say(this.message, '期間を指定してください。', 'error');
    try {
      const list = await call('kb_unrequested', { from, to });
      box.innerHTML = list.length
        ? `<table><thead><tr><th>申請日</th><th>文書</th><th>版</th><th>理由</th><th>概要</th><th>状況</th></tr></thead><tbody>${list.map((v) => `<tr><td>${esc(v.submitted_at ? md(v.submitted_at) : '')}</td><td>${esc(v.draft.title)}</td><td>第${v.version}版</td><td>${esc((REASONS.find((r) => r[0] === v.reason) || ['', ''])[1])}</td><td>${esc(v.summary)}</td><td>${esc(stage(v))}</td></tr>`).join('')}</tbody></table>`
        : '<p class="hint">この期間にはありません。</p>';
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  async briefing() {
    try {
      const entries = await call('kb_briefing');
      const kindName = (k) => KIND[k] || 'FAQ';
      const toc = entries.map((e) => `<li>${esc(e.number)}　${kindName(e.version.kind)}　${esc(e.version.draft.title)}（第${e.version.version}版・承認 ${esc(e.version.decided_at ? wareki(e.version.decided_at) : '')}）</li>`).join('');
      const body = entries.map((e) => `<section class="briefing-entry"><h2>${esc(e.number)} ${esc(e.version.draft.title)}</h2>
        <p class="hint">${kindName(e.version.kind)}・第${e.version.version}版・承認 ${esc(e.version.decided_at ? wareki(e.version.decided_at) : '')}（${esc(e.version.decided_by || '')}）</p>
        <div class="kb-body">${e.html}</div></section>`).join('');
      printDocument(`<h1>マニュアル・FAQ（承認済み）</h1><h2>目次</h2><ul class="toc">${toc}</ul>${body}`);
    } catch (err) {
      say(this.message, messageOf(err), 'error');
    }
  }

  /** The draft dialog: a new document, a new version of `where.documentId`, or an edit of the
   *  draft or returned version `where.versionId`; `from` pre-fills the text. */
  write(from = null, where = {}) {
    const d = from ? from.draft : { title: '', body: '', category: '' };
    const kind = from ? from.kind : 'faq';
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form method="dialog"><h2>FAQ・マニュアルの原稿</h2>
      <label>種類 <select name="kind" ${from ? 'disabled' : ''}><option value="faq" ${kind === 'faq' ? 'selected' : ''}>FAQ</option><option value="manual" ${kind === 'manual' ? 'selected' : ''}>マニュアル</option><option value="procedure" ${kind === 'procedure' ? 'selected' : ''}>手順（手続きガイド）</option></select></label>
      <label>質問・見出し <input name="title" required data-testid="kb-draft-title" value="${esc(d.title)}"></label>
      <label>回答・本文（行頭の「# 」で見出し、「- 」で箇条書きになります） <textarea name="body" rows="8" required data-testid="kb-draft-body">${esc(d.body)}</textarea></label>
      <label>分類 <input name="category" value="${esc(d.category || '')}"></label>
      <label>タグ（空白区切り） <input name="tags" value="${esc(d.tags || '')}"></label>
      <fieldset class="kb-services"><legend>関連する対応内容（来庁対応中に表示します）</legend>${((store.state.lists && store.state.lists.all_services) || []).map((x) => `<label class="check"><input type="checkbox" name="services" value="${esc(x.code)}" ${(d.services || '').split(';').includes(x.code) ? 'checked' : ''}> ${esc(x.label)}</label>`).join('')}</fieldset>
      <label>承認申請の理由 <select name="reason">${REASONS.map(([c, l]) => `<option value="${c}">${l}</option>`).join('')}</select></label>
      <label>変更の概要 <input name="summary" data-testid="kb-draft-summary"></label>
      <p class="hint">市の承認を受けるまで、オペレーターの検索には表示されません。</p>
      <p class="message" hidden></p>
      <div class="actions"><button value="submit" class="primary" data-testid="kb-draft-submit">保存して承認申請</button><button value="save">下書き保存</button><button value="cancel" formnovalidate>戻る</button></div></form>`;
    this.append(dialog);
    const form = dialog.querySelector('form');
    form.addEventListener('submit', async (ev) => {
      const how = ev.submitter ? ev.submitter.value : 'save';
      if (how === 'cancel') return;
      ev.preventDefault();
      const f = new FormData(form);
      try {
        const versionId = await call('kb_save_draft', {
          kind: f.get('kind') || kind, documentId: where.documentId || null, versionId: where.versionId || null,
          draft: { title: f.get('title'), body: f.get('body'), category: f.get('category') || '', tags: f.get('tags') || '', services: f.getAll('services').join(';') },
        });
        if (how === 'submit') await call('kb_submit', { versionId, reason: f.get('reason'), summary: f.get('summary') || '' });
        dialog.close();
        const sent = this.forwarder ? '承認申請しました。市の承認後に検索できるようになります。'
          : '現場責任者に送りました。現場責任者が確認して市に送ります。';
        say(this.message, how === 'submit' ? sent : '下書きを保存しました。', 'ok');
      } catch (err) {
        say(form.querySelector('.message'), messageOf(err), 'error');
      }
    });
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
  }
}

customElements.define('mg-kb', MgKb);
