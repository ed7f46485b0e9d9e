export { computeCostUsd } from './compute-cost-usd.js';
export { findModelPrice } from './find-model-price.js';
export { MODEL_PRICES } from './model-prices.js';
export type { ModelPrice } from './model-prices.js';
