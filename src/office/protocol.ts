/**
 * The messages between the language server and the client about the unit registry and the status
 * view (「年报报送情况」): method names and JSON shapes only, so server/ and client/ agree without
 * importing each other. The server computes; the client displays.
 */
import type { StatusReport } from './status.js';

export const OfficeMethods = {
    /** client → server request: the status of a year (default: the latest year with reports). */
    status: 'xxgk/office/status',
    /** client → server request: write the status table to a file (the server writes it). */
    exportStatus: 'xxgk/office/exportStatus',
    /** client → server request: draft 单位名单.csv from the workspace's reports (never over an existing file). */
    initRegistry: 'xxgk/office/initRegistry',
    /** server → client notification: reports or the registry changed; ask for the status again. */
    changed: 'xxgk/office/changed',
} as const;

export interface StatusParams {
    year?: number;
    /** YYYY-MM-DD */
    asOf?: string;
}

export interface RegistryInfo {
    /** The registry file's uri. */
    uri: string;
    units: number;
    errors: number;
    warnings: number;
}

export interface StatusResult {
    /** Absent: no registry (the setting xxgk.registry, or 单位名单.csv/.xlsx at the workspace root). */
    registry?: RegistryInfo;
    /** Years that have reports in the workspace, ascending. */
    years: number[];
    year?: number;
    /** Sources are document uris. */
    report?: StatusReport;
}

export type StatusFormat = 'html' | 'xlsx' | 'json' | 'text';

export interface ExportStatusParams extends StatusParams {
    format: StatusFormat;
    /** The file to write (a file-system path). */
    output: string;
}

export type ExportStatusResult = { status: 'written'; path: string } | { status: 'failed'; message: string };

export type InitRegistryResult =
    | { status: 'written'; path: string; units: number }
    | { status: 'exists'; path: string }
    | { status: 'failed'; message: string };
