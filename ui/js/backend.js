// The only module that touches window.__TAURI__. Tests and a browser preview can swap it by
// setting window.__MADOGUCHI_BACKEND__ before the entry module loads.

/** Calls a Rust command. Rejects with { code, message } (message in Japanese). */
export async function call(command, args = {}) {
  const custom = window.__MADOGUCHI_BACKEND__;
  if (custom) return custom.call(command, args);
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    throw { code: 'no_backend', message: 'アプリの内部機能に接続できません。' };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e) throw e;
    throw { code: 'internal', message: String(e) };
  }
}

/**
 * Calls a Rust command that pushes updates through a channel: `onMessage` gets each one.
 * Resolves with the command's answer.
 */
export async function watch(command, args, onMessage) {
  const custom = window.__MADOGUCHI_BACKEND__;
  if (custom) return custom.watch(command, args, onMessage);
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    throw { code: 'no_backend', message: 'アプリの内部機能に接続できません。' };
  }
  const channel = new tauri.core.Channel();
  channel.onmessage = onMessage;
  return call(command, { ...args, onChange: channel });
}
