export { DEFAULT_PROVIDER_TIMEOUTS } from './provider-config.js';
export type { ProviderConfig, ProviderTimeouts } from './provider-config.js';
export { ProviderConfigError, formatPath } from './provider-config-error.js';
export { validateProvider, validateProviders } from './validate-provider.js';
export { OPENAI_BASE_URL, defaultProvider, servesModel } from './default-provider.js';
export { MODEL_ENCODINGS, describeModel } from './describe-model.js';
export type { ModelDescription, TokenEncoding } from './describe-model.js';
