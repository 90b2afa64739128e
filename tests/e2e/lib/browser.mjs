// Debian's chromium driven by playwright-core (no browser download), kept inside the run directory.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromiumPath, playwright } from './host.mjs';

/** Launches chromium with a fresh profile in `runDir`; returns the context and its first page. */
export async function launchBrowser(runDir, { locale } = {}) {
    const { chromium } = playwright();
    const home = path.join(runDir, 'chromium');
    for (const dir of ['profile', 'home', 'tmp', 'config', 'cache']) mkdirSync(path.join(home, dir), { recursive: true });
    const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
        executablePath: chromiumPath(),
        headless: true,
        // Playwright refuses --user-data-dir in args; these keep chromium (and its crash reports) out of $HOME.
        env: {
            ...process.env,
            HOME: path.join(home, 'home'),
            TMPDIR: path.join(home, 'tmp'),
            XDG_CONFIG_HOME: path.join(home, 'config'),
            XDG_CACHE_HOME: path.join(home, 'cache'),
        },
        args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        ],
        viewport: { width: 1400, height: 900 },
        ...(locale ? { locale } : {}),
    });
    const page = context.pages()[0] ?? await context.newPage();
    return { context, page };
}
