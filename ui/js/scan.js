// A handheld 2D scanner types what it read as a fast burst of keys and Enter. On the 受付 tab
// (a visit open or not), keys are collected with their timing before they act: a burst that ends in
// Enter goes to the backend, which decides by the timing whether a scanner typed it
// (procedure::burst, one rule) and reads the 申請書ID; anything else is handed back as the keys
// the operator pressed, a few milliseconds late. In a text field the keys type as usual, and a
// burst's text is taken out of the field again when it was a scan.

import { call } from './backend.js';
import { typing } from './util.js';

/** A pause longer than this ends a burst (procedure::burst::MAX_GAP_MS). */
const MAX_GAP_MS = 50;

/** Held keys act this long after the last one when no Enter came: longer than a burst's gap, so a
 * busy moment of the page does not cut a scan in two; short enough not to be felt. */
const HOLD_MS = 2 * MAX_GAP_MS;

const MODIFIERS = ['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock'];

export class ScanCatcher {
  /**
   * @param {(e: {key: string}) => boolean} replay gives a key back to the visit panel
   * @param {(answer: object) => void} onScan gets the backend's answer for a scan
   * @param {(err: object, again: () => Promise<object>) => void} onError gets a refused scan and
   *   a way to read it again
   */
  constructor(replay, onScan, onError) {
    this.replay = replay;
    this.onScan = onScan;
    this.onError = onError;
    this.keys = [];
    this.timer = null;
    this.field = null;
    // A click acts after the keys pressed before it: held keys act at once on any press of the
    // mouse (pressing 1 and clicking サインアウト ticks the service first).
    this.onPress = () => this.flush();
    document.addEventListener('pointerdown', this.onPress, true);
    document.addEventListener('mousedown', this.onPress, true);
  }

  /** Stops listening (the desk that made it is gone). */
  detach() {
    clearTimeout(this.timer);
    document.removeEventListener('pointerdown', this.onPress, true);
    document.removeEventListener('mousedown', this.onPress, true);
  }

  /** The held keys (not those typed into a field) act now, in order. */
  replayHeld(keys) {
    for (const k of keys) if (!k.typed) this.replay({ key: k.key, ctrlKey: false, altKey: false, metaKey: false });
  }

  /** Offers a keydown; true when the catcher took it (the caller then stops it). */
  offer(e) {
    if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return false;
    // A scanner presses Shift for ':' '?' '&' and capitals: part of the burst, not a key of its own.
    if (MODIFIERS.includes(e.key)) return false;
    const now = e.timeStamp;
    const last = this.keys[this.keys.length - 1];
    const inField = typing(e);
    if (last && now - last.t > MAX_GAP_MS) this.flush();
    if (e.key === 'Enter') {
      if (!this.keys.length || e.repeat) return false;
      this.finish(e, now);
      return true;
    }
    if (e.key.length !== 1 || e.repeat) {
      this.flush();
      return false;
    }
    if (inField) {
      // The key types into the field; remember it in case it turns out to be a scan.
      this.field = e.target;
      this.keys.push({ key: e.key, t: now, typed: true });
      return false;
    }
    this.keys.push({ key: e.key, t: now, typed: false });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), HOLD_MS);
    return true;
  }

  /** The burst is over without Enter: its held keys act now. */
  flush() {
    clearTimeout(this.timer);
    const keys = this.keys;
    this.keys = [];
    this.field = null;
    this.replayHeld(keys);
  }

  async finish(enter, now) {
    clearTimeout(this.timer);
    const keys = this.keys;
    const field = this.field;
    this.keys = [];
    this.field = null;
    const text = keys.map((k) => k.key).join('');
    const gaps = keys.slice(1).map((k, i) => Math.max(0, Math.round(k.t - keys[i].t)));
    gaps.push(Math.max(0, Math.round(now - keys[keys.length - 1].t)));
    const read = () => call('procedure_read_id', { text, gaps });
    let answer;
    try {
      answer = await read();
    } catch (err) {
      this.takeBack(field, keys);
      // `read` again once the visit it needs is open (a scan with no visit starts one).
      this.onError(err, read);
      return;
    }
    if (answer.scan) {
      this.takeBack(field, keys);
      this.onScan(answer);
      return;
    }
    // A person typed: the keys and the Enter act as they would have.
    this.replayHeld(keys);
    const target = field || enter.target;
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  }

  /** Removes a scan's text from the field it was typed into. */
  takeBack(field, keys) {
    if (!field || !keys.some((k) => k.typed)) return;
    const typedText = keys.filter((k) => k.typed).map((k) => k.key).join('');
    const at = field.value.lastIndexOf(typedText);
    if (at >= 0) field.value = field.value.slice(0, at) + field.value.slice(at + typedText.length);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
