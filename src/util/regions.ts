/**
 * Where a report's text blocks (""" … """) and comments (// to the end of the line) are, found the
 * way the grammar's lexer finds them (src/language/xxgk.langium: TEXT_BLOCK, SL_COMMENT): whichever
 * of `"""` and `//` comes first opens its region, so a `//` inside a text block is prose and a `"""`
 * inside a comment is comment. A cell never holds `//` or `"""`. Nothing inside either region may be
 * changed by a fix; comments carry suppressions (src/rules/suppress.ts).
 */
/** Offsets into the text, end exclusive (the model's Span). */
export interface Span {
    start: number;
    end: number;
}

export interface TextRegions {
    /** Text blocks, fences included; an unclosed block runs to the end of the text. */
    blocks: Span[];
    /** Comments from `//` to the end of the line (without the line break). */
    comments: Span[];
}

export function textRegions(text: string): TextRegions {
    const blocks: Span[] = [];
    const comments: Span[] = [];
    let quote = text.indexOf('"""');
    let slash = text.indexOf('//');
    while (quote >= 0 || slash >= 0) {
        if (slash >= 0 && (quote < 0 || slash < quote)) {
            let end = slash + 2;
            while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
            comments.push({ start: slash, end });
            if (quote >= 0 && quote < end) quote = text.indexOf('"""', end);
            slash = text.indexOf('//', end);
        } else {
            const close = text.indexOf('"""', quote + 3);
            const end = close < 0 ? text.length : close + 3;
            blocks.push({ start: quote, end });
            if (slash >= 0 && slash < end) slash = text.indexOf('//', end);
            quote = close < 0 ? -1 : text.indexOf('"""', end);
        }
    }
    return { blocks, comments };
}
