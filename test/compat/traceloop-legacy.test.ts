import { OpenAIInstrumentation } from 'traceloop-instrumentation-openai-legacy';
import { describeTraceloop } from './traceloop-suite.js';

describeTraceloop(
  '@traceloop/instrumentation-openai 0.22.5 (legacy attribute shapes)',
  () => new OpenAIInstrumentation({ traceContent: true }),
  true,
);
