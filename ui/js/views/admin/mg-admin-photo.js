// 管理 → 写真・カメラ: the camera and how it is mounted, the J-LIS address, the time limit and
// the print sheet.

import { call } from '../../backend.js';
import { esc, say, messageOf } from '../../util.js';

class MgAdminPhoto extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const view = await call('photo_settings_get');
    const st = view.settings;
    const rotations = [['None', 'そのまま'], ['Cw90', '右に90°回す（縦置き）'], ['Cw270', '左に90°回す（縦置き）']];
    const mode = (m) => (m ? `${m.format === 'Mjpeg' ? 'MJPEG' : m.format.toUpperCase()} ${m.width}×${m.height} ${m.fps}fps` : '');
    this.innerHTML = `<section class="panel photo-settings"><h2>写真・カメラ</h2>
      <form data-testid="photo-settings" novalidate>
        <h3>カメラ</h3>
        <p><label>使うカメラ <select name="camera" data-testid="camera-select"><option value="">自動（最初に使えるカメラ）</option></select></label>
          <button type="button" data-cameras data-testid="camera-list">一覧を更新</button></p>
        <ul class="camera-list compact" data-testid="camera-devices"><li>カメラを探しています…</li></ul>
        <p><label>カメラの向き <select name="rotation">${rotations.map(([v, l]) => `<option value="${v}" ${st.rotation === v ? 'selected' : ''}>${esc(l)}</option>`).join('')}</select></label></p>
        <h3>申請サイト</h3>
        <p><label>アドレス <input name="jlis_url" type="url" size="60" required value="${esc(st.jlis_url)}" data-testid="jlis-url"></label></p>
        <p class="hint">写真はこのサイトにアップロードされます。J-LIS のサイト（kojinbango-card.go.jp）以外にするときは、確認が必要です。</p>
        <p data-other-site hidden><label><input type="checkbox" name="confirm_other_site" data-testid="jlis-confirm"> J-LIS 以外のサイトを使う（アドレスを確認しました）</label></p>
        <h3>写真の削除</h3>
        <p><label>撮影から <input name="max_age_minutes" type="number" min="1" max="${view.max_age_limit}" value="${st.max_age_minutes}"> 分で必ず削除</label>（最長${view.max_age_limit}分）</p>
        <h3>印刷</h3>
        <p><label>用紙 <select name="paper"><option value="L" ${st.paper === 'L' ? 'selected' : ''}>L判（89×127mm、${view.capacity_l}枚まで）</option><option value="A4" ${st.paper === 'A4' ? 'selected' : ''}>A4（${view.capacity_a4}枚まで）</option></select></label>
          <label>1枚に印刷する写真 <input name="copies" type="number" min="1" value="${st.copies}"> 枚</label></p>
        <p><button class="primary" data-testid="photo-settings-save">保存する</button></p>
        <p class="message" hidden data-testid="photo-settings-message"></p>
      </form></section>`;
    const form = this.querySelector('form');
    const msg = form.querySelector('.message');
    const list = async () => {
      const ul = form.querySelector('.camera-list');
      const sel = form.querySelector('[name=camera]');
      ul.innerHTML = '<li>カメラを探しています…</li>';
      try {
        const devices = await call('camera_list');
        sel.querySelectorAll('option[value]:not([value=""])').forEach((o) => o.remove());
        for (const d of devices) {
          sel.insertAdjacentHTML('beforeend', `<option value="${d.index}" ${st.camera === d.index ? 'selected' : ''} ${d.chosen ? '' : 'disabled'}>${esc(`[${d.index}] ${d.name}`)}</option>`);
        }
        if (st.camera !== null && !devices.some((d) => d.index === st.camera)) {
          sel.insertAdjacentHTML('beforeend', `<option value="${st.camera}" selected>[${st.camera}]（接続されていません）</option>`);
        }
        ul.innerHTML = devices.length
          ? devices.map((d) => `<li>[${d.index}] ${esc(d.name)}：${esc(d.error || (d.chosen ? `${mode(d.chosen)} で撮影します` : '映像のないデバイスです'))}</li>`).join('')
          : '<li>カメラが接続されていません。USBの接続を確かめてください。</li>';
      } catch (err) {
        ul.innerHTML = `<li class="error">${esc(messageOf(err))}</li>`;
      }
    };
    form.querySelector('[data-cameras]').addEventListener('click', list);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const settings = {
        camera: f.get('camera') === '' ? null : Number(f.get('camera')),
        rotation: f.get('rotation'),
        jlis_url: f.get('jlis_url'),
        max_age_minutes: Number(f.get('max_age_minutes')),
        paper: f.get('paper'),
        copies: Number(f.get('copies')),
      };
      try {
        await call('photo_settings_set', { settings, confirmOtherSite: f.get('confirm_other_site') === 'on' });
        Object.assign(st, settings);
        form.querySelector('[data-other-site]').hidden = true;
        form.elements.confirm_other_site.checked = false;
        say(msg, '保存しました。次に写真タブを開いたときから使われます。', 'ok');
      } catch (err) {
        if (err.code === 'jlis_other_site') form.querySelector('[data-other-site]').hidden = false;
        say(msg, messageOf(err), 'error');
      }
    });
    await list();
  }
}

customElements.define('mg-admin-photo', MgAdminPhoto);
