// 写真: the live preview with the analysis overlay, capture (a 3-2-1 countdown on the citizen
// display, then 撮影中…), the checks, accepting (a warning needs a reason), and the two ways out —
// the J-LIS site's upload dialog or the printer — after which the photo is deleted. Every step
// has its key (see `key`), shown on its button. Frames arrive as raw JPEG bytes; nothing is kept
// in the page: bitmaps are closed after drawing and the result canvas is cleared when the photo
// goes.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, say, messageOf } from '../util.js';
import { drawFrame, sleep } from '../frames.js';
import { setPaper } from '../print.js';

const STATUS = { pass: '○', warn: '注意', fail: '×' };

class MgPhoto extends HTMLElement {
  async connectedCallback() {
    this.innerHTML = `
      <section class="panel photo-live">
        <h2>顔写真の撮影</h2>
        <p class="cam-status" data-testid="camera-status">カメラを起動しています…</p>
        <p class="instruction" data-testid="photo-instruction"></p>
        <p><button type="button" class="primary" data-capture data-testid="photo-capture">撮影する <kbd>Space</kbd></button>
          <button type="button" data-restart data-testid="camera-restart" hidden>カメラを再接続</button></p>
        <p class="message" hidden data-testid="photo-live-message"></p>
        <div class="photo-stage"><canvas class="preview" data-testid="photo-preview"></canvas><canvas class="overlay"></canvas></div>
      </section>
      <section class="panel photo-result" data-testid="photo-result" hidden>
        <h2>写真の確認</h2>
        <div class="result-row"><canvas class="result" data-testid="photo-output"></canvas>
          <div><p class="verdict" data-testid="photo-verdict"></p><p class="cause" data-testid="photo-cause" hidden></p><table class="compact checks" data-testid="photo-checks"></table></div></div>
        <div class="actions" data-testid="photo-actions"></div>
        <p class="message" hidden></p>
      </section>
      <div class="print-photos"></div>`;
    this.addEventListener('click', (e) => this.click(e));
    this.running = true;
    try {
      this.reasons = await call('photo_accept_reasons');
      await call('camera_start');
    } catch (err) {
      this.querySelector('[data-testid=camera-status]').textContent = messageOf(err);
      return;
    }
    this.framesLoop();
    this.statusLoop();
  }

  disconnectedCallback() {
    this.running = false;
    call('camera_stop').catch(() => {});
  }

  async framesLoop() {
    const canvas = this.querySelector('.preview');
    let after = 0;
    while (this.running) {
      try {
        const frame = await call('camera_frame', { after });
        // A frame in flight when the camera failed or stopped is not drawn over the cleared stage.
        if (this.cameraDown) { await sleep(100); continue; }
        const seq = await drawFrame(canvas, frame);
        if (seq === null) { await sleep(100); continue; }
        after = seq;
        this.drawOverlay();
      } catch (err) {
        await sleep(500);
      }
    }
  }

  async statusLoop() {
    while (this.running) {
      try {
        const view = await call('camera_status');
        this.live = view.live;
        const st = view.status;
        this.cameraDown = !st || st.state === 'failed';
        const line = this.querySelector('[data-testid=camera-status]');
        const restart = this.querySelector('[data-restart]');
        if (!st) line.textContent = 'カメラは停止しています。撮影するときは「カメラを再接続」を押してください';
        else if (st.state === 'starting') line.textContent = 'カメラを起動しています…';
        else if (st.state === 'running') line.textContent = `カメラ：${st.name}`;
        else line.textContent = `${st.message}${store.can('photo_settings_edit') ? '（使うカメラは 管理 → 写真・カメラ で選べます）' : ''}`;
        line.classList.toggle('error', st && st.state === 'failed');
        restart.hidden = !(!st || st.state === 'failed');
        if (view.photo === 'empty' && this.result && this.resultShown) {
          // Deleted behind the page's back: the time limit (the camera stops with it).
          await this.discardShown('時間が過ぎたため、写真を削除しました。撮り直す場合はカメラを再接続してください。');
        }
        if (!st) {
          for (const c of this.querySelectorAll('.photo-stage canvas')) { c.width = 0; c.height = 0; }
          this.live = null;
        }
        if (st && st.state === 'failed') {
          // The last frame does not linger as if the camera were live.
          for (const c of this.querySelectorAll('.photo-stage canvas')) { c.width = 0; c.height = 0; }
          this.live = null;
        }
        const ins = view.live && view.live.instruction;
        this.querySelector('[data-testid=photo-instruction]').textContent = ins ? `来庁者への案内：${ins.ja}` : '';
      } catch (err) {
        // The next round tries again.
      }
      await sleep(250);
    }
  }

