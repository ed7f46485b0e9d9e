/** A missing dataset, version, run or trace: answered as 404 by the routes. */
export class EvalNotFound extends Error {
  override readonly name = 'EvalNotFound';
}
