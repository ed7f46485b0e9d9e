export { diagnoseTrace } from './diagnose-trace.js';
export type { DiagnoseOptions } from './diagnose-trace.js';
export { DIAGNOSIS_ORDER, LAYER_LABELS } from './diagnosis.js';
export type { Diagnosis, EvidenceKind, LayerVerdict, Verdict } from './diagnosis.js';
