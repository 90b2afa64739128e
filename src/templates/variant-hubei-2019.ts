/**
 * 湖北省 2019 格式: the national 2019 format plus the row 其他主动公开文件 under 第二十条第（一）项,
 * and every label may carry Hubei's parenthesised explanation (规章(设区的市、自治州人民政府应提供相关数据)).
 * Seen in corpus/007.txt and other Hubei reports (docs/domain.md §2.1, §5).
 */
import { deriveTemplate } from './derive.js';
import { format2019 } from './format-2019.js';

export const hubei2019 = deriveTemplate(format2019, {
    id: '2019-湖北',
    name: '湖北省 2019 格式',
    citation: '国办公开办函〔2019〕60号（湖北省版）',
    aliases: ['湖北2019', '湖北省2019格式', '2019湖北'],
    labelAnnotations: 'accept',
    addRows: [{
        table: 'item1', after: 'normative',
        row: {
            id: 'otherDocs', label: '其他主动公开文件', optional: true,
            doc: '湖北省版本增设的一行：规章、规范性文件以外的其他主动公开文件。全国格式没有这一行。',
        },
    }],
});
