// Date, month and time fields that read in Japanese whatever the PC's locale (the browser's own
// date and month inputs show "Nov 2026" and "11/30/2026, 09:10" on a PC not set to Japanese).
// Each is a row of selects with a hidden input carrying the value, so a form's FormData sees it
// under the field's name; `value` reads and writes "YYYY-MM-DD", "YYYY-MM" or "HH:MM", and a
// `change` event bubbles when the user picks.

import { daysIn, eraYear, weekday } from '../dates.js';
import { esc } from '../util.js';

function options(values, selected, label) {
  return values.map((v) => `<option value="${v}" ${String(v) === String(selected) ? 'selected' : ''}>${esc(label(v))}</option>`).join('');
}

function range(a, b) {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const pad = (n) => String(n).padStart(2, '0');

class Field extends HTMLElement {
  connectedCallback() {
    if (!this.hidden_) {
      this.hidden_ = document.createElement('input');
      this.hidden_.type = 'hidden';
      this.hidden_.name = this.getAttribute('name') || '';
      this.initial = this.getAttribute('value') || '';
      // A select's change becomes the field's own: the value is updated first, and listeners
      // see the field as the target (the selects are redrawn, so they are not a stable target).
      this.addEventListener('change', (e) => {
        if (e.target === this) return;
        e.stopPropagation();
        this.pick();
        this.dispatchEvent(new Event('change', { bubbles: true }));
      });
    }
    this.render(this.hidden_.value || this.initial);
  }

  get value() {
    return this.hidden_ ? this.hidden_.value : this.getAttribute('value') || '';
  }

  set value(v) {
    if (!this.hidden_) {
      this.setAttribute('value', v);
      return;
    }
    this.render(v);
  }

  get years() {
    const from = Number(this.getAttribute('from-year')) || 2019;
    const to = Number(this.getAttribute('to-year')) || 2035;
    return range(from, to);
  }

  get optional() {
    return this.hasAttribute('optional');
  }

  select(name, html) {
    return `<select data-part="${name}" aria-label="${esc(this.getAttribute('label') || '')}${name}">${html}</select>`;
  }

  finish(html, value) {
    this.innerHTML = `<span class="date-field">${html}</span>`;
    this.hidden_.value = value;
    this.append(this.hidden_);
  }

  part(name) {
    const s = this.querySelector(`[data-part=${name}]`);
    return s ? s.value : '';
  }
}

class MgDateField extends Field {
  render(v) {
    const [y, m, d] = (v || '').split('-').map(Number);
    const none = this.optional ? '<option value="">—</option>' : '';
    const year = y || (this.optional ? '' : this.years[0]);
    const month = m || (this.optional ? '' : 1);
    const max = year && month ? daysIn(year, month) : 31;
    const day = d ? Math.min(d, max) : this.optional ? '' : 1;
    const value = year && month && day ? `${year}-${pad(month)}-${pad(day)}` : '';
    this.finish(
      `${this.select('年', none + options(this.years, year, (x) => `${eraYear(x)}（${x}年）`))}
       ${this.select('月', none + options(range(1, 12), month, (x) => `${x}月`))}
       ${this.select('日', none + options(range(1, max), day, (x) => (year && month ? `${x}日(${weekday(`${year}-${pad(month)}-${pad(x)}`)})` : `${x}日`)))}`,
      value,
    );
  }

  pick() {
    const [y, m, d] = ['年', '月', '日'].map((p) => this.part(p));
    this.render(y && m && d ? `${y}-${pad(m)}-${pad(d)}` : y && m ? `${y}-${pad(m)}-01` : '');
  }
}

class MgMonthField extends Field {
  render(v) {
    const [y, m] = (v || '').split('-').map(Number);
    const year = y || this.years[0];
    const month = m || 1;
    this.finish(
      `${this.select('年', options(this.years, year, (x) => `${eraYear(x)}（${x}年）`))}
       ${this.select('月', options(range(1, 12), month, (x) => `${x}月`))}`,
      `${year}-${pad(month)}`,
    );
  }

  pick() {
    this.render(`${this.part('年')}-${pad(this.part('月'))}`);
  }
}

class MgTimeField extends Field {
  render(v) {
    const [h, mi] = (v || '').split(':').map(Number);
    const none = this.optional ? '<option value="">—</option>' : '';
    const hour = Number.isInteger(h) ? h : this.optional ? '' : 9;
    const minute = Number.isInteger(mi) ? mi : this.optional ? '' : 0;
    this.finish(
      `${this.select('時', none + options(range(0, 23), hour, (x) => `${x}時`))}
       ${this.select('分', none + options(range(0, 59), minute, (x) => `${pad(x)}分`))}`,
      hour === '' || minute === '' ? '' : `${pad(hour)}:${pad(minute)}`,
    );
  }

  pick() {
    const [h, m] = [this.part('時'), this.part('分')];
    this.render(h !== '' && m !== '' ? `${h}:${m}` : '');
  }
}

customElements.define('mg-date-field', MgDateField);
customElements.define('mg-month-field', MgMonthField);
customElements.define('mg-time-field', MgTimeField);
