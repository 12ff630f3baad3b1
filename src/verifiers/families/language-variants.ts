// Varieties of a language a requirement may name: "Simplified Chinese", "Chinese (Traditional)", "in
// simplified characters", "Brazilian Portuguese", "Castilian Spanish", "British English". The detector
// reads languages, not varieties, so a variety is checked as its language, with what the detector cannot
// see said so:
// - Chinese in Simplified or Traditional characters is checked: the text must read as Chinese, and its
//   characters that differ between the two scripts must be mostly of the one asked for. The check's
//   language is then "cmn-Hans" or "cmn-Hant" (an ISO 639-3 code with its ISO 15924 script, as BCP 47
//   writes it).
// - A name that only says the language ("Castilian", "Mandarin", "Standard", "Modern Standard") is the
//   language itself.
// - A regional variety ("Brazilian", "European", "Latin American", "British", "Canadian") is written with
//   the same words as its language, bar spelling and vocabulary: the language is checked, the variety is
//   reported as not checked.
import type { LanguageCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const SCRIPT_WORDS = "simplified|traditional";
const SAME_LANGUAGE = "castilian|mandarin|standard|modern standard";
const REGIONAL =
  "brazilian|european|continental|iberian|peninsular|latin american|mexican|argentine|argentinian|canadian|quebec|qu[eé]b[eé]cois|belgian|austrian|british|american|australian|us|uk|mainland|taiwanese";

/** Regex source: a word naming a variety, before a language name ("in Brazilian Portuguese"). */
export const LANGUAGE_VARIANT = `(?:${SCRIPT_WORDS}|${SAME_LANGUAGE}|${REGIONAL})`;
const SCRIPT_IN = /\b(simplified|traditional)\b/i;
const REGIONAL_IN = new RegExp(`\\b(?:${REGIONAL})\\b`, "i");

/** The two Chinese scripts, by their ISO 15924 codes. */
type ChineseScript = "Hans" | "Hant";
const SCRIPT_NAMES: Record<ChineseScript, string> = { Hans: "Simplified", Hant: "Traditional" };

/**
 * The language check for a language phrase read by the language family (`phrase`, such as "in Simplified
 * Chinese"), whose language `code` is named `name`; and the variety it names that is not checked.
 */
export function variantCheck(
  phrase: string,
  code: string,
  name: string,
  source: string,
): { check: LanguageCheck; unchecked?: string } {
  const script = SCRIPT_IN.exec(phrase)?.[1];
  if (script !== undefined && code === "cmn") {
    const tag: ChineseScript = /^s/i.test(script) ? "Hans" : "Hant";
    return { check: chineseCheck(tag, source) };
  }
  const check: LanguageCheck = { kind: "language", language: code, name, source };
  const regional = REGIONAL_IN.exec(phrase) ?? (script === undefined ? null : SCRIPT_IN.exec(phrase));
  return regional === null ? { check } : { check, unchecked: regional[0] };
}

function chineseCheck(script: ChineseScript, source: string): LanguageCheck {
  return { kind: "language", language: `cmn-${script}`, name: `${SCRIPT_NAMES[script]} Chinese`, source };
}

/**
 * The script named after a language or on its own: "Chinese (Simplified)", "Chinese, traditional
 * characters", "write it in simplified characters", "using Traditional Chinese script".
 */
const SCRIPT_PHRASES = compiledPattern(
  `\\(\\s?(simplified|traditional)(?: chinese)?(?: characters| script)?\\s?\\)|\\b(?:in|using|with|use|written in|write in|in the) (simplified|traditional)(?: chinese| mandarin)? (?:characters|script|hanzi|form|writing system)\\b`,
  "gi",
);

/**
 * Reads a Chinese script named apart from the language: it sets the script of the clause's Chinese check
 * ("in Chinese (Simplified)"), or is a check of its own ("in simplified characters" is Chinese: no other
 * language is written in them).
 */
export function readChineseScripts(state: ClauseState): void {
  if (!SCRIPT_IN.test(state.text)) return;
  eachMatch(state, SCRIPT_PHRASES, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const script: ChineseScript = /^s/i.test(match[1] ?? match[2]!) ? "Hans" : "Hant";
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    const chinese = state.checks.find(
      (check): check is LanguageCheck => check.kind === "language" && check.language.startsWith("cmn"),
    );
    if (chinese !== undefined) {
      Object.assign(chinese, chineseCheck(script, `${chinese.source} ${state.source(start, end)}`));
      state.consume(start, end);
    } else if (match[1] === undefined) {
      state.accept(start, end, chineseCheck(script, state.source(start, end)));
    }
  });
}

