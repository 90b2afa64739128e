/**
 * Finding CJK fonts on this machine for the PDF export.
 *
 * The setting xxgk.export.fontPath (CLI: --font) names one font for everything. Otherwise each role
 * of the 公文 typography (src/render/typography.ts) tries the fonts its platform usually has:
 * Windows SimFang/SimSun/SimHei/SimKai, macOS STFangsong/Songti/Heiti/Kaiti, Linux Noto CJK,
 * WenQuanYi, AR PL. A role without a font of its own falls back to the body font. No font at all
 * is a FontError with a Chinese message, never a crash.
 */
import { readdirSync, statSync } from 'node:fs';
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
}

/** Finds the fonts for every role, or throws a FontError with a message for the user. */
export function findFonts(search: FontSearch = {}): RoleFonts {
    if (search.fontPath) {
        const font = openFont(search.fontPath, undefined, true)!;
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
    if (!body) throw new FontError(S.noFont);
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
 * Opens a font file and chooses the face: the one asked for, else a Simplified-Chinese face of a
 * collection, else its first. Returns undefined (or throws, when `strict`) if it is unusable.
 */
export function openFont(file: string, face: string | undefined, strict: boolean): FoundFont | undefined {
    const fail = (message: string) => {
        if (strict) throw new FontError(message);
        return undefined;
    };
    try {
        if (!statSync(file).isFile()) return fail(S.fontPathMissing(file));
    } catch {
        return fail(S.fontPathMissing(file));
    }
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
    return { path: file, postscriptName: font.postscriptName, ...(collection ? { face: font.postscriptName } : {}) };
}
