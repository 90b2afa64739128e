/**
 * Finding CJK fonts on this machine for the PDF export.
 *
 * The setting xxgk.export.fontPath (CLI: --font) names one font for everything. Otherwise each role
 * of the 公文 typography (src/render/typography.ts) tries the fonts its platform usually has:
 * Windows SimFang/SimSun/SimHei/SimKai, macOS STFangsong/Songti/Heiti/Kaiti, Linux Noto CJK,
 * WenQuanYi, AR PL. A role without a font of its own falls back to the body font. A machine
 * without any CJK font gets the fallback that comes through npm with xxgk (Noto Serif SC, SIL OFL
 * 1.1, from @expo-google-fonts/noto-serif-sc: Regular and Bold); system fonts win when present.
 * Where that package is not installed either (the VS Code extension packs no node_modules), no font
 * is a FontError with a Chinese message, never a crash.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FaceRole } from '../render/typography.js';
import { exportStrings as S } from './strings.js';

export class FontError extends Error {}

export interface FoundFont {
    path: string;
    /** The face in a collection (.ttc): its PostScript name, which pdfkit needs. */
    face?: string;
    /** The face's PostScript name (for messages and tests). */
    postscriptName: string;
    /** Where it was found: the machine's fonts, the font setting, or xxgk's own fallback. */
    source: 'system' | 'setting' | 'fallback';
}

export type RoleFonts = Record<FaceRole, FoundFont>;

/** A candidate file (basename, case-insensitive) and the face wanted in it. */
interface Candidate {
    file: string;
    face?: string;
}

type Platform = 'win32' | 'darwin' | 'linux';

const c = (file: string, face?: string): Candidate => ({ file, face });

/** Per platform and role, the fonts to try, best first. */
const candidates: Record<Platform, Record<FaceRole, Candidate[]>> = {
    win32: {
        body: [c('FS_GB2312.ttf'), c('simfang.ttf'), c('simsun.ttc', 'SimSun'), c('msyh.ttc', 'MicrosoftYaHei')],
        title: [c('FZXBSJW.ttf'), c('STZHONGS.ttf'), c('simsun.ttc', 'SimSun'), c('simhei.ttf')],
        heading: [c('simhei.ttf'), c('msyh.ttc', 'MicrosoftYaHei')],
        subheading: [c('KAI_GB2312.ttf'), c('simkai.ttf'), c('STKAITI.ttf')],
        table: [c('simsun.ttc', 'SimSun'), c('simfang.ttf')],
    },
    darwin: {
        body: [c('STFANGSO.ttf'), c('STFangsong.ttf'), c('华文仿宋.ttf'), c('Songti.ttc', 'STSongti-SC-Regular'), c('STSong.ttf'), c('PingFang.ttc', 'PingFangSC-Regular')],
        title: [c('Songti.ttc', 'STSongti-SC-Bold'), c('STZHONGS.ttf'), c('Songti.ttc', 'STSongti-SC-Regular')],
        heading: [c('STHeiti Medium.ttc', 'STHeitiSC-Medium'), c('STHeiti Light.ttc', 'STHeitiSC-Light'), c('PingFang.ttc', 'PingFangSC-Medium'), c('Hiragino Sans GB.ttc')],
        subheading: [c('Kaiti.ttc', 'STKaiti-SC-Regular'), c('STKAITI.ttf'), c('华文楷体.ttf')],
        table: [c('Songti.ttc', 'STSongti-SC-Regular'), c('STSong.ttf')],
    },
    linux: {
        body: [
            c('NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'), c('NotoSerifCJKsc-Regular.otf'), c('SourceHanSerifSC-Regular.otf'),
            c('uming.ttc', 'AR PL UMing CN'), c('gbsn00lp.ttf'), c('wqy-zenhei.ttc', 'WenQuanYiZenHei'),
            c('NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'), c('wqy-microhei.ttc', 'WenQuanYiMicroHei'), c('DroidSansFallbackFull.ttf'),
        ],
        title: [c('NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'), c('NotoSerifCJKsc-Bold.otf'), c('SourceHanSerifSC-Bold.otf'), c('NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold')],
        heading: [
            c('NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'), c('NotoSansCJKsc-Regular.otf'), c('SourceHanSansSC-Regular.otf'),
            c('wqy-zenhei.ttc', 'WenQuanYiZenHei'), c('wqy-microhei.ttc', 'WenQuanYiMicroHei'),
        ],
        subheading: [c('ukai.ttc', 'AR PL UKai CN'), c('gkai00mp.ttf'), c('LXGWWenKai-Regular.ttf')],
        table: [c('NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'), c('NotoSerifCJKsc-Regular.otf'), c('uming.ttc', 'AR PL UMing CN')],
    },
};

