#!/usr/bin/env node
// The bin is a committed file rather than dist/main.js: npm links bins while installing,
// before the root `prepare` script builds dist, and it skips a bin whose target is missing.
import '../dist/main.js';
