import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { describeTraceloop } from './traceloop-suite.js';

describeTraceloop(
  '@traceloop/instrumentation-openai 0.27',
  () => new OpenAIInstrumentation({ traceContent: true }),
  false,
);
