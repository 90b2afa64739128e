/** 机关层级: which kind of agency wrote the report. Used by plausibility rules (R12, R25) and deadlines (R21). */
import type { LabelSpec, LevelCapability } from './types.js';

export interface LevelDef extends LabelSpec, Record<LevelCapability, boolean> {
    id: string;
    /** May this level make 规章 (R12)? */
    makesRegulations: boolean;
    /** Is the agency a people's government (各级人民政府: 条例第五十条, R25)? */
    government: boolean;
    /**
     * The day of the year after the report year by which the report is published (条例第四十九条, R21),
     * as MM-DD: 31 March for the own report of a county-level-or-higher people's government, 31 January
     * for departments and everyone else.
     */
    publishBy: string;
}

export const levels: readonly LevelDef[] = [
    {
        id: 'ministry', label: '国务院部门', aliases: ['部委', '国家部委', '中央部门'],
        makesRegulations: true, government: false, publishBy: '01-31', doc: '国务院部门。',
    },
    {
        id: 'province', label: '省', aliases: ['省级', '省级政府', '省级人民政府', '自治区', '直辖市'],
        makesRegulations: true, government: true, publishBy: '03-31', doc: '省、自治区、直辖市人民政府。',
    },
    {
        id: 'city', label: '市', aliases: ['市级', '设区的市', '地级市', '自治州', '市级政府', '市级人民政府'],
        makesRegulations: true, government: true, publishBy: '03-31', doc: '设区的市、自治州人民政府。',
    },
    {
        id: 'county', label: '县', aliases: ['县级', '区', '县级市', '旗', '县级政府', '县级人民政府'],
        makesRegulations: false, government: true, publishBy: '03-31', doc: '县（市、区、旗）人民政府。',
    },
    {
        id: 'township', label: '乡', aliases: ['镇', '乡镇', '街道', '乡镇人民政府', '街道办事处'],
        makesRegulations: false, government: true, publishBy: '01-31',
        doc: '乡镇人民政府、街道办事处（发布期限由县级人民政府另行规定，默认按 1 月 31 日核对）。',
    },
    {
        id: 'department', label: '部门', aliases: ['政府部门', '县级以上人民政府部门'],
        makesRegulations: false, government: false, publishBy: '01-31', doc: '县级以上地方人民政府的工作部门。',
    },
    {
        id: 'other', label: '其他', aliases: ['开发区', '园区', '管委会'],
        makesRegulations: false, government: false, publishBy: '01-31', doc: '开发区、园区管理委员会等。',
    },
];
