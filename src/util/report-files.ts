/** The one rule for which files are reports, for the folder walk, export and `xxgk new` alike. */

/** A report's extension, in any case: `.xxgk`, `.XXGK`, `.Xxgk`. */
const REPORT = /\.xxgk$/i;

export const REPORT_EXTENSION = '.xxgk';

export function isReportPath(path: string): boolean {
    return REPORT.test(path);
}

/** A report's file name without its extension. */
export function reportStem(name: string): string {
    return name.replace(REPORT, '');
}

/** Characters no file name gets: path separators, controls, and what Windows reserves. */
const UNSAFE = /[\\/\u0000-\u001f\u007f-\u009f<>:"|?*\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * A plain file name made from free text (an agency's name): no path separators, no `..`, no control
 * or reserved characters, no leading dot or trailing dot or space, at most 60 characters (a Han
 * character takes 3 bytes; file names allow 255). `fallback` when nothing is left.
 */
export function plainFileName(text: string, fallback: string): string {
    const cleaned = text.normalize('NFC').replace(UNSAFE, '_').replace(/^[\s._]+|[\s._]+$/g, '');
    const short = [...cleaned].slice(0, 60).join('').replace(/[\s._]+$/, '');
    return short || fallback;
}
