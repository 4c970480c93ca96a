#!/usr/bin/env node
// The CLI's ES-module bundle (scripts/build.mjs) without the startup snapshot: what bin/wasmctl falls
// back to, and what `node bin/wasmctl.js` runs.
import '../dist/bundle/wasmctl.js';