// Characters written differently in the two scripts, each Simplified one above its Traditional one. Only
// characters whose Simplified form is no Traditional character of its own are listed ("后", "里", "干", "台"
// and "面" are both, and are left out).
const SIMPLIFIED_CHARS =
  "们这个说为时来会对国过还没学经动关长现实进问题样种让认电话车书门开东见记买卖网页语读写请钱银体头点当无从产业员机与万边应该觉飞气场岁华战争听间两报纸红绿蓝乐欢亲爱师办务处备数据级线组织结给统续绝约终练细轻较连运远选达离难须顾领风馆饭饮鱼鸟马妈吗骑验单简杂区药厂广庆节贵费货资质购财贴负责败视观规览讨论议识设许证评词译试诉谁调谈谢课讲诗计订铁钟错键锁镜针际阳阴队阶陆随险岛县乡镇农兴举传伤侧偿优儿兰养兽军冻决况净凉减刘则刚创剧劳势协卫卢压厅参双变号叹吴响园围图团坏块坚声壳夺奋妇孙宁宝宽导寻层属币带帮库张弹归录彻忆态总恋恶惊惯愿戏执扩扫护拥择挡损换携摄摆敌断旧显晓晕杀权条极构标树桥检楼毕汉汤沟泪泽洁浅测济浏滚满滤灯灵灾炉热牵犹独狮猎环画畅疗盘监盖码础确礼祸积称稳穷竞笔签类粮紧罗职联肃肠肤脑脚脸腾舰艺苏荣获萝营虑虽蚁补装誉贝轮软转输辆违迟递邮邻酱释钢钥锅闭闲闹闻阅阵陈雾韩顺预频颜额饿驾鲜鸡齐齿龙龟湾习亚仅众伟侠俭债倾储冈冯凤击剑劝励厉厕启呜哗嘱圣坛坝垒墙壮奖妆娱婴宪宾将尔尘尝尽岭峡帅帐庄庙废弃弯忧怀怜恳惧惨惩扑扰抢拟拨挤挥捡掷揽搅敛旷昼晒杨枪柜栏档梦欧残泼泻洒浓润涨渐湿溃滨潜灭灿炼烂烦烧爷牺猪献玛亩疯皱盐睁矿砖硕禅竖笼筹纪纯纳纵纷纹纺纽绑绕绘络继绩绪维绵综缓编缩罚翘耸聪肾胆胶脏舱艰荐莲虾蚕衬袭袜觅训讯访诊诚询详误谱贡贩贫贯贸贷赏赔赖赚赛赞赶趋跃践轨轰载辅辈辉辞辽迁邓郑钓钞铃铅铺链销锋锐锻闪闯阀阁阔陕隐韦顶项顽顿颁颗飘饰饱饼驱驶驻骂骗鲁鸭麦";
