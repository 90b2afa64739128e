/**
 * The notes the XLSX export hangs on cells whose printed text a spreadsheet cell cannot hold (a
 * blank total holds its formula, a blank the checks read as another value holds that value, a wrong
 * total holds the right formula), and their inverse: the XLSX reader reads a note of ours back as
 * the text the report printed, so our own workbooks import exactly as written.
 */
const writtenPhrase = (written: string) => (written ? `写作「${written}」` : '为空');

export const cellNotes = {
    reportedWas: (reported: string, computed: string) => `报告中填写为 ${reported}；按公式应为 ${computed}`,
    /** A total the report left blank (or wrote as 「-」): the workbook holds its formula. */
    reportedBlank: (written: string, computed: string) => `报告中此格${writtenPhrase(written)}；按公式计为 ${computed}`,
    /** A blank the checks read as another value (a rule determined it). */
    blankDetermined: (written: string, value: string) => `报告中此格${writtenPhrase(written)}；核对时按 ${value} 计`,
    /** An annotated number: 12（其中修订3件）. */
    annotated: (value: string, note: string) => `按 ${value} 计入合计；括号内为注释：${note}`,
} as const;

const READ_BACK: readonly [RegExp, (m: RegExpExecArray) => string][] = [
    [/^报告中填写为 (.+?)；按公式应为 /, m => m[1]],
    [/^报告中此格为空；(?:按公式计为|核对时按) /, () => ''],
    [/^报告中此格写作「(.*)」；(?:按公式计为|核对时按) /, m => m[1]],
    [/^按 (\S+) 计入合计；括号内为注释：(.*)$/s, m => `${m[1]}（${m[2]}）`],
];

/** What the report printed in a cell, when `note` is one of ours; undefined otherwise. */
export function writtenFromNote(note: string): string | undefined {
    for (const [pattern, written] of READ_BACK) {
        const m = pattern.exec(note);
        if (m) return written(m);
    }
    return undefined;
}
