/** An incident eval that cannot run as asked (nothing to evaluate): answered as 400. */
export class IncidentEvalRefused extends Error {
  override readonly name = 'IncidentEvalRefused';
}
