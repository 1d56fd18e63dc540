"""The clause rules' built-in patterns: the shapes catch-all and vague wording takes.

The phrase lists (`catalog.lint.phrases`, data an administrator edits) name fixed wordings;
these regular expressions catch the same clauses in any wording ("其他…材料", "…规定的其他
条件", "视…情况", "…要求的"). Text is matched after `normalized` (full-width forms folded,
spaces removed) and after `masked`: book titles and ordinary words that merely contain a
trigger (平等, 等级, 其他组织, 视为…) are blanked first, so they never raise a finding, and a
clause whose trigger follows a negation in the same sentence part ("不得要求提交其他材料")
is no clause. The labelled set `tests/catalog/lint/clauses.csv` measures them
(`python -m catalog.lint.evaluate`); change a pattern only with that set run.
"""

import re
from dataclasses import dataclass

CATCH_ALL = "catch-all-clause"
VAGUE = "vague-clause"
# One part of a sentence: a trigger and its noun never span these.
PART = r"[^,;:。!?、()\n]"
# What an applicant is asked to bring or meet, as the catch-alls and vague clauses name it.
THINGS = "材料|资料|文件|证明|证件|证照|证书|手续|文书|要件|条件|情形"
BLANK = "□"


@dataclass(frozen=True)
class Pattern:
    """A built-in pattern: its code, the rule it serves, its Chinese title and its regex."""

    code: str
    rule: str
    title: str
    regex: re.Pattern[str]

    @property
    def source(self) -> str:
        return self.regex.pattern


def _p(code: str, rule: str, title: str, regex: str) -> Pattern:
    return Pattern(code, rule, title, re.compile(regex))


PATTERNS: tuple[Pattern, ...] = (
    _p("other-things", CATCH_ALL, "“其他……材料/条件/情形”",
       rf"其[他它]{PART}{{0,12}}?(?:{THINGS}|要求)"),
    _p("other-at-end", CATCH_ALL, "以“及其他”“等其他”结尾或只写“其他”",
       r"(?:^|及|和|与|或|或者|以及|等)其[他它]$|^其[他它][(:]"),
    _p("authority-demands", CATCH_ALL, "“部门/机关要求（认为需要）的……”",
       rf"(?:部门|机关|机构|窗口|单位|人员){PART}{{0,6}}?"
       rf"(?:要求|认为(?:有)?(?:必要|需要|应当)|指定|另行通知){PART}{{0,6}}?的"
       rf"(?:$|[,;:。!?]|其[他它]|{PART}{{0,6}}?(?:{THINGS}))"),
    _p("as-needed-materials", CATCH_ALL, "“根据（审查）需要补充/提交的材料”",
       rf"(?:根据|按|按照|视)(?:审查|审批|审核|工作|实际|具体)?需要{PART}{{0,6}}?"
       rf"(?:补充|提交|提供|补正|出具)的?"
       rf"{PART}{{0,4}}?(?:材料|资料|文件|证明)"),
    _p("not-limited-to", CATCH_ALL, "“包括但不限于”", r"(?:包括|包含|含)?但不限于"),
    _p("related-reference", VAGUE, "“相关/有关……材料、证明、部门、规定”",
       rf"(?:相关|有关)的?{PART}{{0,4}}?(?:证明|材料|资料|文件|证件|证照|手续|部门|单位|机构|"
       r"机关|科室|人员|规定|要求|标准|政策|法律|法规|批准|批复|许可|资质|合同|协议|证书|报告|意见|"
       r"情况说明)"),
    _p("as-the-case-may-be", VAGUE, "“视……情况/需要”“根据实际情况”",
       rf"视{PART}{{0,8}}?(?:情况|情形|需要|而定)|"
       r"(?:根据|依据|结合|按照)(?:具体|实际|现场|个案)?(?:情况|需要)(?!说明)|"
       r"(?:根据|按|按照)(?:工作|审查|审批|审核|实际)需要"),
    _p("when-necessary", VAGUE, "“必要时”“如有需要”“认为必要”",
       r"(?:必要|需要)时|如有(?:必要|需要)|确有(?:必要|需要)|认为(?:有)?(?:必要|需要)|"
       r"必要的(?:材料|资料|文件|证明)"),
    _p("in-principle", VAGUE, "“原则上”“一般情况下”“一般应”",
       r"原则上|一般(?:情况|情形)下?|一般(?:应当?|不超过|为|在|可|不(?!动产))"),
    _p("discretion", VAGUE, "“酌情”“适当”“特殊情况”“尽快”“另行通知”",
       r"酌情|酌定|酌减|适当(?!性)|特殊(?:情况|情形)|尽快|尽早|"
       r"另行(?:通知|确定|规定|安排)|可(?:以)?(?:从重|从轻|从宽|减轻|加重)"),
    _p("indefinite-amount", VAGUE, "“若干”“一定的”“相应的……”“合理期限”",
       r"若干(?!规定|意见|措施|问题|政策|规则)|"
       r"一定(?:的|数量|规模|期限|时间|比例|范围|程度|经验|能力)|"
       rf"相应的?{PART}{{0,4}}?(?:{THINGS}|资质|能力|场所|设施|设备|专业|技术|人员|制度|措施)|"
       r"合理的?(?:期限|时间|范围|数量)"),
    _p("open-list", VAGUE, "列举以“等”收尾（“……等材料”“……等”）",
       rf"等(?:相关|有关|有效|必要|情况|内容|事项|部门|{PART}{{0,4}}?(?:{THINGS}))|"
       r"等(?=$|[,;:。!?)])"),
)

