// The citizen display's languages, one file each (the codes of citizen::language::LANGUAGES).
// A text missing in a language falls back to Japanese; `tests` in Rust checks none is missing.
import ja from './ja.js';
import jaEasy from './ja-x-easy.js';
import en from './en.js';
import zh from './zh.js';
import ko from './ko.js';
import vi from './vi.js';
import pt from './pt.js';
import es from './es.js';
import fil from './fil.js';
import ne from './ne.js';

export const TEXTS = { ja, 'ja-x-easy': jaEasy, en, zh, ko, vi, pt, es, fil, ne };

/** The HTML `lang` of a language code (やさしい日本語 is Japanese to fonts and screen readers). */
export function htmlLang(code) {
  return code === 'ja-x-easy' ? 'ja' : code;
}

/** The text `key` in `lang` (Japanese when the language lacks it). */
export function t(lang, key) {
  const dict = TEXTS[lang] || ja;
  return dict[key] ?? ja[key] ?? '';
}
