// Runs the preview benchmark (bench/preview.ts, bundled by `npm run build` into out/bench/preview.cjs).
import { createRequire } from 'node:module';

createRequire(import.meta.url)('../out/bench/preview.cjs');
