import { parseArgs } from 'node:util';

/**
 * Reads benchmark options from flags, then BENCH_* environment variables, then defaults.
 * `spec` maps a flag name to { env, default, kind: 'number' | 'string' | 'boolean', help, zero? }
 * (`zero: true` lets a number be 0).
 */
export function benchOptions(script, spec, argv = process.argv.slice(2)) {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, item]) => [
      name,
      { type: item.kind === 'boolean' ? 'boolean' : 'string' },
    ]),
  );
  options.help = { type: 'boolean', short: 'h' };
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true }));
  } catch (error) {
    console.error(`${script}: ${error.message}`);
    process.exit(2);
  }
  if (values.help) {
    const lines = Object.entries(spec).map(
      ([name, item]) =>
        `  --${name.padEnd(14)} ${item.help} (env ${item.env}, default ${item.default})`,
    );
    console.log(`Usage: node bench/${script} [options]\n\n${lines.join('\n')}`);
    process.exit(0);
  }
  const result = {};
  for (const [name, item] of Object.entries(spec)) {
    const raw = values[name] ?? process.env[item.env];
    if (raw === undefined || raw === '') {
      result[name] = item.default;
    } else if (item.kind === 'number') {
      const number = Number(raw);
      if (!Number.isFinite(number) || number < 0 || (number === 0 && !item.zero)) {
        console.error(
          `${script}: invalid --${name} / ${item.env} "${raw}": expected a ${item.zero ? 'non-negative' : 'positive'} number`,
        );
        process.exit(2);
      }
      result[name] = number;
    } else if (item.kind === 'boolean') {
      result[name] = raw === true || raw === '1' || raw === 'true';
    } else {
      result[name] = raw;
    }
  }
  return result;
}
