/**
 * The 2021 example (examples/longgang-2024.xxgk) as the report of another 机关 and year: the same
 * layout, so cells keep their positions. Plain text in, text out, for vitest's helpers and for the
 * e2e suite (which reads the example from its workspace) alike.
 */
export function exampleAs(example: string, year: number, agency = '深圳市龙岗区某局'): string {
    return example
        .replace('机关：深圳市龙岗区某局', `机关：${agency}`)
        .replace('标题：深圳市龙岗区某局2024年', `标题：${agency}${year}年`)
        .replace('年度：2024', `年度：${year}`)
        .replace('发布日期：2025-01-20', `发布日期：${year + 1}-01-20`)
        .replace('统计期限：2024-01-01 至 2024-12-31', `统计期限：${year}-01-01 至 ${year}-12-31`);
}
