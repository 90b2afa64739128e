/**
 * By when a unit must publish its report for a year: the registry's 截止日期 when it has one, else
 * the national deadline for its 机关层级 (条例第四十九条, R21), given as a function so that status
 * and its tests choose it.
 */
import type { DateValue } from '../model/types.js';
import { deadlineFor } from '../rules/deadline.js';
import type { Unit } from './registry.js';

export type DeadlineFn = (unit: Unit, year: number) => DateValue;

/**
 * The national deadline (R21, src/rules/deadline.ts): 31 January of the next year for departments and
 * everyone else; 31 March for the own report of a county-level-or-higher people's government; the
 * latest of them when the registry gives no 机关层级.
 */
export const nationalDeadline: DeadlineFn = (unit, year) => deadlineFor(unit.level, year).date;

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
