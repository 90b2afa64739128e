/**
 * npm run bench (PDF part): import time per page of the PDF reader, on the real WPS-made
 * hzq2023.pdf (5 pages, 3 ruled tables) and on a generated 50-page report-like PDF (a ruled table
 * and paragraphs on every page). Target ≤ 300 ms a page. The fastest of several rounds counts
 * (the machine is shared). Runs from the bundle (out/bench/pdf.cjs), so it also proves pdf.js and
 * its CMaps load from a CommonJS bundle.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { readPdf } from '../src/import/read-pdf.js';

const root = path.resolve(__dirname, '../..');

function generated(pages: number): Promise<Uint8Array> {
    return new Promise(resolve => {
        const doc = new PDFDocument({ compress: true });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        doc.font('Helvetica').fontSize(10);
        for (let p = 1; p <= pages; p++) {
            if (p > 1) doc.addPage();
            doc.text(`Section ${p}. `.repeat(40), 72, 72, { width: 450 });
            const top = 220, rows = 20, cols = [72, 250, 320, 390, 460, 530];
            for (let r = 0; r <= rows; r++) doc.moveTo(72, top + r * 20).lineTo(530, top + r * 20);
            for (const x of cols) doc.moveTo(x, top).lineTo(x, top + rows * 20);
            doc.lineWidth(0.5).stroke();
            for (let r = 0; r < rows; r++) {
                doc.text(`Row label ${r + 1}`, 76, top + r * 20 + 6, { lineBreak: false });
                for (let c = 1; c < cols.length - 1; c++) doc.text(String((p * 31 + r * 7 + c) % 1000), cols[c] + 6, top + r * 20 + 6, { lineBreak: false });
            }
            doc.text(`- ${p} -`, 290, 740, { lineBreak: false });
        }
        doc.end();
    });
}

async function perPage(name: string, data: Uint8Array, rounds: number): Promise<void> {
    let best = Infinity, pages = 0, tables = 0;
    for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        const doc = await readPdf(data);
        const ms = performance.now() - start;
        best = Math.min(best, ms);
        pages = Math.max(...doc.blocks.map(b => b.at.page ?? 0));
        tables = doc.blocks.filter(b => b.kind === 'table').length;
    }
    const page = best / pages;
    console.log(`${page <= 300 ? '✓' : '✗'} PDF import, ${name.padEnd(28)} ${page.toFixed(0).padStart(4)} ms a page (${pages} pages, ${tables} tables, best of ${rounds} in ${best.toFixed(0)} ms)   (target ≤ 300 ms)`);
}

async function main(): Promise<void> {
    console.log(`PDF bench (node ${process.version})`);
    // The first read loads pdf.js and the CMaps: reported apart.
    const hzq = new Uint8Array(readFileSync(path.join(root, 'tests/fixtures/import/pdf/hzq2023.pdf')));
    const start = performance.now();
    await readPdf(hzq);
    console.log(`  first read (loads pdf.js and the CMaps)          ${(performance.now() - start).toFixed(0)} ms`);
    await perPage('hzq2023.pdf (WPS)', hzq, 5);
    await perPage('generated, 50 pages', await generated(50), 3);
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
