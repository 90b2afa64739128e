/**
 * A small pull parser for the XML inside Office files (DOCX, XLSX): start tags with attributes,
 * end tags and text, entities decoded. Not validating, no namespaces resolved (names keep their
 * prefix: `w:tc`). Processing instructions, comments and doctypes are skipped; CDATA is text.
 */
export type XmlEvent =
    | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
    | { type: 'close'; name: string }
    | { type: 'text'; text: string };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

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

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

export function* xmlEvents(xml: string): Generator<XmlEvent> {
    let i = 0;
    const n = xml.length;
    while (i < n) {
        const lt = xml.indexOf('<', i);
        if (lt < 0) {
            if (i < n) yield { type: 'text', text: decodeEntities(xml.slice(i)) };
            return;
        }
        if (lt > i) yield { type: 'text', text: decodeEntities(xml.slice(i, lt)) };
        if (xml.startsWith('<!--', lt)) {
            const end = xml.indexOf('-->', lt + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        if (xml.startsWith('<![CDATA[', lt)) {
            const end = xml.indexOf(']]>', lt + 9);
            yield { type: 'text', text: xml.slice(lt + 9, end < 0 ? n : end) };
            i = end < 0 ? n : end + 3;
            continue;
        }
        if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
            const end = xml.indexOf('>', lt + 2);
            i = end < 0 ? n : end + 1;
            continue;
        }
        const gt = xml.indexOf('>', lt + 1);
        if (gt < 0) return;
        if (xml[lt + 1] === '/') {
            yield { type: 'close', name: xml.slice(lt + 2, gt).trim() };
            i = gt + 1;
            continue;
        }
        let body = xml.slice(lt + 1, gt);
        const selfClosing = body.endsWith('/');
        if (selfClosing) body = body.slice(0, -1);
        const space = body.search(/\s/);
        const name = space < 0 ? body : body.slice(0, space);
        const attrs: Record<string, string> = {};
        if (space >= 0) {
            ATTR.lastIndex = 0;
            const rest = body.slice(space);
            let m: RegExpExecArray | null;
            while ((m = ATTR.exec(rest))) attrs[m[1]] = decodeEntities(m[3] ?? m[4] ?? '');
        }
        yield { type: 'open', name, attrs, selfClosing };
        if (selfClosing) yield { type: 'close', name };
        i = gt + 1;
    }
}
