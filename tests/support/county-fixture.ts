/**
 * 青溪县 — the made-up county of tests/fixtures/office/county (written by scripts/office-fixture.ts;
 * tests/office-fixture.test.ts checks that the committed files are what this makes). 30 units over
 * 2022–2024, with what an office meets in a year:
 *
 * - 011 renamed (2022 report under the former name, an alias); 018 renamed in 2024; 019's 2024 report
 *   writes 单位编号 and a short name that is no alias;
 * - 004 ends after 2022; 020 starts in 2023; 026 须报送 否;
 * - 2024: 016 late (2025-02-05), 029 empty tables, 024 copied its 2023 prose, 022 repeats its 2023
 *   tables, 028 missing, 025 without 发布日期; 2023: 030 late against its own 截止日期 (1-15);
 * - 001 (the county government) reports the 汇总 of its children; in 2024 it is off by one in
 *   行政许可 (for the roll-up rule);
 * - a 2024 report of 青溪县林业局, which is not in the registry.
 */
import type { StatusCode } from '../../src/office/status.js';
import type { AreaSpec, UnitSpec } from './county.js';

const dept = (id: string, name: string, more: Partial<UnitSpec> = {}): UnitSpec => ({ id, name, level: '部门', parent: '001', ...more });
const town = (id: string, name: string, more: Partial<UnitSpec> = {}): UnitSpec => ({ id, name, level: '乡', parent: '001', ...more });

export const countySpec: AreaSpec = {
    years: [2022, 2023, 2024],
    seed: 2024,
    origin: '虚构的测试数据，由 scripts/office-fixture.ts 生成',
    units: [
        { id: '001', name: '青溪县人民政府', level: '县', rollUp: true, offByOne: [2024] },
        dept('002', '青溪县发展和改革局'),
        dept('003', '青溪县教育局'),
        dept('004', '青溪县科学技术局', { to: 2022, quiet: true }),
        dept('005', '青溪县工业和信息化局'),
        dept('006', '青溪县公安局'),
        dept('007', '青溪县民政局'),
        dept('008', '青溪县司法局'),
        dept('009', '青溪县财政局'),
        dept('010', '青溪县人力资源和社会保障局'),
        dept('011', '青溪县自然资源局', { aliases: ['青溪县国土资源局'], names: { 2022: '青溪县国土资源局' } }),
        dept('012', '青溪县生态环境局'),
        dept('013', '青溪县住房和城乡建设局'),
        dept('014', '青溪县交通运输局'),
        dept('015', '青溪县水利局'),
        dept('016', '青溪县农业农村局', { published: { 2024: '2025-02-05' } }),
        dept('017', '青溪县商务局'),
        dept('018', '青溪县文化和旅游局', { aliases: ['青溪县文化广电和旅游局'], names: { 2022: '青溪县文化广电和旅游局', 2023: '青溪县文化广电和旅游局' } }),
        dept('019', '青溪县卫生健康委员会', { aliases: ['青溪县卫生和计划生育委员会'], names: { 2022: '青溪县卫生和计划生育委员会', 2024: '青溪县卫健委' }, writesId: [2024] }),
        dept('020', '青溪县数据资源管理局', { from: 2023, quiet: true }),
        dept('021', '青溪县应急管理局'),
        dept('022', '青溪县审计局', { sameTables: [2024], quiet: true }),
        dept('023', '青溪县市场监督管理局'),
        dept('024', '青溪县统计局', { copied: [2024] }),
        dept('025', '青溪县医疗保障局', { published: { 2024: null } }),
        dept('026', '青溪县档案馆', { exempt: true }),
        town('027', '青溪县城关镇人民政府'),
        town('028', '青溪县桃源镇人民政府', { missing: [2024], quiet: true }),
        town('029', '青溪县白沙乡人民政府', { empty: [2024], quiet: true }),
        { id: '030', name: '青溪经济开发区管理委员会', level: '其他', parent: '001', deadline: '1-15', published: { 2022: '2023-01-12', 2023: '2024-01-18', 2024: '2025-01-10' } },
    ],
    extra: [{ path: '2024/青溪县林业局.xxgk', agency: '青溪县林业局', year: 2024, level: '部门' }],
};

/**
 * What the county should give, worked out by hand from the spec above: the status of every unit per
 * year. The CLI's, the server's and the editor's answers are compared with these.
 */
const ids = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(3, '0'));
const all = (status: StatusCode, except: Record<string, StatusCode>) => Object.fromEntries(ids.map(id => [id, except[id] ?? status]));

export const expectedStatus: Record<number, Record<string, StatusCode>> = {
    2022: all('filed', { '020': 'exempt', '026': 'exempt' }),
    2023: all('filed', { '004': 'exempt', '026': 'exempt', '030': 'late' }),
    2024: all('filed', { '004': 'exempt', '016': 'late', '026': 'exempt', '028': 'missing', '029': 'filed-empty' }),
};