const TRADITIONAL_CHARS =
  "們這個說為時來會對國過還沒學經動關長現實進問題樣種讓認電話車書門開東見記買賣網頁語讀寫請錢銀體頭點當無從產業員機與萬邊應該覺飛氣場歲華戰爭聽間兩報紙紅綠藍樂歡親愛師辦務處備數據級線組織結給統續絕約終練細輕較連運遠選達離難須顧領風館飯飲魚鳥馬媽嗎騎驗單簡雜區藥廠廣慶節貴費貨資質購財貼負責敗視觀規覽討論議識設許證評詞譯試訴誰調談謝課講詩計訂鐵鐘錯鍵鎖鏡針際陽陰隊階陸隨險島縣鄉鎮農興舉傳傷側償優兒蘭養獸軍凍決況淨涼減劉則剛創劇勞勢協衛盧壓廳參雙變號嘆吳響園圍圖團壞塊堅聲殼奪奮婦孫寧寶寬導尋層屬幣帶幫庫張彈歸錄徹憶態總戀惡驚慣願戲執擴掃護擁擇擋損換攜攝擺敵斷舊顯曉暈殺權條極構標樹橋檢樓畢漢湯溝淚澤潔淺測濟瀏滾滿濾燈靈災爐熱牽猶獨獅獵環畫暢療盤監蓋碼礎確禮禍積稱穩窮競筆簽類糧緊羅職聯肅腸膚腦腳臉騰艦藝蘇榮獲蘿營慮雖蟻補裝譽貝輪軟轉輸輛違遲遞郵鄰醬釋鋼鑰鍋閉閒鬧聞閱陣陳霧韓順預頻顏額餓駕鮮雞齊齒龍龜灣習亞僅眾偉俠儉債傾儲岡馮鳳擊劍勸勵厲廁啟嗚嘩囑聖壇壩壘牆壯獎妝娛嬰憲賓將爾塵嘗盡嶺峽帥帳莊廟廢棄彎憂懷憐懇懼慘懲撲擾搶擬撥擠揮撿擲攬攪斂曠晝曬楊槍櫃欄檔夢歐殘潑瀉灑濃潤漲漸濕潰濱潛滅燦煉爛煩燒爺犧豬獻瑪畝瘋皺鹽睜礦磚碩禪豎籠籌紀純納縱紛紋紡紐綁繞繪絡繼績緒維綿綜緩編縮罰翹聳聰腎膽膠髒艙艱薦蓮蝦蠶襯襲襪覓訓訊訪診誠詢詳誤譜貢販貧貫貿貸賞賠賴賺賽贊趕趨躍踐軌轟載輔輩輝辭遼遷鄧鄭釣鈔鈴鉛鋪鏈銷鋒銳鍛閃闖閥閣闊陝隱韋頂項頑頓頒顆飄飾飽餅驅駛駐罵騙魯鴨麥";
/** The characters only one script uses, each with the script that uses it. */
export const SCRIPT_OF_CHAR: ReadonlyMap<string, ChineseScript> = new Map([
  ...[...SIMPLIFIED_CHARS].map((char) => [char, "Hans"] as const),
  ...[...TRADITIONAL_CHARS].map((char) => [char, "Hant"] as const),
]);
const HAN = /\p{Script=Han}/gu;

/** The Chinese script a language check asks for ("cmn-Hans"), with the check for the language alone. */
export function chineseScriptOf(
  check: LanguageCheck,
): { script: ChineseScript; language: LanguageCheck } | undefined {
  const script = /^cmn-(Hans|Hant)$/.exec(check.language)?.[1] as ChineseScript | undefined;
  return script === undefined ? undefined : { script, language: { ...check, language: "cmn" } };
}

/** Counts the characters of `text` only Simplified, or only Traditional, Chinese uses. */
function countScripts(text: string): Record<ChineseScript, number> {
  const counts: Record<ChineseScript, number> = { Hans: 0, Hant: 0 };
  for (const [char] of text.matchAll(HAN)) {
    const script = SCRIPT_OF_CHAR.get(char);
    if (script !== undefined) counts[script]++;
  }
  return counts;
}

/**
 * Scores a check for Chinese in one script, given `language`, the score of the text as Chinese: a text
 * that is not Chinese keeps that score; a Chinese text fails when more of its characters are only in the
 * other script than only in the one asked for. A text of characters both scripts share meets either.
 */
export function scoreChineseScript(
  check: LanguageCheck,
  script: ChineseScript,
  language: FamilyScore,
  facts: TextFacts,
): FamilyScore {
  if (language.score !== 1) return language;
  const counts = facts.remember("chinese-scripts", countScripts);
  const other: ChineseScript = script === "Hans" ? "Hant" : "Hans";
  const found = `${counts[script]} ${SCRIPT_NAMES[script]} and ${counts[other]} ${SCRIPT_NAMES[other]} characters`;
  if (counts[other] > counts[script]) {
    return {
      score: 0,
      reason: `Chinese, but written in ${SCRIPT_NAMES[other]} characters (${found}); ${check.name} required`,
    };
  }
  return { score: 1, reason: `${language.reason}; ${found}` };
}
