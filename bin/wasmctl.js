#!/usr/bin/env node
// The CLI's esbuild bundle (scripts/build.mjs), built by `npm run build` and on `npm ci`/`npm install`.
import '../dist/bundle/wasmctl.js';
