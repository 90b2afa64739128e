/**
 * Writes the made-up county of the office tests: `node out/scripts/office-fixture.cjs [folder]`
 * (npm run fixtures:office), into tests/fixtures/office/ by default:
 *   county/单位名单.csv (UTF-8 with a BOM, as Excel saves 「CSV UTF-8」), county/2022…2024/*.xxgk,
 *   单位名单-gbk.csv (the same registry in GBK, as Excel saves 「CSV（逗号分隔）」), 单位名单.xlsx.
 * The spec is tests/support/county-fixture.ts; tests/office-fixture.test.ts checks the committed files.
 */
import '../src/polyfill.js';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { UTF8_BOM, writeCsv } from '../src/office/csv.js';
import { generateArea } from '../tests/support/county.js';
import { countySpec } from '../tests/support/county-fixture.js';
import { encodeGbk } from '../tests/support/gbk.js';

async function cellsOf(bytes: ArrayBuffer | Buffer): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as ArrayBuffer);
    const rows: unknown[] = [];
    wb.worksheets[0].eachRow(row => rows.push(row.values));
    return JSON.stringify(rows);
}

async function main(): Promise<void> {
    const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'tests', 'fixtures', 'office'));
    const county = path.join(root, 'county');
    rmSync(county, { recursive: true, force: true });
    const area = generateArea(countySpec);
    const csv = writeCsv(area.registry);
    mkdirSync(county, { recursive: true });
    writeFileSync(path.join(county, '单位名单.csv'), UTF8_BOM + csv, 'utf8');
    for (const [file, text] of area.files) {
        mkdirSync(path.dirname(path.join(county, file)), { recursive: true });
        writeFileSync(path.join(county, file), text, 'utf8');
    }
    writeFileSync(path.join(root, '单位名单-gbk.csv'), encodeGbk(csv));
    const wb = new ExcelJS.Workbook();
    wb.created = wb.modified = new Date(Date.UTC(2025, 0, 1));
    const sheet = wb.addWorksheet('单位名单');
    sheet.addRow(['青溪县政府信息公开工作年度报告单位名单']); // a title row above the header, as offices write them
    sheet.addRow(area.registry[0]);
    for (const row of area.registry.slice(1)) {
        // Years as numbers, as Excel makes them; 截止日期 as a date cell (its month and day count).
        sheet.addRow(row.map((cell, i) => (i === 8 && cell ? new Date(Date.UTC(2025, 0, 15)) : /^\d+$/.test(cell) && i >= 5 ? Number(cell) : cell)));
    }
    // An .xlsx file differs byte for byte on every write (zip times): write it only when its cells change.
    const xlsx = path.join(root, '单位名单.xlsx');
    if (!existsSync(xlsx) || await cellsOf(readFileSync(xlsx)) !== await cellsOf(await wb.xlsx.writeBuffer() as ArrayBuffer)) {
        writeFileSync(xlsx, new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
    }
    console.log(`${county}: ${area.registry.length - 1} units, ${area.files.size} reports`);
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
