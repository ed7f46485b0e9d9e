import { requireCount } from './stats-error.js';
import { binomialTest } from './binomial-test.js';

/**
 * Exact McNemar test for paired pass/fail outcomes: only discordant pairs carry information;
 * under H0 the b "passed before, failed after" pairs are Binomial(b + c, ½).
 *
 * Reference: statsmodels `mcnemar(table, exact=True)`; Fagerland et al. (2013), BMC Med Res Methodol 13:91.
 *
 * @example
 * mcnemarExact(1, 8).pValue; // 0.0390625 (= 2·(1+9)/512)
 */
export function mcnemarExact(
  passToFail: number,
  failToPass: number,
): { pValue: number; discordant: number } {
  requireCount('passToFail', passToFail);
  requireCount('failToPass', failToPass);
  const discordant = passToFail + failToPass;
  if (discordant === 0) return { pValue: 1, discordant };
  return { pValue: binomialTest(passToFail, discordant, 0.5).pValue, discordant };
}
