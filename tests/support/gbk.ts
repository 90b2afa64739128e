/** Text as GBK bytes, as Excel writes a CSV on a Chinese Windows (Node has a GBK decoder, not an encoder). */
let table: Map<string, number[]> | undefined;

function encoderTable(): Map<string, number[]> {
    if (table) return table;
    table = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
        for (let trail = 0x40; trail <= 0xfe; trail++) {
            if (trail === 0x7f) continue;
            const ch = decoder.decode(new Uint8Array([lead, trail]));
            if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
        }
    }
    return table;
}

export function encodeGbk(text: string): Uint8Array {
    const out: number[] = [];
    const map = encoderTable();
    for (const ch of text) {
        const code = ch.charCodeAt(0);
        if (code < 0x80) out.push(code);
        else {
            const bytes = map.get(ch);
            if (!bytes) throw new Error(`「${ch}」 has no GBK encoding`);
            out.push(...bytes);
        }
    }
    return new Uint8Array(out);
}