/** Any file whose name says it is a CJK font: the last resort for the body. */
const CJK_NAME = /cjk|sourcehan|wqy|wenquanyi|uming|ukai|gbsn|gkai|droidsansfallback|wenkai|sim(sun|hei|fang|kai)|msyh|songti|heiti|kaiti|fangso|pingfang|hiragino/i;

export function fontDirs(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
    const home = os.homedir();
    if (platform === 'win32') {
        const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
        return [path.join(windir, 'Fonts'), ...(env.LOCALAPPDATA ? [path.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
    }
    if (platform === 'darwin') {
        return ['/System/Library/Fonts', '/System/Library/Fonts/Supplemental', '/Library/Fonts', path.join(home, 'Library', 'Fonts'),
            '/System/Library/AssetsV2'];
    }
    const data = env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
    return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(data, 'fonts'), path.join(home, '.fonts')];
}

export interface FontSearch {
    /** xxgk.export.fontPath / --font: one font file for everything. */
    fontPath?: string;
    platform?: NodeJS.Platform;
    /** Where to look (default: the platform's font folders). */
    dirs?: readonly string[];
    /** Use xxgk's own fallback font when the machine has none (default true). */
    fallback?: boolean;
}

/** The npm package of the fallback font, and its files by role weight. */
const FALLBACK = {
    pkg: '@expo-google-fonts/noto-serif-sc',
    regular: '400Regular/NotoSerifSC_400Regular.ttf',
    bold: '700Bold/NotoSerifSC_700Bold.ttf',
} as const;

/**
 * The fallback fonts for every role (Noto Serif SC: Regular for body, table and the 楷体 role, Bold
 * for the title and headings), or undefined when the package is not installed.
 */
export function fallbackFonts(): RoleFonts | undefined {
    let dir: string;
    try {
        dir = path.dirname(createRequire(import.meta.url).resolve(`${FALLBACK.pkg}/package.json`));
    } catch {
        return undefined;
    }
    const open = (file: string) => {
        const font = openFont(path.join(dir, file), undefined, false);
        return font && { ...font, source: 'fallback' as const };
    };
    const regular = open(FALLBACK.regular);
    if (!regular) return undefined;
    const bold = open(FALLBACK.bold) ?? regular;
    return { body: regular, table: regular, subheading: regular, title: bold, heading: bold };
}

/** Finds the fonts for every role, or throws a FontError with a message for the user. */
export function findFonts(search: FontSearch = {}): RoleFonts {
    if (search.fontPath) {
        const font = { ...openFont(search.fontPath, undefined, true)!, source: 'setting' as const };
        return { title: font, body: font, heading: font, subheading: font, table: font };
    }
    const platform: Platform = search.platform === 'win32' || search.platform === 'darwin' ? search.platform : search.platform === undefined
        ? (process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux') : 'linux';
    const files = indexFonts(search.dirs ?? fontDirs(platform));
    const pick = (role: FaceRole): FoundFont | undefined => {
        for (const candidate of candidates[platform][role]) {
            const file = files.get(candidate.file.toLowerCase());
            const font = file && openFont(file, candidate.face, false);
            if (font) return font;
        }
        return undefined;
    };
    let body = pick('body');
    if (!body) {
        for (const [name, file] of files) {
            if (!CJK_NAME.test(name)) continue;
            body = openFont(file, undefined, false);
            if (body) break;
        }
    }
    if (!body) {
        const fallback = search.fallback === false ? undefined : fallbackFonts();
        if (fallback) return fallback;
        throw new FontError(S.noFont);
    }
    const table = pick('table') ?? body;
    const heading = pick('heading') ?? body;
    return { body, table, heading, title: pick('title') ?? heading, subheading: pick('subheading') ?? body };
}

/** Font files below some folders, by lower-case basename (the first found wins). */
function indexFonts(dirs: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    let budget = 50_000;
    const walk = (dir: string, depth: number) => {
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            if (--budget < 0) return;
            const full = path.join(dir, e.name);
            if (e.isDirectory()) {
                if (depth < 6) walk(full, depth + 1);
            } else if (/\.(ttf|otf|ttc)$/i.test(e.name) && !out.has(e.name.toLowerCase())) {
                out.set(e.name.toLowerCase(), full);
            }
        }
    };
    dirs.forEach(d => walk(d, 0));
    return out;
}

const HAN = 0x4e2d; // 中

/**
 * The largest font file read: 100 MB. CJK fonts are big — Noto Serif CJK Bold (.ttc) is 27 MB,
 * macOS's CJK collections are larger still — but nothing bigger is a font one would embed, and the
 * file is read whole (by fontkit, then by pdfkit): no unbounded read of a device or a huge file.
 */
export const MAX_FONT_BYTES = 100 * 1024 * 1024;

/**
 * Opens a font file and chooses the face: the one asked for, else a Simplified-Chinese face of a
 * collection, else its first. Returns undefined (or throws, when `strict`) if it is unusable.
 */
export function openFont(file: string, face: string | undefined, strict: boolean): FoundFont | undefined {
    const fail = (message: string) => {
        if (strict) throw new FontError(message);
        return undefined;
    };
    // Only a regular file of a sane size is read (a FIFO would block, /dev/zero never end).
    let stat;
    try {
        stat = statSync(file);
    } catch {
        return fail(S.fontPathMissing(file));
    }
    if (!stat.isFile()) return fail(S.fontNotAFile(file));
    if (stat.size > MAX_FONT_BYTES) return fail(S.fontTooLarge(file, (stat.size / 1024 / 1024).toFixed(1), MAX_FONT_BYTES / 1024 / 1024));
    let opened;
    try {
        opened = fontkit.openSync(file);
    } catch (e) {
        return fail(S.fontUnreadable(file, (e as Error).message));
    }
    let font: Font | undefined;
    let collection = false;
    if ('fonts' in opened) {
        collection = true;
        const fonts = opened.fonts;
        font = (face && fonts.find(f => f.postscriptName === face || f.familyName === face)) ||
            fonts.find(f => /(^|[^a-z])sc([^a-z]|$)|SC-|CJKsc|GB|CN/.test(f.postscriptName) && f.hasGlyphForCodePoint(HAN)) ||
            fonts.find(f => f.hasGlyphForCodePoint(HAN)) || fonts[0];
    } else {
        font = opened;
    }
    if (!font) return fail(S.fontUnreadable(file, 'empty collection'));
    if (!font.hasGlyphForCodePoint(HAN)) return fail(S.fontNoCjk(file));
    return { path: file, postscriptName: font.postscriptName, source: 'system', ...(collection ? { face: font.postscriptName } : {}) };
}

/** Which fonts an export uses, for the user: 「NotoSerifCJKsc-Regular（正文、表格）、…」, and where they came from. */
export function describeFonts(fonts: RoleFonts): string {
    const roles = new Map<string, { font: FoundFont; roles: string[] }>();
    for (const role of ['title', 'heading', 'subheading', 'body', 'table'] as const) {
        const font = fonts[role];
        const entry = roles.get(font.postscriptName) ?? { font, roles: [] };
        entry.roles.push(S.roleNames[role]);
        roles.set(font.postscriptName, entry);
    }
    const list = [...roles.values()].map(e => `${e.font.postscriptName}（${e.roles.join('、')}）`).join('、');
    const sources = new Set([...roles.values()].map(e => e.font.source));
    return S.fontsUsed(list, sources.has('fallback') ? 'fallback' : sources.has('setting') ? 'setting' : 'system');
}