# Blanked before matching: titles of laws, forms and documents, and ordinary words that contain
# a trigger but say nothing vague.
MASKS = re.compile("|".join((
    r"《[^《》]*》|〈[^〈〉]*〉",
    r"等级|等次|等候|等待|等于|等同|等额|等量|等效|等值|等高|等距|等腰|等比|"
    # a list closed by 等 after 合同, 核对, 水平, 身高… is no ordinary word
    r"(?<!水)平等|(?<!合)同等|相等|(?<![核校比])对等|均等|不等|(?<!身)高等|中等|初等|优等|"
    r"上等|头等|[一二三四五六七八九十特甲乙丙]等",
    rf"与其[他它]{PART}{{0,8}}?(?:一致|相符|相同|吻合|对应)",  # a comparison, no demand
    r"等[0-9一二三四五六七八九十两]+[项个类种份件本张名所家]",  # a counted, closed list
    r"其[他它](?=组织|单位|共有人|继承人|股东|成员|家庭成员|权利人|利害关系人|合伙人|发起人|"
    r"投资人|出资人|董事|监事|人员|自然人|法人|企业|机构|经营者|当事人|申请人|监护人|近亲属|"
    r"子女|地区|省份|国家|方式|渠道|途径|语种|币种|登记机关)",
    r"视为|视同|视频|视力|视察|视觉|视野",
    r"相关方|相关性|相关联|无关|必要性",
)))
# A trigger after one of these, in the same part of a sentence, is promised away (or asked).
NEGATION = re.compile(r"是否|不得|不再|不另|无需|无须|不需|不必|不要求|不予要求|免于|免予|免交|"
                      r"禁止|严禁|没有|无其[他它]|不收取|不用")
# A clause whose sentence goes on to say the thing need not be brought relieves, not demands.
RELIEF = re.compile(r"(?:无需|无须|不需要?|不必|免于|免予|不再|不用)再?(?:提交|提供|报送|出具)")
DELIMITERS = re.compile(r"[,;:。!?\n]")
SENTENCE_END = re.compile(r"[;。!?\n]")


def masked(normalized_text: str) -> str:
    """The text with titles and ordinary words blanked, each character by one `BLANK`."""
    return MASKS.sub(lambda m: BLANK * len(m.group()), normalized_text)


def negated(text: str, start: int) -> bool:
    """Whether a negation precedes `start` in the same part of the sentence."""
    begin = max((m.end() for m in DELIMITERS.finditer(text, 0, start)), default=0)
    return NEGATION.search(text, begin, start) is not None


def relieved(text: str, end: int) -> bool:
    """Whether the rest of the sentence from `end` says the thing need not be brought."""
    stop = SENTENCE_END.search(text, end)
    return RELIEF.search(text, end, stop.start() if stop else len(text)) is not None


def pattern_match(rule: str, text: str) -> tuple[Pattern, str] | None:
    """The first built-in pattern of `rule` found in masked `text`, with the words it matched."""
    for pattern in PATTERNS:
        if pattern.rule != rule:
            continue
        for found in pattern.regex.finditer(text):
            if not negated(text, found.start()) and not relieved(text, found.end()):
                return pattern, found.group().rstrip(",;:。!?")
    return None
