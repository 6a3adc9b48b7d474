// Importing the other counter's CSV from the window: the file dialog, and the site manager's
// confirmation when the file holds visits outside the contract period (the same file is then
// taken again). One place for the two buttons that import (レポート and 管理 → データ).

import { call } from './backend.js';
import { store } from './store.js';
import { confirmDialog, messageOf } from './util.js';

/** Imports a CSV the user picks. Resolves to the summary, or null when cancelled. */
export async function importVisits() {
  try {
    return await call('visits_import_file');
  } catch (err) {
    if (!err || err.code !== 'import_outside_contract' || !store.can('import_outside_contract')) throw err;
    const yes = await confirmDialog('契約期間外の記録', `${messageOf(err)} 内容を確認したうえで取り込みますか。`,
      '確認して取り込む', 'やめる', { yes: 'import-outside-yes', no: 'import-outside-no' });
    if (!yes) return null;
    return call('visits_import_file', { outsideContract: true });
  }
}

/** What an import did, in one line. */
export function importSummary(s) {
  return `${s.rows}行を確認：${s.added}件を追加、${s.updated}件を更新、${s.unchanged}件は取り込み済み、${s.older}件はこのPCの記録が新しいため変更なし。`;
}
