#!/usr/bin/env -S node --
// The CLI's ES-module bundle (scripts/build.mjs) without the startup snapshot: what bin/wasmctl falls
// back to, and what `node bin/wasmctl.js` runs. `node --` (the shebang) keeps Node 20 from taking
// `wasmctl run --env-file` as its own option.
import '../dist/bundle/wasmctl.js';
