/**
 * Lines of a report. A line break is `\r\n`, `\n` or a lone `\r` (old Mac files), the same three the
 * grammar's NL, LSP positions and the CLI's line numbers count; nothing in src/ looks for '\n' alone.
 */

/** One line break: CRLF, LF or a lone CR. */
export const LINE_BREAK = /\r\n?|\n/;

function isBreak(code: number): boolean {
    return code === 10 || code === 13;
}

/** Start of the line that holds `offset`. */
export function lineStartAt(text: string, offset: number): number {
    for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) if (isBreak(text.charCodeAt(i))) return i + 1;
    return 0;
}

/** End of the content of the line that holds `offset` (before its line break). */
export function lineEndAt(text: string, offset: number): number {
    for (let i = Math.max(offset, 0); i < text.length; i++) if (isBreak(text.charCodeAt(i))) return i;
    return text.length;
}

/** Length of the line break at `offset` (2 for CRLF, 1 for LF or CR), 0 when there is none. */
export function breakLength(text: string, offset: number): number {
    const c = text.charCodeAt(offset);
    if (c === 13) return text.charCodeAt(offset + 1) === 10 ? 2 : 1;
    return c === 10 ? 1 : 0;
}

/** Length of the line break that ends at `offset` (2 for CRLF, 1 for LF or CR), 0 when there is none. */
export function breakBefore(text: string, offset: number): number {
    const c = text.charCodeAt(offset - 1);
    if (c === 10) return text.charCodeAt(offset - 2) === 13 ? 2 : 1;
    return c === 13 ? 1 : 0;
}

export interface LineRange {
    start: number;
    /** End of the content, before the line break. */
    end: number;
    /** Start of the next line (end + the break's length); text.length + 1 after the last line. */
    next: number;
}

/** Every line of `text` (a text ending with a break has an empty last line). */
export function lineRanges(text: string): LineRange[] {
    const out: LineRange[] = [];
    let start = 0;
    for (;;) {
        const end = lineEndAt(text, start);
        if (end >= text.length) {
            out.push({ start, end, next: text.length + 1 });
            return out;
        }
        const next = end + breakLength(text, end);
        out.push({ start, end, next });
        start = next;
    }
}

/** The line break a text uses (its first one), for lines a fix inserts; '\n' when it has none. */
export function lineBreakOf(text: string): string {
    return LINE_BREAK.exec(text)?.[0] ?? '\n';
}

/** Offsets ↔ zero-based line and character (UTF-16 code units, as LSP counts them). */
export interface Position {
    line: number;
    character: number;
}

export class LineIndex {
    private readonly starts: number[] = [0];

    constructor(readonly text: string) {
        if (/\r(?!\n)/.test(text)) {
            // Old Mac line breaks (a lone \r): look at every character.
            for (let i = 0; i < text.length; i++) {
                const ch = text.charCodeAt(i);
                if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
            }
            return;
        }
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }

    get lineCount(): number {
        return this.starts.length;
    }

    position(offset: number): Position {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return { line: lo, character: offset - this.starts[lo] };
    }

    offset(position: Position): number {
        const start = this.starts[Math.min(Math.max(position.line, 0), this.starts.length - 1)];
        return Math.min(start + position.character, this.text.length);
    }

    lineStart(line: number): number {
        return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
    }

    /** End of a line's content, before its line break. */
    lineEnd(line: number): number {
        const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
        let end = next;
        while (end > this.starts[line] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
        return end;
    }
}
