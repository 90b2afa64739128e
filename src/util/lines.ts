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