  drawOverlay() {
    const preview = this.querySelector('.preview');
    const o = this.querySelector('.overlay');
    o.width = preview.width;
    o.height = preview.height;
    const ctx = o.getContext('2d');
    ctx.clearRect(0, 0, o.width, o.height);
    const l = this.live;
    if (!l) return;
    const W = o.width;
    const H = o.height;
    ctx.lineWidth = Math.max(2, W / 300);
    if (l.face) {
      const [x0, y0, x1, y1] = l.face;
      ctx.strokeStyle = '#3fb950';
      ctx.strokeRect(x0 * W, y0 * H, (x1 - x0) * W, (y1 - y0) * H);
    }
    if (l.eyes) {
      const [[ax, ay], [bx, by]] = l.eyes;
      ctx.strokeStyle = '#58a6ff';
      ctx.beginPath();
      ctx.moveTo(ax * W, ay * H);
      ctx.lineTo(bx * W, by * H);
      ctx.stroke();
    }
    if (l.crop) {
      const [x, y, w, h] = l.crop;
      ctx.strokeStyle = '#f0b429';
      ctx.strokeRect(x * W, y * H, w * W, h * H);
      // The crown band (2–6 mm of 45) and the chin band.
      ctx.fillStyle = 'rgba(240, 180, 41, 0.18)';
      ctx.fillRect(x * W, (y + h * 2 / 45) * H, w * W, h * 4 / 45 * H);
      ctx.fillRect(x * W, (y + h * 34 / 45) * H, w * W, h * 6 / 45 * H);
    }
  }

  async click(e) {
    const t = e.target.closest('button');
    if (!t) return;
    // A message shows where the button is: the live section's are visible before any capture.
    const msg = t.closest('section').querySelector('.message');
    this.querySelectorAll('section .message').forEach((m) => say(m, ''));
    try {
      if (t.hasAttribute('data-capture')) await this.capture();
      else if (t.hasAttribute('data-restart')) await call('camera_restart');
      else if (t.hasAttribute('data-retake')) await this.discard();
      else if (t.hasAttribute('data-accept')) await this.accept();
      else if (t.hasAttribute('data-stage')) await this.stage();
      else if (t.hasAttribute('data-print')) await this.print();
      else if (t.hasAttribute('data-done')) await this.discard('写真を削除しました。');
    } catch (err) {
      say(msg, messageOf(err), 'error');
    }
  }

  /** 3-2-1 on the citizen display (and on the button), then 撮影中… while the burst runs. */
  async countdown(btn) {
    try {
      const ms = await call('photo_countdown');
      const end = performance.now() + ms;
      while (performance.now() < end) {
        btn.textContent = `${Math.ceil((end - performance.now()) / 1000)}…`;
        await sleep(100);
      }
    } catch (err) {
      // The countdown is for the citizen; without it the photo is still taken.
    }
    btn.textContent = '撮影中…';
  }

  async capture() {
    const btn = this.querySelector('[data-capture]');
    if (btn.disabled) return;
    btn.disabled = true;
    const label = btn.innerHTML;
    try {
      await this.countdown(btn);
      const r = await call('photo_capture');
      this.result = r;
      const box = this.querySelector('[data-testid=photo-result]');
      box.hidden = false;
      this.querySelector('[data-testid=photo-verdict]').textContent = {
        pass: '判定：基準を満たしています',
        warn: '判定：注意があります（理由を選べば採用できます）',
        fail: '判定：基準を満たしていません。撮り直してください',
      }[r.verdict];
      // The cause first: a later check that fails only because of it is not what to fix.
      const cause = this.querySelector('[data-testid=photo-cause]');
      cause.hidden = !r.cause;
      cause.textContent = r.cause ? `主な原因：${r.cause.label}　${r.cause.reason || ''}` : '';
      const causeId = r.cause && r.cause.id;
      this.querySelector('[data-testid=photo-checks]').innerHTML = r.checks
        .map((c) => `<tr class="${esc(c.status)}${c.id === causeId ? ' cause' : ''}" data-check="${esc(c.id)}"><th scope="row">${esc(c.label)}</th><td class="st">${esc(STATUS[c.status])}</td><td>${esc(c.reason || '')}</td></tr>`)
        .join('');
      const canvas = this.querySelector('[data-testid=photo-output]');
      canvas.width = 0;
      if (r.has_photo) {
        const buf = await call('photo_image');
        const bitmap = await createImageBitmap(new Blob([buf], { type: 'image/jpeg' }));
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
        bitmap.close();
      }
      this.resultShown = true;
      this.renderActions(false);
    } finally {
      btn.disabled = false;
      btn.innerHTML = label;
    }
  }

