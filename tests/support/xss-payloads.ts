/**
 * Seventy pieces of report text that try to be markup or script, and a report with one of them in
 * every field (metadata, prose, a caption, row and column labels, cells, unknown lines). The
 * preview and the exports must show each as text and run none. Written for this project; one line
 * each (a payload is what a user could type into one field).
 */
import * as path from 'node:path';
import { examplesDir, read } from './helpers.js';

export const xssPayloads: readonly string[] = [
    // script elements, closed early or not
    '<script>window.__pwned=1</script>',
    '<SCRIPT SRC=//example.invalid/x.js></SCRIPT>',
    '<script/x>window.__pwned=2</script>',
    '<scr<script>ipt>window.__pwned=3</scr</script>ipt>',
    '</script><script>window.__pwned=4</script>',
    '<script>/*</script><script>*/window.__pwned=5</script>',
    // event handlers on elements of every kind
    '<img src=x onerror=window.__pwned=6>',
    '<img src="x" onerror="window.__pwned=7">',
    '<IMG SRC=x OnErRoR=window.__pwned=8>',
    '<svg onload=window.__pwned=9>',
    '<svg><animate onbegin=window.__pwned=10 attributeName=x dur=1s>',
    '<body onload=window.__pwned=11>',
    '<iframe onload=window.__pwned=12></iframe>',
    '<input autofocus onfocus=window.__pwned=13>',
    '<details open ontoggle=window.__pwned=14>',
    '<video><source onerror=window.__pwned=15></video>',
    '<audio src=x onerror=window.__pwned=16>',
    '<div onmouseover="window.__pwned=18">悬停</div>',
    '<select autofocus onfocus=window.__pwned=19>',
    '<textarea autofocus onfocus=window.__pwned=20>',
    '<object data=x onerror=window.__pwned=21>',
    '<style onload=window.__pwned=22></style>',
    '<b onclick=window.__pwned=23>粗</b>',
    // URLs that run code
    '<a href="javascript:window.__pwned=24">点我</a>',
    '<a href="JaVaScRiPt:window.__pwned=25">点我</a>',
    '<a href="&#106;avascript:window.__pwned=26">实体</a>',
    '<a href="java\tscript:window.__pwned=27">制表符</a>',
    '<a href="data:text/html,<script>window.__pwned=28</script>">数据</a>',
    '<iframe src="javascript:window.__pwned=29">',
    '<iframe srcdoc="<script>window.__pwned=30</script>">',
    '<form action="javascript:window.__pwned=31"><button>提交</button></form>',
    '<button formaction="javascript:window.__pwned=32">按钮</button>',
    '<embed src="javascript:window.__pwned=33">',
    '<object data="javascript:window.__pwned=34">',
    '<math><a xlink:href="javascript:window.__pwned=35">公式</a></math>',
    '<svg><a xlink:href="javascript:window.__pwned=36"><text>矢量</text></a></svg>',
    '<base href="javascript:window.__pwned=37//">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=38">',
    '<link rel="stylesheet" href="javascript:window.__pwned=39">',
    // breaking out of attributes, titles, styles and comments
    '" onmouseover="window.__pwned=40" x="',
    "' onmouseover='window.__pwned=41' x='",
    '"><script>window.__pwned=42</script>',
    "'><img src=x onerror=window.__pwned=43>",
    '` onmouseover=window.__pwned=44 x=`',
    '</title><script>window.__pwned=45</script>',
    '</style><script>window.__pwned=46</script>',
    '</textarea><script>window.__pwned=47</script>',
    '--><script>window.__pwned=48</script><!--',
    '<!--<img src="--><img src=x onerror=window.__pwned=49>">',
    '<![CDATA[<script>window.__pwned=50</script>]]>',
    '</noscript><img src=x onerror=window.__pwned=51>',
    '<noscript><p title="</noscript><img src=x onerror=window.__pwned=52>">',
    // styles
    '<style>body{background:url("javascript:window.__pwned=53")}</style>',
    '<div style="background:url(javascript:window.__pwned=54)">样式</div>',
    '<div style="width:expression(window.__pwned=55)">表达式</div>',
    '<style>@import "//example.invalid/x.css";</style>',
    // encodings that become markup when decoded twice
    '&lt;script&gt;window.__pwned=57&lt;/script&gt;',
    '&#60;img src=x onerror=window.__pwned=58&#62;',
    '%3Cscript%3Ewindow.__pwned=59%3C/script%3E',
    '\\u003cscript\\u003ewindow.__pwned=60\\u003c/script\\u003e',
    '<img src=x onerror="&#119;indow.__pwned=61">',
    '\u0000<script>window.__pwned=62</script>',
    '<scr\u0000ipt>window.__pwned=63</scr\u0000ipt>',
    // templates and script contexts (a view model reaching a template or a JSON island)
    '{{constructor.constructor("window.__pwned=64")()}}',
    '${window.__pwned=65}',
    '</script><script>window.__pwned=66//',
    '"});window.__pwned=67;//',
    // Markdown (hover) and mixed
    '![图](javascript:window.__pwned=68)[点此修正](javascript:window.__pwned=68)**粗**',
    '<img src=x onerror=window.__pwned=69>｜<svg onload=window.__pwned=69>|<a href=javascript:window.__pwned=69>',
    '<template><script>window.__pwned=70</script></template><slot onclick=window.__pwned=70>',
];

const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));

/** The 2024 example with `payload` in every field the report has. */
export function reportWithPayload(payload: string): string {
    return example
        .replace('标题：深圳市龙岗区某局', `标题：${payload}深圳市龙岗区某局`)
        .replace('机关：深圳市龙岗区某局', `机关：深圳市龙岗区某局${payload}`)
        .replace('机关层级：部门', `机关层级：${payload}`)
        .replace('发布日期：2025-01-20', `发布日期：${payload}`)
        .replace('统计期限：2024-01-01 至 2024-12-31', `统计期限：${payload}`)
        .replace('（五）监督保障。', `${payload}\n\n（五）监督保障。${payload}`)
        .replace(/^(规章 +\| +\d+ +\| +\d+ +\| +)\d+/m, `$1${payload}`)
        .replace(/^(行政规范性文件 [^\n]*)$/m, `$1\n${payload}行 | 1 | 0 | 1`)
        .replace(/^(信息内容 +\|[^\n]*)$/m, `$1 | ${payload}`)
        .replace('二、主动公开政府信息情况', `二、主动公开政府信息情况\n${payload}`)
        .replace('格式：2021', `格式：2021\n${payload}：${payload}`);
}
