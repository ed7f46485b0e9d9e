/**
 * The next selected index of a list for a navigation key: ArrowUp/Down and j/k by one,
 * PageUp/PageDown by a page, Home/End to the ends; undefined when the key does not move.
 *
 * @example
 * moveSelection('ArrowDown', 3, 10); // 4
 * moveSelection('End', 3, 10); // 9
 */
export function moveSelection(
  key: string,
  index: number,
  count: number,
  page = 10,
): number | undefined {
  if (count <= 0) return undefined;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return clamp(index + 1);
    case 'ArrowUp':
    case 'k':
      return clamp(index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(index + page);
    case 'PageUp':
      return clamp(index - page);
    default:
      return undefined;
  }
}
