/** Every word the comparisons print that is not the reports' own (Chinese: the reports' language). */
export const compareStrings = {
    title: (agency: string | undefined, lastYear: number | undefined, year: number | undefined) =>
        `${agency ?? '年报'}：${lastYear ?? '?'} 年度与 ${year ?? '?'} 年度对比`,
    yearHeading: (year: number | undefined, side: 'last' | 'this') => `${year ?? (side === 'last' ? '上年' : '本年')}${year !== undefined ? ' 年度' : ''}`,
    notPaired: '两份报告不是同一机关相邻两个年度的报告，未做跨年度核对（R14–R17）',
    summary: (changed: number, spikes: number, problems: number) =>
        `变化 ${changed} 格，其中突变 ${spikes} 格；跨年度核对问题 ${problems} 个`,
    spikeLegend: '突变：计数增长到 5 倍以上或降到五分之一以下（两年中较大的数不小于 10）',
    onlyIn: (year: number | undefined) => `只有 ${year ?? '?'} 年度的格式有这张表`,
    changesSheet: '变化',
    changesHeader: ['表格', '行', '列', '上年', '本年', '增减', '倍数', '突变'],
    lastYearWas: (year: number | undefined, value: string) => `${year ?? '上年'}${year !== undefined ? ' 年度' : ''}：${value}`,
    // The whole-area comparison
    areaTitle: (year: number) => `${year} 年度与 ${year - 1} 年度各单位年报对比`,
    unit: '单位',
    areaLast: (year: number) => `${year - 1}`,
    areaThis: (year: number) => `${year}`,
    areaChange: '增减',
    missing: '无报告',
    /** A share whose base is 0 (no application handled). */
    notApplicable: '—',
    areaSummary: (units: number, both: number) => `${units} 个单位，其中 ${both} 个两年都有报告`,
    chartTitle: (label: string, year: number) => `${label}：${year - 1} 与 ${year} 年度`,
    sortHint: '点击表头排序',
    areaSheet: '各单位对比',
} as const;
