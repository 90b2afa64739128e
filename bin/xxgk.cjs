#!/usr/bin/env node
// The xxgk command: the bundled CLI (npm run build writes out/cli/main.cjs).
require('../out/cli/main.cjs');
