import type { Output } from '../cli-context.js';

/**
 * A one-line progress bar redrawn in place (`[######....] 120/1000`), at most ten times a
 * second, ended with a newline.
 *
 * @example
 * const bar = progressBar(context.stderr); bar.update(1, 10); bar.finish();
 */
export function progressBar(
  out: Output,
  width = 30,
): { update(done: number, total: number): void; finish(): void } {
  let last = 0;
  let shown = false;
  const draw = (done: number, total: number): void => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    shown = true;
  };
  return {
    update(done, total) {
      const now = Date.now();
      if (done === total || now - last >= 100) {
        last = now;
        draw(done, total);
      }
    },
    finish() {
      if (shown) out.write('\n');
    },
  };
}
