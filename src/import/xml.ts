/**
 * A small scanner for the XML inside Office files (DOCX, XLSX): start tags, end tags and text,
 * entities decoded. Not validating, no namespaces resolved (names keep their prefix: `w:tc`).
 * Processing instructions, comments and doctypes are skipped; CDATA is text. Attributes are read
 * only when asked for (most elements of a document need none).
 */
export interface XmlHandler {
    open(name: string, attrs: XmlAttributes, selfClosing: boolean): void;
    close(name: string): void;
    text(text: string): void;
    /** Whether text is wanted now (text the handler would drop is not sliced or decoded). */
    wantsText?(): boolean;
    /** Only these elements are reported (all when absent). */
    elements?: ReadonlySet<string>;
}

export class XmlAttributes {
    private parsed?: Record<string, string>;
    constructor(private readonly raw: string) {}
    get(name: string): string | undefined {
        if (!this.raw) return undefined;
        if (!this.parsed) {
            this.parsed = {};
            ATTR.lastIndex = 0;
            let m: RegExpExecArray | null;
            while ((m = ATTR.exec(this.raw))) this.parsed[m[1]] = decodeEntities(m[3] ?? m[4] ?? '');
        }
        return this.parsed[name];
    }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const NONE = new XmlAttributes('');

export function decodeEntities(text: string): string {
    if (text.indexOf('&') < 0) return text;
    return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
        if (e[0] === '#') {
            const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
            return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
        }
        return ENTITIES[e] ?? m;
    });
}

function isSpace(c: number): boolean {
    return c === 32 || c === 9 || c === 10 || c === 13;
}

export function scanXml(xml: string, handler: XmlHandler): void {
    let i = 0;
    const n = xml.length;
    const elements = handler.elements;
    const wants = handler.wantsText?.bind(handler) ?? (() => true);
    while (i < n) {
        const lt = xml.indexOf('<', i);
        if (lt < 0) {
            if (wants()) handler.text(decodeEntities(xml.slice(i)));
            return;
        }
        if (lt > i && wants()) handler.text(decodeEntities(xml.slice(i, lt)));
        const next = xml.charCodeAt(lt + 1);
        if (next === 33 /* ! */) {
            if (xml.startsWith('<!--', lt)) {
                const end = xml.indexOf('-->', lt + 4);
                i = end < 0 ? n : end + 3;
            } else if (xml.startsWith('<![CDATA[', lt)) {
                const end = xml.indexOf(']]>', lt + 9);
                handler.text(xml.slice(lt + 9, end < 0 ? n : end));
                i = end < 0 ? n : end + 3;
            } else {
                const end = xml.indexOf('>', lt + 2);
                i = end < 0 ? n : end + 1;
            }
            continue;
        }
        const gt = xml.indexOf('>', lt + 1);
        if (gt < 0) return;
        if (next === 63 /* ? */) {
            i = gt + 1;
            continue;
        }
        if (next === 47 /* / */) {
            const name = xml.slice(lt + 2, gt).trim();
            if (!elements || elements.has(name)) handler.close(name);
            i = gt + 1;
            continue;
        }
        const selfClosing = xml.charCodeAt(gt - 1) === 47;
        const bodyEnd = selfClosing ? gt - 1 : gt;
        let nameEnd = lt + 1;
        while (nameEnd < bodyEnd && !isSpace(xml.charCodeAt(nameEnd))) nameEnd++;
        const name = xml.slice(lt + 1, nameEnd);
        if (!elements || elements.has(name)) {
            handler.open(name, nameEnd < bodyEnd ? new XmlAttributes(xml.slice(nameEnd, bodyEnd)) : NONE, selfClosing);
            if (selfClosing) handler.close(name);
        }
        i = gt + 1;
    }
}
