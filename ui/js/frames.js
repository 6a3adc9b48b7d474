// Camera preview frames as the Rust side sends them: 8 bytes of frame number (big-endian), then
// the JPEG. Shared by the operator's photo tab and the citizen display; bitmaps are closed at once.

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Draws a preview frame on a canvas; returns its frame number, or null for an empty answer. */
export async function drawFrame(canvas, buf) {
  if (!(buf instanceof ArrayBuffer) || buf.byteLength < 9) return null;
  const seq = Number(new DataView(buf).getBigUint64(0));
  const bitmap = await createImageBitmap(new Blob([new Uint8Array(buf, 8)], { type: 'image/jpeg' }));
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
  }
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
  bitmap.close();
  // Counted on the canvas for tests and benchmarks: frames drawn, and frames shown.
  canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
  // Shown: rendering opportunities that carried a new frame (several draws before one paint
  // count once), which is what the person in front of the screen sees.
  requestAnimationFrame((t) => {
    if (canvas.shownAt === t) return;
    canvas.shownAt = t;
    canvas.dataset.shown = String(Number(canvas.dataset.shown || 0) + 1);
  });
  return seq;
}
