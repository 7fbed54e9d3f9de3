"""Loudness: measuring (ITU-R BS.1770 / EBU R 128) and bringing clips to a target.

Every narration clip ends at one integrated loudness and under one true-peak
ceiling, so that visitors never touch the volume between stops:

- :data:`WEB` −16 LUFS, −1.5 dBTP (the package), :data:`VIDEO` −14 LUFS (platform videos).
- The order is always: oversampled limiter first, then one linear gain. Without the
  limiter a linear gain cannot reach the target on speech whose peaks are high for
  its loudness (eSpeak's are), and ffmpeg's ``loudnorm`` then silently falls back to
  dynamic mode and misses it.

Recordings go through ffmpeg (``ebur128`` to measure, ``alimiter`` at 88.2 kHz, two-pass
``loudnorm`` in linear mode; argv builders in :mod:`assets.audio.ffmpeg_audio`).
Synthesised clips are already samples in memory, so the same three steps run here in
numpy (an FFT-oversampled look-ahead limiter, the BS.1770 gated measure, a gain):
about 20x cheaper than three ffmpeg runs per clip, which is what lets 200 objects
be narrated in under a minute. Tests check both paths with ffmpeg's ``ebur128``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Target:
    lufs: float
    true_peak: float  # dBTP ceiling


WEB = Target(-16.0, -1.5)
VIDEO = Target(-14.0, -1.5)
# The limiter leaves this much room under the ceiling for the gain after it and the
# encoders' overshoot: about 0.5 dB for AAC, 1-2 dB for Opus at 32 kb/s (measured).
_MARGIN_DB = 2.0
_OVERSAMPLE = 4


@dataclass(frozen=True)
class Loudness:
    lufs: float       # integrated loudness; -inf for silence
    true_peak: float  # dBTP


@functools.lru_cache(maxsize=16)
def _k_weighting_at(size: int, rate: int) -> np.ndarray:
    return _k_weighting(np.fft.rfftfreq(size, 1 / rate), rate).astype(np.float32)


def _k_weighting(freqs: np.ndarray, rate: int) -> np.ndarray:
    """|H(f)| of BS.1770's K-weighting (high shelf, then high pass) at ``rate``."""
    def biquad(b, a):
        z = np.exp(-1j * 2 * np.pi * freqs / rate)
        return np.abs((b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z))

    # Coefficients as pyloudnorm derives them for any sample rate (RBJ cookbook forms).
    g, q, fc = 3.99984385397, 0.7071752369554193, 1681.974450955533
    big_a = 10 ** (g / 40)
    w0 = 2 * math.pi * fc / rate
    alpha = math.sin(w0) / (2 * q)
    c, s = math.cos(w0), 2 * math.sqrt(big_a) * alpha
    shelf = biquad((big_a * ((big_a + 1) + (big_a - 1) * c + s), -2 * big_a * ((big_a - 1) + (big_a + 1) * c),
                    big_a * ((big_a + 1) + (big_a - 1) * c - s)),
                   ((big_a + 1) - (big_a - 1) * c + s, 2 * ((big_a - 1) - (big_a + 1) * c),
                    (big_a + 1) - (big_a - 1) * c - s))
    q, fc = 0.5003270373253953, 38.13547087613982
    w0 = 2 * math.pi * fc / rate
    alpha = math.sin(w0) / (2 * q)
    c = math.cos(w0)
    high_pass = biquad(((1 + c) / 2, -(1 + c), (1 + c) / 2), (1 + alpha, -2 * c, 1 - alpha))
    return shelf * high_pass


def k_weighted(x: np.ndarray, rate: int) -> np.ndarray:
    """``x`` through BS.1770's K-weighting, applied as a zero-phase magnitude response in
    the frequency domain: the measure only uses block energies, which phase does not
    change beyond a few milliseconds."""
    size = _fast_size(len(x))
    spectrum = np.fft.rfft(x.astype(np.float32, copy=False), size)  # float32 in, complex64 out (numpy 2)
    spectrum *= _k_weighting_at(size, rate)
    return np.fft.irfft(spectrum, size)[:len(x)]


