/**
 * The 公文 typography (GB/T 9704) as data: which face each part of a report is set in, with the
 * names to try in order. HTML uses them as CSS font stacks, DOCX as font names with fallbacks,
 * PDF to choose among the fonts found on the machine.
 */

export type FaceRole = 'title' | 'body' | 'heading' | 'subheading' | 'table';

export interface FaceSpec {
    /** Font family names, most wanted first: the 公文 face, then what Windows, macOS and Linux have. */
    names: readonly string[];
    /** CSS generic family at the end of the stack. */
    generic: 'serif' | 'sans-serif';
    /** Size in points: 二号 22, 三号 16, 四号 14, 五号 10.5. */
    size: number;
    bold?: boolean;
    /** The face Windows always has, which Word substitutes when the first name is missing. */
    windows: string;
}

export const faces: Record<FaceRole, FaceSpec> = {
    // 方正小标宋简体, 二号
    title: {
        names: ['方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', '华文中宋', 'STZhongsong', '宋体', 'SimSun', 'Songti SC', 'Noto Serif CJK SC', 'Source Han Serif SC'],
        generic: 'serif', size: 22, bold: true, windows: '宋体',
    },
    // 仿宋_GB2312, 三号
    body: {
        names: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', '华文仿宋', 'Noto Serif CJK SC', 'Source Han Serif SC'],
        generic: 'serif', size: 16, windows: '仿宋',
    },
    // 黑体, 三号 — the first-level headings 一、二、…
    heading: {
        names: ['黑体', 'SimHei', 'Heiti SC', 'STHeiti', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei'],
        generic: 'sans-serif', size: 16, windows: '黑体',
    },
    // 楷体_GB2312, 三号 — the second-level headings （一）（二）…
    subheading: {
        names: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', 'Kaiti SC', 'AR PL UKai CN', 'Noto Serif CJK SC'],
        generic: 'serif', size: 16, windows: '楷体',
    },
    // Tables: 宋体, 五号 (10.5 pt) — fifteen columns have to fit on A4.
    table: {
        names: ['宋体', 'SimSun', 'Songti SC', 'STSong', 'Noto Serif CJK SC', 'Source Han Serif SC'],
        generic: 'serif', size: 10.5, windows: '宋体',
    },
};

/** The Latin face beside each CJK face (GB/T 9704 leaves it open; Times New Roman is usual). */
export const latinFace = 'Times New Roman';

/** A4 in millimetres and the GB/T 9704 margins: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm. */
export const page = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;

/** Fixed line spacing of body text in points (22 lines of 28 characters on a page). */
export const bodyLineSpacing = 28.9;

export function cssStack(role: FaceRole): string {
    const spec = faces[role];
    return [...spec.names.map(n => (/^[\w-]+$/.test(n) ? n : `"${n}"`)), spec.generic].join(', ');
}
