/**
 * A deterministic answer to prose-editing prompts (a postmortem polish pass): each
 * `<Item id="...">` comes back reworded the way a model tends to: first letter capitalized,
 * arrows spelled out, a full stop at the end, and (as models do) decimals rounded, so the
 * caller's number check has something real to refuse. Undefined for any other prompt.
 *
 * @example
 * rewordItems('Edit this postmortem. <Item id="a">rate 12.5 % → 20 %</Item>');
 * // '<Item id="a">Rate about 13 % changed to 20 %.</Item>'
 */
export function rewordItems(text: string): string | undefined {
  if (!/postmortem/i.test(text)) return undefined;
  const items = [...text.matchAll(/<Item id="([\w-]+)">([\s\S]*?)<\/Item>/g)];
  if (items.length === 0) return undefined;
  return items.map(([, id, body]) => `<Item id="${id}">${reword(body!.trim())}</Item>`).join('\n');
}

function reword(text: string): string {
  const spelled = text
    .replace(/\s*→\s*/g, ' changed to ')
    .replace(
      /\b(\d+)\.(\d+)(?=\s*%)/g,
      (_, whole: string, frac: string) => `about ${Math.round(Number(`${whole}.${frac}`))}`,
    );
  const capital = spelled.charAt(0).toUpperCase() + spelled.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
