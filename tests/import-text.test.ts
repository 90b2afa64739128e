/** Text as people paste it and as pages get flattened: every style the importer reads, and what it refuses to guess. */
import { describe, expect, it } from 'vitest';
import { imported } from './support/import.js';

const head2021 = ['标题：某局2024年政府信息公开工作年度报告', '一、总体情况', '本年度工作正常。', '二、主动公开政府信息情况'];

function cell(model: Awaited<ReturnType<typeof imported>>['model'], table: string, row: string, column: string): string | undefined {
    const c = model.tables.get(table)?.rowsById.get(row)?.byColumn.get(column);
    return c && c.state !== 'missing' ? c.text : undefined;
}

describe('text styles', () => {
    it('tab-separated, with merged cells as empty leading cells', async () => {
        const text = [...head2021, '第二十条第（一）项\t\t\t', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '规章\t0\t0\t0', '行政规范性文件\t5\t1\t25',
            '三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t',
            '\t自然人\t法人或其他组织\t\t\t\t\t总计', '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
            '一、本年新收政府信息公开申请数量\t1\t2\t0\t0\t0\t0\t3', '三、本年度办理结果\t（一）予以公开\t1\t2\t0\t0\t0\t0\t3',
            '（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0', '\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0'].join('\n');
        const { model, report } = await imported(text);
        expect(cell(model, 'item1', 'normative', 'inForce')).toBe('25');
        expect(cell(model, 'applications', 'received', 'total')).toBe('3');
        expect(cell(model, 'applications', 'disclosed', 'business')).toBe('2');
        expect(cell(model, 'applications', 'prohibited', 'total')).toBe('0');
        expect(report.cells.unreadable).toBe(0);
    });

    it('pipes, one cell per line with lone pipes, and one value per paragraph', async () => {
        const piped = [...head2021, '第二十条第(一)项 | |||', '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '规章 | 0 | 0 | 0 |', '行政规范性文件 | 5 | 1 | 25 | |'].join('\n');
        const lonePipes = [...head2021, '第二十条第(一)项', '|', '信息内容', '|', '本年制发', '件数', '|', '本年废止件数', '|', '现行有效件数', '|',
            '规章', '|', '0', '|', '0', '|', '0', '|', '行政规范性文件', '|', '5', '|', '1', '|', '25', '|'].join('\n');
        const paragraphs = [...head2021, '第二十条第(一)项', '', '信息内容', '', '本年制发件数', '', '本年废止件数', '', '现行有效件', '', '规章', '', '0', '', ' 0', '', '0',
            '', '行政规范性文件', '', '5', '', '1', '', '  25'].join('\n');
        for (const text of [piped, lonePipes, paragraphs]) {
            const { model, report } = await imported(text);
            expect(cell(model, 'item1', 'normative', 'issued')).toBe('5');
            expect(cell(model, 'item1', 'normative', 'inForce')).toBe('25');
            expect(cell(model, 'item1', 'rules', 'repealed')).toBe('0');
            expect(report.cells.unreadable).toBe(0);
        }
    });

    it('letter-spaced and split headers are read as their columns; the printed label is kept where the checker reads it', async () => {
        const text = [...head2021.slice(0, 3), '三、收到和处理政府信息公开申请情况', '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |',
            '自 然 人 | 法人或其他组织 | 总 计 |', '商业 企业 | 科研\n机构 | 社会公益组织 | 法律服务机构 | 其 他 |',
            '一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 1 | 5 |'].join('\n');
        const { model, text: written } = await imported(text);
        expect(cell(model, 'applications', 'received', 'otherOrg')).toBe('1');
        expect(cell(model, 'applications', 'received', 'total')).toBe('5');
        expect(written).toContain('| 自然人 |');
        expect(written).toContain('| 商业企业 |');
    });

    it('glued digits: a split only when the table\'s own sums leave one', async () => {
        // 120000012 cuts four ways into 一、本年新收's seven columns; with 总计 = Σ only 12|0|0|0|0|0|12 is left. 7 zeros: one cut.
        const unique = [...head2021.slice(0, 3), '三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
            '申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计', '一、本年新收政府信息公开申请数量120000012', '二、上年结转政府信息公开申请数量0000000'].join('\n');
        const { model, report, text } = await imported(unique);
        expect(cell(model, 'applications', 'received', 'person')).toBe('12');
        expect(cell(model, 'applications', 'received', 'total')).toBe('12');
        expect(cell(model, 'applications', 'carriedIn', 'legal')).toBe('0');
        expect(report.decided.map(d => d.printed)).toEqual(['120000012', '0000000']);
        expect(text).toContain('按合计关系拆分');
        // 2019 第（五）项 has no sum: 行政许可2140937 can be cut many ways — unreadable, never guessed.
        const ambiguous = ['一、总体情况', '正文。', '二、主动公开政府信息情况', '第二十条第(五)项', '信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量', '行政许可2140937', '规章000'].join('\n');
        const back = await imported(ambiguous);
        expect(back.model.tables.get('item5')!.rowsById.get('licensing')!.cells.map(c => c.text)).toEqual(['？', '？', '？']);
        expect(back.report.unreadable.filter(u => u.row === 'licensing')).toHaveLength(3);
        expect(back.report.unreadable[0].printed).toBe('2140937');
    });

    it('a row with fewer cells than columns is placed only when its sums allow one place, else unreadable', async () => {
        const text = [...head2021.slice(0, 3), '三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
            '申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计',
            '一、本年新收政府信息公开申请数量 | 3 | 3 |', '二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0', '四、结转下年度继续办理 | 1 | 0'].join('\n');
        const { model, report } = await imported(text);
        expect(model.tables.get('applications')!.rowsById.get('received')!.cells.every(c => c.text === '？')).toBe(true);
        expect(report.unreadable.filter(u => u.row === 'received')).toHaveLength(7);
        // The copy ends in 四: cut, what is there left to right.
        expect(cell(model, 'applications', 'carriedOver', 'person')).toBe('1');
        expect(cell(model, 'applications', 'carriedOver', 'business')).toBe('0');
        expect(cell(model, 'applications', 'carriedOver', 'total')).toBeUndefined();
        expect(report.missing.rows.some(r => r.row === 'carriedOver')).toBe(true);
    });

    it('traditional characters are converted and injected pinyin removed, both reported', async () => {
        const text = ['撫遠市自然資源局2022年政府信息公開工作年度報告', '一、總體情況', '本局鄉(xiāng)鎮工作，政府信息公開條例規定的各項工作，認真開展，發佈信息18篇，開展檢查與監督。',
            '二、主動公開政府信息情況', '第二十條第(五)項 | ||', '信息內容 | 本年處理決定數量 |', '行政許可 | 76 |'].join('\n');
        const { model, report, text: written } = await imported(text);
        expect(cell(model, 'item5', 'licensing', 'decisions')).toBe('76');
        expect(written).toContain('乡镇工作');
        expect(written).not.toContain('xiāng');
        expect(report.conversions.map(c => c.kind)).toEqual(expect.arrayContaining(['traditional', 'pinyin']));
        // Simplified text is left alone.
        expect((await imported(head2021.join('\n'))).report.conversions.map(c => c.kind)).not.toContain('traditional');
    });

    it('is deterministic, and --labels official writes the official labels', async () => {
        const text = ['一、总体情况', '正文。', '二、行政机关主动公开政府信息情况', '第二十条第(一)项 |', '信息内容 | 本年发件 | 本年废止件数 | 现行有效件 |', '规章 | 0 | 0 | 0 |'].join('\n');
        const a = await imported(text);
        const b = await imported(text);
        expect(a.text).toBe(b.text);
        expect(JSON.stringify(a.report)).toBe(JSON.stringify(b.report));
        expect(a.text).toContain('二、行政机关主动公开政府信息情况');
        expect(a.text).toContain('本年发件');
        expect(a.report.labels.find(l => l.printed === '本年发件')).toMatchObject({ official: '本年制发件数', written: 'printed' });
        const official = await imported(text, { labels: 'official' });
        expect(official.text).toContain('二、主动公开政府信息情况');
        expect(official.text).toContain('本年制发件数');
        expect(official.text).toContain('现行有效件数');
        expect(official.text).toContain('第二十条第（一）项');
    });

    it('unreadable cells are reported by the checker at their place, never as 0', async () => {
        const text = ['一、总体情况', '正文。', '二、主动公开政府信息情况', '第二十条第(五)项', '信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量', '行政许可2140937'].join('\n');
        const { model } = await imported(text);
        const cells = model.tables.get('item5')!.rowsById.get('licensing')!.cells;
        expect(cells.map(c => c.state)).toEqual(['invalid', 'invalid', 'invalid']);
        expect(cells.every(c => c.value === undefined)).toBe(true);
    });
});
