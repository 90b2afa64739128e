/**
 * Every word the renderer prints that is not the user's: one place, so it can be localised. The
 * report itself is printed in Chinese (its language); the preview's own controls are passed in by the
 * VS Code side in the editor's language (PreviewUiStrings).
 */
import type { Severity } from '../templates/types.js';

/** The preview's controls: the summary bar and its busy state. */
export interface PreviewUiStrings {
    /** As counted in the bar: 错误 2. */
    severity: Readonly<Record<Severity, string>>;
    clean: string;
    goToFirst: string;
    exportButton: string;
    unplacedSummary: (n: number) => string;
    /** Shown while a new view is on its way. */
    pending: string;
}

export const chinesePreviewUi: PreviewUiStrings = {
    severity: { error: '错误', warning: '警告', info: '提示' },
    clean: '未发现问题',
    goToFirst: '定位第一个问题',
    exportButton: '导出…',
    unplacedSummary: n => `另有 ${n} 条问题不在正文中显示`,
    pending: '更新中…',
};

export const renderStrings = {
    periodLine: (from: string, to: string) => `统计期限：${from}至${to}`,
    periodAsWritten: (text: string) => `统计期限：${text}`,
    date: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
    subtotal: '小计',
    severity: { error: '错误', warning: '警告', info: '提示' } as const,
    computed: (value: string) => `应为 ${value}`,
    /** A compared cell: last year's value, the ratio of a spike and its direction. */
    lastYear: (value: string) => `上年：${value}`,
    ratio: (ratio: number) => `×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}`,
    spike: { up: '突增', down: '突降' },
    /** An annotated cell's tooltip: 12（其中修订3件） counts as 12. */
    annotated: (value: string, note: string) => `按 ${value} 计入合计；括号内为注释：${note}`,
    formatLine: (name: string, citation: string) => `${name}（${citation}）`,
    previewTitle: (title: string) => `预览：${title}`,
} as const;