  renderActions(accepted, staged) {
    const box = this.querySelector('[data-testid=photo-actions]');
    const r = this.result;
    if (!r) { box.innerHTML = ''; return; }
    if (!accepted) {
      const reason = r.verdict === 'warn'
        ? `<label>採用する理由 <select name="reason" data-testid="photo-reason"><option value="">選んでください</option>${this.reasons.map(([c, l]) => `<option value="${esc(c)}">${esc(l)}</option>`).join('')}</select></label>`
        : '';
      box.innerHTML = `${r.verdict !== 'fail' ? `${reason}<button type="button" class="primary" data-accept data-testid="photo-accept">この写真を採用する <kbd>Enter</kbd></button>` : ''}
        <button type="button" data-retake data-testid="photo-retake">撮り直す <kbd>R</kbd></button>`;
      box.querySelector('[data-testid=photo-reason]')?.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && e.target.value) { e.preventDefault(); this.accept(); }
      });
      return;
    }
    box.innerHTML = `
      <button type="button" class="primary" data-stage data-testid="photo-stage">申請サイトを開く（写真をアップロード） <kbd>U</kbd></button>
      <button type="button" data-print data-testid="photo-print">印刷する（45×35mm） <kbd>P</kbd></button>
      ${staged ? `<p class="hint" data-testid="photo-staged">アップロードするファイル：${esc(staged.file)}<br>フォルダ：${esc(staged.dir)}${staged.opened ? '' : '<br>（ブラウザを開けませんでした。申請サイトはブラウザのプライベートウィンドウで開いてください）'}</p>` : ''}
      <button type="button" data-done data-testid="photo-done">送信済み・印刷済み（写真を削除） <kbd>D</kbd></button>`;
  }

  /** The photo step by keyboard: Space 撮影, Enter 採用 (or 撮影 before a photo is taken), R 撮り
   * 直し, U 申請サイト, P 印刷, D 送信済み. True when the key was used. */
  key(e) {
    if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return false;
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const button = (css) => {
      const b = this.querySelector(css);
      if (!b || b.disabled || b.closest('[hidden]')) return false;
      b.click();
      return true;
    };
    if (k === ' ') return button('[data-capture]');
    if (k === 'Enter') {
      const sel = this.querySelector('[data-testid=photo-reason]');
      if (sel && !sel.value) { sel.focus(); return true; }
      return button('[data-accept]') || (!this.resultShown && button('[data-capture]'));
    }
    if (k === 'r') return button('[data-retake]');
    if (k === 'u') return button('[data-stage]');
    if (k === 'p') return button('[data-print]');
    if (k === 'd') return button('[data-done]');
    return false;
  }

  // Accepting ticks the visit's 写真撮影 in the backend; the answer is the visit as saved.
  async accept() {
    const sel = this.querySelector('[data-testid=photo-reason]');
    store.set({ current: await call('photo_accept', { reason: sel ? sel.value || null : null }) });
    this.renderActions(true);
  }

  async stage() {
    const staged = await call('photo_stage');
    this.renderActions(true, staged);
  }

  // Printing is done by the app (GTK's print dialog, drawn in millimetres: WebKitGTK's own page
  // printing scales CSS mm). Where the app cannot print itself, the page prints the same sheet.
  async print() {
    const r = await call('photo_print');
    const msg = this.querySelector('.photo-result .message');
    if (r.outcome === 'printed') say(msg, r.file ? `PDFに書き出しました：${r.file}` : '印刷しました。', 'ok');
    else if (r.outcome === 'cancelled') say(msg, '印刷を取り消しました。');
    else await this.printPage();
  }

  // The sheet laid out in millimetres (paper and copies are settings) for the browser's print.
  async printPage() {
    const sheet = await call('photo_sheet');
    const src = this.querySelector('[data-testid=photo-output]');
    const box = this.querySelector('.print-photos');
    box.innerHTML = '';
    box.style.width = `${sheet.width}mm`;
    box.style.height = `${sheet.height}mm`;
    for (const cell of sheet.cells) {
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      c.getContext('2d').drawImage(src, 0, 0);
      Object.assign(c.style, { left: `${cell.x}mm`, top: `${cell.y}mm`, width: `${sheet.photo_width}mm`, height: `${sheet.photo_height}mm` });
      box.append(c);
    }
    const lines = sheet.marks.map(([x1, y1, x2, y2]) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`).join('');
    box.insertAdjacentHTML('beforeend', `<svg viewBox="0 0 ${sheet.width} ${sheet.height}" width="${sheet.width}mm" height="${sheet.height}mm" stroke="#000" stroke-width="0.15">${lines}</svg>`);
    const unsetPaper = setPaper(`${sheet.width}mm ${sheet.height}mm`, '0');
    const home = box.parentNode;
    document.body.append(box);
    document.body.classList.add('printing-photo');
    try {
      window.print();
    } finally {
      document.body.classList.remove('printing-photo');
      home.append(box);
      unsetPaper();
    }
  }

  async discard(note) {
    await call('photo_done');
    this.discardShown(note);
  }

  /** Clears everything the page shows of the photo: the result, the print sheet, the checks. */
  discardShown(note) {
    this.result = null;
    this.resultShown = false;
    for (const c of document.querySelectorAll('mg-photo [data-testid=photo-output], .print-photos canvas')) {
      c.width = 0;
      c.height = 0;
    }
    this.querySelector('.print-photos').innerHTML = '';
    this.querySelector('[data-testid=photo-checks]').innerHTML = '';
    this.querySelector('[data-testid=photo-result]').hidden = !note;
    this.querySelector('[data-testid=photo-verdict]').textContent = note || '';
    this.querySelector('[data-testid=photo-cause]').hidden = true;
    this.renderActions(false);
  }
}

customElements.define('mg-photo', MgPhoto);
