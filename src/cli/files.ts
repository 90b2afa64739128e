/**
 * Which files `xxgk check` reads: the files named, and every report (*.xxgk, any case) below the
 * folders named. Links are followed, to files and to folders; a folder reached twice (a link loop,
 * or two links to one folder) is walked once.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { isReportPath } from '../util/report-files.js';

export interface Expanded {
    files: string[];
    /** One-line messages for paths that could not be used. */
    problems: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'out']);

/** `accept`: which file names below a folder are taken (reports by default; `xxgk import` takes published reports). */
export function expandPaths(args: readonly string[], accept: (name: string) => boolean = isReportPath): Expanded {
    const files: string[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    /** Real paths of the folders walked: loop protection. */
    const walked = new Set<string>();
    const add = (file: string) => {
        const key = path.resolve(file);
        if (!seen.has(key)) {
            seen.add(key);
            files.push(file);
        }
    };
    const walk = (dir: string) => {
        let entries: Dirent[];
        try {
            const real = realpathSync(dir);
            if (walked.has(real)) return;
            walked.add(real);
            entries = readdirSync(dir, { withFileTypes: true });
        } catch (e) {
            problems.push(`${dir}: 无法读取目录（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
            return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            let isDir = entry.isDirectory();
            if (entry.isSymbolicLink()) {
                try {
                    isDir = statSync(full).isDirectory();
                } catch { /* a dangling link: a report if it is named like one, and then reported as unreadable */ }
            }
            if (isDir) {
                if (!SKIPPED_DIRS.has(entry.name)) walk(full);
            } else if (accept(entry.name)) {
                // Whatever it is (a file, a link, a FIFO…): reading it says what is wrong, if anything.
                add(full);
            }
        }
    };
    for (const arg of args) {
        let stat;
        try {
            stat = statSync(arg);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            problems.push(code === 'ENOENT' ? `${arg}: 路径不存在` : `${arg}: 无法访问（${code ?? (e as Error).message}）`);
            continue;
        }
        if (stat.isDirectory()) walk(arg);
        else add(arg);
    }
    return { files, problems };
}
