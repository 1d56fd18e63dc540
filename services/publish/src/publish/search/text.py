"""Text as search sees it: folded (NFKC, case), split at spaces and punctuation, cut into
words by jieba with the zone's domain dictionary, and into overlapping character pairs."""

import asyncio
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import jieba

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
SPLIT = re.compile(r"[\W_]+")
NOT_CODE = re.compile(r"[^0-9a-z]+")
# The heads of a matter's name a visitor types with the word before them: 规划许可, 设立登记…
HEADS = ("许可", "登记", "备案", "审批", "审查", "核准", "认定", "注册", "申领", "执照", "核实",
         "验收", "评价", "预审", "受理", "审核")
# Words of the domain jieba's general dictionary lacks or cuts apart.
DOMAIN_WORDS = ("规划许可", "施工许可", "营业执照", "设立登记", "变更登记", "环评", "环境影响",
                "预售许可", "竣工验收", "施工图", "用地预审", "选址意见书", "排污许可", "危险废物",
                "劳务派遣", "就业创业证", "失业保险金", "工伤认定", "执业登记", "卫生许可",
                "执业注册", "放射诊疗", "投资项目", "节能审查", "营商环境", "特种设备", "商品房",
                "食品经营", "食品生产", "药品零售", "建设用地", "建设工程", "乡村建设", "规划条件",
                "资质核准", "医疗机构", "公共场所", "招商引资", "入园审核", "职业技能")

_lock = threading.Lock()
_tokenizer: list[jieba.Tokenizer] = []
_words: set[str] = set()


def fold(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def parts(text: str) -> list[str]:
    """The pieces of a folded text between spaces and punctuation."""
    return [p for p in SPLIT.split(fold(text)) if p]


def compact(text: str) -> str:
    """A code as letters and digits only, folded: `XK-0000 0002` → `xk00000002`."""
    return NOT_CODE.sub("", fold(text))


def tokenizer() -> jieba.Tokenizer:
    """The one jieba tokenizer of the process, its dictionary loaded on first use (slow)."""
    if _tokenizer:
        return _tokenizer[0]
    with _lock:
        if not _tokenizer:
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.setLogLevel(logging.WARNING)  # jieba reports its load on stderr, never stdout
            made = jieba.Tokenizer()
            made.initialize()
            for word in DOMAIN_WORDS:
                made.add_word(word)
            _tokenizer.append(made)
    return _tokenizer[0]


def domain_words(name: str) -> list[str]:
    """The words a matter's (or result's) name adds to the dictionary: itself without its
    action, and each head with the two characters before it (建设工程规划许可证核发 → 规划许可)."""
    words = [name] if 2 <= len(name) <= 12 else []
    for head in HEADS:
        start = name.find(head)
        while start >= 2:
            words.append(name[start - 2:start + len(head)])
            start = name.find(head, start + 1)
    return [w for w in words if CJK.fullmatch(w)]


def learn(names: Iterable[str]) -> None:
    """Add the domain words of these names to the dictionary (once each)."""
    new = {w for name in names for w in domain_words(fold(name))} - _words
    if not new:
        return
    made = tokenizer()
    with _lock:
        for word in sorted(new):
            made.add_word(word)
        _words.update(new)


def words(run: str) -> Iterator[str]:
    """jieba's words of one run of Chinese, with every dictionary word inside a longer one."""
    made = tokenizer()
    for word in made.cut(run):
        if len(word) >= 2:
            yield word
        for size in range(2, len(word)):
            for i in range(len(word) - size + 1):
                if made.FREQ.get(word[i:i + size]):
                    yield word[i:i + size]


def words_of(text: str) -> set[str]:
    """The words of a text (no character pairs): what a query says, for its coverage."""
    found: set[str] = set()
    for run in CJK.findall(fold(text)):
        found.update([run] if run.isascii() or len(run) == 1 else words(run))
    return found


def terms(text: str) -> list[str]:
    """The search terms of a text, repeated as often as they occur: words and character pairs
    of its Chinese, and its runs of letters and digits."""
    found: list[str] = []
    for run in CJK.findall(fold(text)):
        if run.isascii():
            found.append(run)
            continue
        found.extend(words(run))
        found.extend(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            found.append(run)
    return found


def learned() -> set[str]:
    """The words the matter names have added to the dictionary."""
    return set(_words)


async def warm(app: Any) -> None:
    """Load jieba's dictionary at start-up in a thread, off the requests' path."""
    del app
    await asyncio.to_thread(tokenizer)
