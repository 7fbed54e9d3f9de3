"""Text normalisation before speech: what is written becomes what is said.

Captions keep the written text ("1976年"); only the speech engine gets the spoken
form ("一九七六年"). Chinese: years digit by digit, other numbers in Chinese
numerals, dynasty abbreviations and units (厘米, cm, kg...); English: years read in
pairs ("1976" → "nineteen seventy-six"), centuries, units and BCE/CE.
"""

from __future__ import annotations

import re

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_UNITS = {"cm": "厘米", "mm": "毫米", "m": "米", "km": "千米", "kg": "千克", "g": "克", "%": "百分之"}
_EN_UNITS = {"cm": "centimetres", "mm": "millimetres", "m": "metres", "km": "kilometres", "kg": "kilograms",
             "g": "grams", "%": "percent", "厘米": "centimetres"}
# Short dynasty names as catalogues write them, and how a guide says them.
_ZH_DYNASTIES = {"西周": "西周", "东周": "东周", "北宋": "北宋", "南宋": "南宋", "汉": "汉代", "唐": "唐代",
                 "宋": "宋代", "元": "元代", "明": "明代", "清": "清代", "商": "商代", "周": "周代"}
_EN_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen").split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def zh_number(n: int) -> str:
    """A whole number in Chinese numerals (一百零五, 两千, 一万二千三百)."""
    if n < 0:
        return "负" + zh_number(-n)
    if n < 10:
        return _ZH_DIGITS[n]
    if n >= 100_000_000:
        high, low = divmod(n, 100_000_000)
        return zh_number(high) + "亿" + (("零" if low < 10_000_000 else "") + zh_number(low) if low else "")
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        return zh_number(high) + "万" + (("零" if low < 1000 else "") + zh_number(low) if low else "")
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += _ZH_DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    if out.startswith("一十"):
        out = out[1:]
    return out


def zh_digits(text: str) -> str:
    return "".join(_ZH_DIGITS[int(c)] for c in text)


def _zh_decimal(match: re.Match) -> str:
    whole, frac = match.group(1), match.group(2)
    return zh_number(int(whole)) + ("点" + zh_digits(frac) if frac else "")


def normalise_zh(text: str) -> str:
    """Chinese text as it is read aloud."""
    text = re.sub(r"公元前\s*(\d+)\s*年", lambda m: "公元前" + zh_number(int(m.group(1))) + "年", text)
    text = re.sub(r"(?<!前)(\d{3,4})\s*(年代|年)", lambda m: zh_digits(m.group(1)) + m.group(2), text)
    text = re.sub(r"(\d+)\s*世纪", lambda m: zh_number(int(m.group(1))) + "世纪", text)
    text = re.sub(r"(\d+)(?:\.(\d+))?\s*%", lambda m: "百分之" + _zh_decimal(m), text)
    text = re.sub(r"(\d+)(?:\.(\d+))?\s*(cm|mm|km|kg|m|g)\b",
                  lambda m: _zh_decimal(m) + _ZH_UNITS[m.group(3)], text)
    text = re.sub(r"[×xX*]\s*(?=\d)", "乘", text)
    text = re.sub(r"(\d+)(?:\.(\d+))?", _zh_decimal, text)
    text = re.sub(r"(?<![东西南北])(汉|唐|宋|元|明|清|商|周)(?=(早期|中期|晚期|初|末|时期))",
                  lambda m: _ZH_DYNASTIES[m.group(1)], text)
    return text


def en_number(n: int) -> str:
    """A whole number in English words."""
    if n < 0:
        return "minus " + en_number(-n)
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + ("-" + _EN_ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _EN_ONES[hundreds] + " hundred" + (" and " + en_number(rest) if rest else "")
    for value, name in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")):
        if n >= value:
            high, rest = divmod(n, value)
            return en_number(high) + " " + name + ((" and " if rest < 100 else " ") + en_number(rest) if rest else "")
    return str(n)


def en_year(n: int) -> str:
    """A year as English speakers say it: 1976 → nineteen seventy-six, 1900 → nineteen hundred."""
    if 1100 <= n <= 1999 or 2100 <= n <= 9999:
        high, low = divmod(n, 100)
        if low == 0:
            return en_number(high) + " hundred"
        return en_number(high) + " " + ("oh " + en_number(low) if low < 10 else en_number(low))
    return en_number(n)


def _ordinal(n: int) -> str:
    word = en_number(n)
    for end, repl in (("one", "first"), ("two", "second"), ("three", "third"), ("five", "fifth"),
                      ("eight", "eighth"), ("nine", "ninth"), ("twelve", "twelfth")):
        if word.endswith(end):
            return word[: -len(end)] + repl
    return word[:-1] + "ieth" if word.endswith("y") else word + "th"


def normalise_en(text: str) -> str:
    """English text as it is read aloud."""
    text = re.sub(r"\b(\d{1,4})\s*(BCE|BC)\b", lambda m: en_year(int(m.group(1))) + " B C E", text)
    text = re.sub(r"\b(\d{1,4})\s*(CE|AD)\b", lambda m: en_year(int(m.group(1))) + " C E", text)
    text = re.sub(r"\b(\d{1,2})(st|nd|rd|th)\s+century\b", lambda m: _ordinal(int(m.group(1))) + " century", text)
    text = re.sub(r"\b(\d{4})s\b", lambda m: en_year(int(m.group(1))).replace("ty", "ties").replace(
        "hundred", "hundreds"), text)
    text = re.sub(r"\b(\d+)(?:\.(\d+))?\s*(cm|mm|km|kg|m|g|%)(?=\W|$)", lambda m: _en_decimal(m) + " "
                  + _EN_UNITS[m.group(3)], text)
    text = re.sub(r"(?<=\d)\s*[×x]\s*(?=\d)", " by ", text)
    text = re.sub(r"\b(1[1-9]\d\d|20\d\d)\b", lambda m: en_year(int(m.group(1))), text)
    text = re.sub(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", _en_decimal, text)
    return text


def _en_decimal(match: re.Match) -> str:
    whole, frac = match.group(1).replace(",", ""), match.group(2)
    return en_number(int(whole)) + (" point " + " ".join(_EN_ONES[int(c)] for c in frac) if frac else "")


def normalise(text: str, lang: str) -> str:
    """``text`` in ``lang`` ("zh" or "en") as it should be spoken."""
    return normalise_zh(text) if lang == "zh" else normalise_en(text)
