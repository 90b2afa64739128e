/**
 * Pasted or flattened text → paragraphs and table rows, with their line numbers.
 *
 * Only the separators the text itself shows are read here: tabs and pipes make rows of cells
 * (a closing pipe ends a row; `| a | b |` and Markdown rules are understood), a pipe alone on a line
 * separates cells written one per line (the lines between two such pipes are one cell), and every
 * other line is a paragraph. Which paragraph is a label and which a value, and how values that
 * come one per line group into rows, is decided later from the template (src/import/recognize.ts).
 */
import { decodeBytes } from './decode.js';
import type { SourceBlock, SourceCell, SourceDocument, SourceTable } from './source.js';

const PIPES = /[|｜]/;
const LONE_PIPE = /^\s*[|｜]\s*$/;
const MARKDOWN_RULE = /^\s*[|｜]?\s*:?-{3,}:?\s*([|｜]\s*:?-{3,}:?\s*)*[|｜]?\s*$/;

function cell(text: string, line: number): SourceCell {
    return { text: text.trim(), rowSpan: 1, colSpan: 1, at: { line } };
}

/** Splits a line at pipes: a closing pipe ends the row; a line opened and closed by pipes is Markdown. */
function splitPipes(line: string): string[] {
    const parts = line.split(/[|｜]/);
    const trimmed = line.trim();
    const closed = /[|｜]$/.test(trimmed);
    if (closed) parts.pop();
    if (closed && /^[|｜]/.test(trimmed) && parts.length > 1 && !parts[0].trim()) parts.shift();
    return parts;
}

export function readText(data: Uint8Array | string, _options: { name?: string } = {}): SourceDocument {
    const decoded = typeof data === 'string' ? { text: data, conversions: [] } : decodeBytes(data);
    const lines = decoded.text.replace(/\r\n?/g, '\n').split('\n');
    const blocks: SourceBlock[] = [];
    let table: SourceTable | undefined;
    const row = (cells: SourceCell[], line: number) => {
        if (!table) {
            table = { kind: 'table', rows: [], at: { line } };
            blocks.push(table);
        }
        table.rows.push(cells);
    };
    const paragraph = (text: string, line: number) => {
        table = undefined;
        blocks.push({ kind: 'paragraph', text: text.trim(), at: { line } });
    };
    // Where lone pipes separate cells written on lines of their own (a | b | c, one per line).
    const lone = lines.map(l => LONE_PIPE.test(l));
    // The next and the previous lone pipe of every line, found once (no search per line).
    const nextLoneOf = new Array<number>(lines.length + 1).fill(-1);
    for (let i = lines.length - 1; i >= 0; i--) nextLoneOf[i] = lone[i + 1] ? i + 1 : nextLoneOf[i + 1];
    const previousLoneOf = new Array<number>(lines.length).fill(-1);
    for (let i = 1; i < lines.length; i++) previousLoneOf[i] = lone[i - 1] ? i - 1 : previousLoneOf[i - 1];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const number = i + 1;
        if (!line.trim()) continue;
        if (lone[i]) continue;
        const nextLone = nextLoneOf[i];
        // A cell of the one-per-line style: the lines up to the next lone pipe, when one follows
        // without an empty line between, and a lone pipe came before (or this is the cell just before the first).
        if (nextLone > i && !PIPES.test(line) && !line.includes('\t')) {
            const between = lines.slice(i, nextLone);
            const previousLone = previousLoneOf[i];
            const inRun = previousLone >= 0 && lines.slice(previousLone + 1, i).every(l => !l.trim());
            if (between.every(l => l.trim() && !PIPES.test(l) && !l.includes('\t'))) {
                if (inRun) {
                    row([{ text: between.map(l => l.trim()).join('\n'), rowSpan: 1, colSpan: 1, at: { line: number } }], number);
                    i = nextLone - 1;
                    continue;
                }
                if (between.length === 1) {
                    // The first cell of a run: only the line just before the first lone pipe.
                    row([cell(line, number)], number);
                    continue;
                }
            }
        }
        if (MARKDOWN_RULE.test(line) && PIPES.test(line)) continue;
        if (line.includes('\t')) {
            row(line.split('\t').map(t => cell(t, number)), number);
        } else if (PIPES.test(line)) {
            row(splitPipes(line).map(t => cell(t, number)), number);
        } else {
            paragraph(line, number);
        }
    }
    return {
        kind: 'text',
        blocks,
        meta: {},
        conversions: [...decoded.conversions],
        issues: [],
    };
}
