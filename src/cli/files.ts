/** Which files `xxgk check` reads: the files named, and every *.xxgk below the folders named. */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface Expanded {
    files: string[];
    /** One-line messages for paths that could not be used. */
    problems: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'out']);

export function expandPaths(args: readonly string[]): Expanded {
    const files: string[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    const add = (file: string) => {
        const key = path.resolve(file);
        if (!seen.has(key)) {
            seen.add(key);
            files.push(file);
        }
    };
    const walk = (dir: string) => {
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        } catch (e) {
            problems.push(`${dir}: 无法读取目录（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
            return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRS.has(entry.name)) walk(full);
            } else if (entry.name.endsWith('.xxgk') && (entry.isFile() || entry.isSymbolicLink())) {
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
