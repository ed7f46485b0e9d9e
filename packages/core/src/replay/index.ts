export { modelInputKey, replayRecording } from './replay-recording.js';
export type { RecordedModelCall, RecordedToolCall, ReplayRecording } from './replay-recording.js';
