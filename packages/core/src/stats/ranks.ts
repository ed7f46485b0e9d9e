/**
 * Average ranks (1-based, ties share the mean of their positions) and the tie-group sizes.
 *
 * @example
 * averageRanks([10, 20, 20, 5]); // { ranks: [2, 3.5, 3.5, 1], ties: [2] }
 */
export function averageRanks(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (
      j + 1 < order.length &&
      (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]
    )
      j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[(order[k] as readonly [number, number])[1]] = rank;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}
