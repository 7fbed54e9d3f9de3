"""Text normalisation and cue splitting (Hypothesis for arbitrary text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from assets.audio.cues import LINE_WIDTH, LINES, cue_lines, split_cues, width
from assets.audio.errors import SpeechError
from assets.audio.speak import MAX_CHARS, check_text
from assets.audio.text_norm import normalise


@pytest.mark.parametrize("text, spoken", [
    ("1976年出土", "一九七六年出土"),
    ("高23.5cm", "高二十三点五厘米"),
    ("公元前221年", "公元前二百二十一年"),
    ("共105件", "共一百零五件"),
    ("清早期", "清代早期"),
    ("占30%", "占百分之三十"),
])
def test_chinese_is_read_as_spoken(text, spoken):
    assert normalise(text, "zh") == spoken


@pytest.mark.parametrize("text, spoken", [
    ("in 1976", "in nineteen seventy-six"),
    ("221 BCE", "two hundred and twenty-one B C E"),
    ("23.5 cm", "twenty-three point five centimetres"),
    ("the 3rd century", "the third century"),
    ("in 2005", "in two thousand and five"),
])
def test_english_is_read_as_spoken(text, spoken):
    assert normalise(text, "en") == spoken


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_cues_keep_every_word_and_fit_two_lines(text):
    cues = split_cues(text)
    assert "".join(c.replace(" ", "") for c in cues) == "".join(text.split())
    for cue in cues:
        assert cue.strip() == cue and cue
        assert len(cue_lines(cue)) <= LINES + 1  # a Han line may run one character over "about 18"
        if " " not in cue:
            assert width(cue) <= LINE_WIDTH * LINES


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(["zh", "en"]))
def test_normalising_never_fails(text, lang):
    assert isinstance(normalise(text, lang), str)


@pytest.mark.parametrize("text, message", [
    ("   ", "object 1: the narration text is empty"),
    ("字" * 50_000, "object 1: the narration text has 50,000 characters (at most 5,000)"),
    ("🎉🏺✨", "object 1: the narration text has nothing to speak (only symbols or emoji)"),
])
def test_unspeakable_text_is_one_line_naming_the_object(text, message):
    with pytest.raises(SpeechError) as e:
        check_text(text, "object 1")
    assert str(e.value) == message


def test_emoji_and_mixed_scripts_are_spoken_without_the_emoji():
    from assets.audio.espeak import EspeakEngine
    from assets.audio.speak import speak

    clip = speak(EspeakEngine("cmn"), "这是Shang dynasty的青铜器🏺。", "zh")
    assert clip.seconds > 1 and clip.cues[0].text == "这是Shang dynasty的青铜器🏺。"
