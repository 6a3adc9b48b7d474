// 管理 → 開設前点検: what the opening check probes (the network targets, also watched while the
// counter is open), the printer, the limits, and the items checked by eye.

import { call } from '../../backend.js';
import { esc, say, messageOf } from '../../util.js';

/** `名前 URL` per line (the URL is the line's last word). */
function parseTargets(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const cut = line.lastIndexOf(' ');
    return cut < 0 ? { label: line, url: line } : { label: line.slice(0, cut).trim(), url: line.slice(cut + 1) };
  });
}

class MgAdminOpening extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const s = await call('opening_settings');
    const num = (name, label, value, unit) => `<label>${esc(label)} <input type="number" name="${name}" value="${esc(value)}" min="1" required data-testid="opening-${name}"> ${esc(unit)}</label>`;
    this.innerHTML = `<section class="panel opening-settings"><h2>開設前点検の設定</h2>
      <form data-testid="opening-settings-form">
        <h3>ネットワークの点検先</h3>
        <p class="hint">1行に1つ、「名前 アドレス」の形で入力します。https:// のサイトは名前解決・証明書・応答を、http://…/generate_204 の形のアドレスは Wi-Fi のログイン画面が割り込んでいないかを確認します。開設中のネットワーク監視も同じ点検先を使います。</p>
        <p><textarea name="targets" rows="5" cols="70" spellcheck="false" data-testid="opening-targets">${esc(s.targets.map((t) => `${t.label} ${t.url}`).join('\n'))}</textarea></p>
        <p><label>追加で信頼する CA 証明書（PEM ファイルの場所、通常は空欄）<input name="ca_file" value="${esc(s.ca_file)}" size="50"></label></p>
        <h3>機器</h3>
        <p><label>写真を印刷するプリンター（CUPS のキュー名、空欄は既定のプリンター）<input name="printer" value="${esc(s.printer)}" size="30" data-testid="opening-printer"></label></p>
        <p>${num('min_free_disk_mb', 'ディスクの空き容量の下限', s.min_free_disk_mb, 'MiB')}
           ${num('max_backup_age_days', 'バックアップの期限', s.max_backup_age_days, '日')}</p>
        <p>${num('watch_interval_s', 'ネットワーク監視の間隔', s.watch_interval_s, '秒')}
           ${num('incident_after_min', '障害が続いたら事故報告を促すまで', s.incident_after_min, '分')}</p>
        <h3>目視点検の項目</h3>
        <p class="hint">1行に1項目。点検のたびに「良」「不良」を選びます。</p>
        <p><textarea name="manual" rows="6" cols="50" data-testid="opening-manual-items">${esc(s.manual_items.map((m) => m.label).join('\n'))}</textarea></p>
        <p><button class="primary" data-testid="opening-settings-save">保存する</button></p>
        <p class="message" hidden data-testid="opening-settings-message"></p>
      </form></section>`;
    const form = this.querySelector('form');
    const msg = form.querySelector('.message');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = form.elements;
      const settings = {
        targets: parseTargets(f.targets.value),
        ca_file: f.ca_file.value,
        printer: f.printer.value,
        min_free_disk_mb: Number(f.min_free_disk_mb.value),
        max_backup_age_days: Number(f.max_backup_age_days.value),
        watch_interval_s: Number(f.watch_interval_s.value),
        incident_after_min: Number(f.incident_after_min.value),
        manual_items: f.manual.value.split('\n').map((l) => l.trim()).filter(Boolean).map((label) => ({ label })),
      };
      try {
        const saved = await call('opening_settings_save', { settings });
        f.targets.value = saved.targets.map((t) => `${t.label} ${t.url}`).join('\n');
        say(msg, saved.targets.length ? '保存しました。' : '保存しました。ネットワークの点検先がないため、点検ではネットワークが NG になります。', 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
  }
}

customElements.define('mg-admin-opening', MgAdminOpening);
