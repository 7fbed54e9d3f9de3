"""The in-memory loudness step's limiter: whatever the signal, no oversampled peak passes
the ceiling and the gain never rises above 1; the clip still ends at the target."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.audio import loudness


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), seconds=st.floats(0.01, 3.0), rate=st.sampled_from([16000, 22050, 48000]),
       ceiling_db=st.floats(-12.0, -0.5), burst=st.floats(0.05, 20.0))
def test_the_limiter_never_lets_a_peak_pass_the_ceiling(seed, seconds, rate, ceiling_db, burst):
    rng = np.random.default_rng(seed)
    n = max(1, int(seconds * rate))
    # noise with loud bursts, like speech whose peaks are high for its loudness
    x = (rng.standard_normal(n) * 0.05 * (1 + burst * (rng.random(n) > 0.995))).astype(np.float32)
    peaks = loudness.sample_peaks(x)
    limited, gain = loudness._limited(x, rate, ceiling_db, peaks)
    assert gain.max() <= 1.0 + 1e-6 and gain.min() >= 0.0
    assert float((peaks * gain).max()) <= 10 ** (ceiling_db / 20) * (1 + 1e-5)
    assert np.allclose(limited, x * gain)


def test_speech_like_signal_ends_at_the_web_target():
    rate = 22050
    t = np.arange(rate * 6) / rate
    x = (0.05 * np.sin(2 * np.pi * 220 * t) * (0.55 + 0.45 * np.sin(2 * np.pi * 3.5 * t))
         * (np.mod(t, 1.6) > 0.25)).astype(np.float32)
    out, before, after = loudness.normalise(x, rate)
    assert abs(loudness.integrated_lufs(out, rate) - -16.0) <= 0.1
    assert loudness.true_peak_db(out) <= loudness.WEB.true_peak
    assert after.lufs == -16.0 and before.lufs < after.lufs
