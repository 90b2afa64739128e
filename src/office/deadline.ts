/**
 * By when a unit must publish its report for a year: the registry's 截止日期 when it has one, else
 * the national deadline for its 机关层级 (条例第四十九条, R21), given as a function so that status
 * and its tests choose it.
 */
import type { DateValue } from '../model/types.js';
import type { Unit } from './registry.js';

export type DeadlineFn = (unit: Unit, year: number) => DateValue;

/** Levels whose own report is a people's government's at county level or above: 31 March. */
const GOVERNMENT_LEVELS = new Set(['province', 'city', 'county']);

/**
 * The national deadline: 31 January of the next year for departments and everyone else; 31 March
 * for the own report of a county-level-or-higher people's government.
 * (Provisional: replaced by `deadlineFor` of src/rules/deadline.ts, the R21 rule, once it is on main.)
 */
export const nationalDeadline: DeadlineFn = (unit, year) =>
    GOVERNMENT_LEVELS.has(unit.level?.id ?? '') ? { year: year + 1, month: 3, day: 31 } : { year: year + 1, month: 1, day: 31 };

/** The unit's deadline for a year: its own 截止日期, else `national`'s. */
export function deadlineOf(unit: Unit, year: number, national: DeadlineFn = nationalDeadline): DateValue {
    return unit.deadline ? { year: year + 1, ...unit.deadline } : national(unit, year);
}

/** A date as a sortable day number (days since 1970-01-01). */
export function dayNumber(date: DateValue): number {
    return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

export function dateOfDay(day: number): DateValue {
    const d = new Date(day * 86_400_000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
