/**
 * About 500 of the most frequent Chinese characters in news text, in simplified forms followed by the
 * traditional forms of those that differ. Text decoded with the right encoding is full of them; the same
 * bytes read with the wrong one (GBK read as Big5 or the reverse) give mostly rare characters.
 */
const COMMON_CHINESE =
  "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成" +
  "方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使" +
  "情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老" +
  "给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目" +
  "太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王" +
  "象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每" +
  "济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况" +
  "亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引" +
  "历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敢股票银行财融险投资券基金税币亿" +
  "這個們來為國說時會對發後裡過動麼現當沒開從實軍無與長機見產問體門頭業兩間經種樣點進還學應戰聽員義東聲變區報結務數電總計關" +
  "標讓識導爭運飛風親極辦議遠車調團價質華級財濟證設記類萬覺術領確傳師觀書條據邊張該專號盡響選億將習劃維眾參語僅醫歷請銀險資" +
  "幣稅";

const COMMON_CHINESE_SET = new Set(COMMON_CHINESE);

/** Counts the characters of `text` that are among the most frequent Chinese characters. */
export function countCommonChineseCharacters(text: string): number {
  let count = 0;
  for (const character of text) {
    if (COMMON_CHINESE_SET.has(character)) count++;
  }
  return count;
}
