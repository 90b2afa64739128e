// The little of fontkit 2 that font discovery uses (fontkit ships no types).
declare module 'fontkit' {
    export interface Font {
        postscriptName: string;
        familyName: string;
        hasGlyphForCodePoint(codePoint: number): boolean;
    }
    export interface FontCollection {
        type: 'TTC' | 'DFont';
        fonts: Font[];
    }
    export function openSync(path: string, postscriptName?: string): Font | FontCollection;
}
