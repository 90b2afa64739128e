/**
 * PDF reader — a placeholder until the PDF reader (geometry of ruling lines, text layer) lands:
 * the `pdf` helper's version of this file replaces this one. Same signature.
 */
import { ImportError } from './errors.js';
import type { SourceDocument } from './source.js';

export async function readPdf(_data: Uint8Array, _options: { name?: string } = {}): Promise<SourceDocument> {
    throw new ImportError('暂不支持导入 PDF 文件：PDF 读取尚未完成，请改用网页（HTML）、Word（DOCX）或文本版本');
}