def integrated_lufs(x: np.ndarray, rate: int) -> float:
    """BS.1770-4 gated integrated loudness of mono float samples (full scale 1.0)."""
    if len(x) < int(0.4 * rate):
        return -math.inf
    return gated_lufs(k_weighted(x, rate), rate)


def gated_lufs(y: np.ndarray, rate: int) -> float:
    """The gated loudness of already K-weighted samples."""
    step = int(0.1 * rate)
    if len(y) < 4 * step:
        return -math.inf
    # 100 ms chunks; a 400 ms block is four of them (75 % overlap, as BS.1770 asks)
    chunks = len(y) // step
    power = (y[:chunks * step].astype(np.float32) ** 2).reshape(chunks, step).sum(axis=1, dtype=np.float64)
    z = (power[:-3] + power[1:-2] + power[2:-1] + power[3:]) / (4 * step) if chunks >= 4 else power[:0]
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(z)
    z = z[levels > -70]
    if not len(z):
        return -math.inf
    relative = -0.691 + 10 * math.log10(z.mean()) - 10
    with np.errstate(divide="ignore"):
        z = z[-0.691 + 10 * np.log10(z) > relative]
    return -0.691 + 10 * math.log10(z.mean())


@functools.lru_cache(maxsize=1)
def _interpolator() -> np.ndarray:
    """The 4 phases of a 48-tap windowed-sinc interpolator (as BS.1770's true-peak meter)."""
    taps = 48
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(n / _OVERSAMPLE) * np.kaiser(taps, 8.0)
    phases = h.reshape(-1, _OVERSAMPLE).T  # phase p takes taps p, p+4, ...
    return (phases / phases.sum(axis=1, keepdims=True)).astype(np.float32)


def _oversampled(x: np.ndarray) -> np.ndarray:
    """``x`` sampled 4x as densely (polyphase FIR interpolation)."""
    phases = _interpolator()
    out = np.empty((len(x), _OVERSAMPLE), dtype=np.float32)
    for p in range(_OVERSAMPLE):
        out[:, p] = np.convolve(x, phases[p], mode="same")
    return out.ravel()


