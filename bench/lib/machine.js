import { readFileSync } from 'node:fs';
import os from 'node:os';

/** One line describing the machine a benchmark ran on. */
export function describeMachine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: the os module's model name is the best we have.
  }
  const ramGb = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${cpu}, ${os.cpus().length} cores, ${ramGb} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The 1-minute load average now, to show how busy the shared machine was. */
export function describeLoad() {
  return `1-minute load average at start: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;
}

export const SHARED_MACHINE_CAVEAT =
  'Caveat: this machine is shared with other engineers building and testing at the same time, ' +
  'so absolute numbers are noisy and pessimistic; ratios measured within one run are the more ' +
  'reliable signal.';