def _fast_size(n: int) -> int:
    """The smallest length of at least ``n`` + 4096 whose only prime factors are 2, 3
    and 5 (numpy's FFT is slow for lengths with large prime factors, and a power of two
    can be almost twice as long); the zero padding also keeps the end of a clip from
    wrapping onto its start."""
    want = n + 4096
    best = 1 << (want - 1).bit_length()
    five = 1
    while five < best:
        three = five
        while three < best:
            two = three << max(0, (-(-want // three) - 1).bit_length())
            best = min(best, two)
            three *= 3
        five *= 5
    return best


def true_peak_db(x: np.ndarray) -> float:
    if not len(x):
        return -math.inf
    peak = float(np.max(np.abs(_oversampled(x))))
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def measure(x: np.ndarray, rate: int) -> Loudness:
    return Loudness(integrated_lufs(x, rate), true_peak_db(x))


def sample_peaks(x: np.ndarray) -> np.ndarray:
    """The highest 4x oversampled magnitude around each sample (what a true-peak meter sees)."""
    return np.abs(_oversampled(x)).reshape(-1, _OVERSAMPLE).max(axis=1)


def limit(x: np.ndarray, rate: int, ceiling_db: float, peaks: np.ndarray | None = None) -> np.ndarray:
    """A look-ahead peak limiter on the 4x oversampled peaks (``peaks``, from
    :func:`sample_peaks`, when already known): the gain never lets an inter-sample
    peak pass ``ceiling_db``; it falls over 2 ms before a peak and rises again over 20 ms."""
    return _limited(x, rate, ceiling_db, sample_peaks(x) if peaks is None else peaks)[0]


def _limited(x: np.ndarray, rate: int, ceiling_db: float, peaks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The limited samples and the gain applied to each.

    The gain is worked out on blocks of 2 ms (the attack) rather than per sample: a
    block's gain is the lowest need from 20 ms before it (the release) to 4 ms after
    it, and the gain between two blocks' centres is the straight line between their
    gains. Both ends of that line are at most the need of every sample between them
    (each block's window covers its neighbour), so no inter-sample peak passes the
    ceiling, and the work is a few passes over the samples instead of filters as
    long as the release."""
    ceiling = 10 ** (ceiling_db / 20)
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12)).astype(np.float32)
    if need.min() >= 1.0:
        return x, need
    block = max(2, int(0.002 * rate))
    blocks = -(-len(x) // block)
    padded = np.ones(blocks * block, dtype=np.float32)
    padded[:len(need)] = need
    lows = padded.reshape(blocks, block).min(axis=1)
    back, ahead = -(-int(0.020 * rate) // block) + 1, 2
    window = np.concatenate((np.ones(back, dtype=np.float32), lows, np.ones(ahead, dtype=np.float32)))
    held = _running_min(window, back + ahead + 1)[:blocks]
    centres = np.arange(blocks) * block + (block - 1) / 2
    gain = np.interp(np.arange(len(x), dtype=np.float64), centres, held).astype(np.float32)
    return x * gain, gain


def _running_min(x: np.ndarray, width: int) -> np.ndarray:
    """``min(x[k:k + width])`` for every k (van Herk / Gil-Werman: O(n) for any width)."""
    n = len(x)
    blocks = -(-n // width)
    padded = np.concatenate((x, np.full(blocks * width - n + width, np.inf))).reshape(-1, width)
    forward = np.minimum.accumulate(padded, axis=1).ravel()
    backward = np.minimum.accumulate(padded[:, ::-1], axis=1)[:, ::-1].ravel()
    k = np.arange(n - width + 1)
    return np.minimum(backward[k], forward[k + width - 1])


def normalise(samples: np.ndarray, rate: int, target: Target = WEB) -> tuple[np.ndarray, Loudness, Loudness]:
    """Bring int16 or float samples to ``target``: limiter, then one linear gain.

    Returns the float samples and the loudness before and after. Silence (no block
    above −70 LUFS) is returned unchanged with a loudness of −inf. The signal is
    oversampled once: its peaks give the true peak before, drive the limiter, and
    (times the limiter's gain) bound the true peak after.
    """
    x = samples.astype(np.float32)
    if samples.dtype == np.int16:
        x /= 32768.0
    peaks = sample_peaks(x)
    top = float(peaks.max()) if len(peaks) else 0.0
    # K-weighting is linear and the limiter's gain moves slowly against it, so the
    # limited signal's K-weighted form is taken as K(x) times the gain: one filter pass.
    y = k_weighted(x, rate) if len(x) >= int(0.4 * rate) else x
    before = Loudness(gated_lufs(y, rate), 20 * math.log10(top) if top > 0 else -math.inf)
    if not math.isfinite(before.lufs):
        return x, before, before
    gain_db = target.lufs - before.lufs
    ceiling = target.true_peak - _MARGIN_DB
    for _ in range(3):  # limiting lowers the loudness a little, so the gain grows; settle it
        limited, gain = _limited(x, rate, ceiling - gain_db, peaks)
        level = gated_lufs(y * gain, rate)
        new_gain = target.lufs - level
        if abs(new_gain - gain_db) < 0.05:
            break
        gain_db = new_gain
    final = 10 ** ((target.lufs - level) / 20)
    out = (limited * final).astype(np.float32)
    after_peak = float((peaks * gain).max()) * final
    return out, before, Loudness(target.lufs, 20 * math.log10(after_peak))
