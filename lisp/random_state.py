"""RANDOM-STATE objects and RANDOM, drawing exactly the numbers SBCL draws.

SBCL's generator is MT19937 (Matsumoto and Nishimura). Its initial
*RANDOM-STATE* is seeded with the reference seed 5489, so a program that
never seeds prints the same "random" numbers under SBCL on every run, and
under us too: the Mersenne Twister itself is Python's ``random.Random``
(the same algorithm, at C speed), and this module reproduces SBCL's seeding
and its ways of turning 32-bit chunks into integers and floats
(target-random.lisp, bignum-random.lisp).
"""
from __future__ import annotations

import os
import random
import struct

from .numbers import to_single

__all__ = ["RandomState", "random_integer", "random_float",
           "initial_random_state", "seeded_random_state"]

_N = 624
_MATRIX_A = 0x9908B0DF


class RandomState:
    """A Lisp RANDOM-STATE. ``gen`` is the Mersenne Twister."""
    __slots__ = ("gen",)

    def __init__(self, gen: random.Random):
        self.gen = gen

    def copy(self) -> "RandomState":
        gen = random.Random()
        gen.setstate(self.gen.getstate())
        return RandomState(gen)

    def sbcl_words(self) -> list[int]:
        """The 627 words of SBCL's state vector (what SBCL prints inside
        #S(RANDOM-STATE :STATE ...)): 0, the matrix constant, the index of
        the next word, then the 624 words of state."""
        state = self.gen.getstate()[1]
        return [0, _MATRIX_A, state[_N]] + list(state[:_N])

    def __repr__(self):
        return "#<RANDOM-STATE>"


def _from_words(words: list[int]) -> RandomState:
    gen = random.Random()
    gen.setstate((3, tuple(words) + (_N,), None))
    return RandomState(gen)


def initial_random_state(seed: int = 5489) -> RandomState:
    """SBCL's INIT-RANDOM-STATE: the reference MT19937 seeding by a 32-bit
    SEED (Knuth's multiplier)."""
    mt = [seed & 0xFFFFFFFF]
    for i in range(1, _N):
        s = mt[-1]
        mt.append((1812433253 * (s ^ (s >> 30)) + i) & 0xFFFFFFFF)
    return _from_words(mt)


def seeded_random_state(seed) -> RandomState:
    """SBCL's SEED-RANDOM-STATE for a non-negative integer SEED, or T for
    a state seeded from the operating system."""
    if seed is True:
        seed = int.from_bytes(os.urandom(32), "little")
    if seed < 1 << 32:
        return initial_random_state(seed)
    # A larger seed is cut into 32-bit words, least significant first, and
    # mixed in with the reference init_by_array, which is exactly what
    # Python's random.seed does with an int.
    return RandomState(random.Random(seed))


def _chunk(gen: random.Random) -> int:
    return gen.getrandbits(32)


def _big_chunk(gen: random.Random) -> int:
    hi = gen.getrandbits(32)
    return (hi << 32) | gen.getrandbits(32)


def _random_digits(gen: random.Random, n_bits: int) -> int:
    """N_BITS random bits built as SBCL builds a bignum: whole 64-bit
    digits from the least significant end, then a partial digit."""
    n_digits, partial = divmod(n_bits, 64)
    value = 0
    for i in range(n_digits):
        value |= _big_chunk(gen) << (64 * i)
    if partial:
        bits = _chunk(gen) if partial <= 32 else _big_chunk(gen)
        value |= (bits & ((1 << partial) - 1)) << (64 * n_digits)
    return value


_MOST_POSITIVE_FIXNUM = (1 << 62) - 1


def random_integer(limit: int, state: RandomState) -> int:
    """A random integer in [0, LIMIT), LIMIT > 0."""
    gen = state.gen
    if limit <= _MOST_POSITIVE_FIXNUM:
        # %RANDOM-FIXNUM: mask one or two chunks to the bit length, reject
        # values past the limit.
        if limit == 1:
            return 0
        n_bits = (limit - 1).bit_length()
        mask = (1 << n_bits) - 1
        draw = _chunk if n_bits <= 32 else _big_chunk
        while True:
            bits = draw(gen) & mask
            if bits < limit:
                return bits
    n_bits = limit.bit_length()
    if limit & (limit - 1) == 0:
        return _random_digits(gen, n_bits - 1)
    # %RANDOM-BIGNUM: draw the top 32 bits first and compare them with
    # the limit's, so most rejections cost one chunk.
    shift = n_bits - 32
    first = (limit >> shift) & 0xFFFFFFFF
    while True:
        top = _chunk(gen)
        if top > first:
            continue
        bits = (top << shift) | _random_digits(gen, shift)
        if top < first or bits < limit:
            return bits


_pack_i, _unpack_f = struct.Struct("<I").pack, struct.Struct("<f").unpack
_pack_q, _unpack_d = struct.Struct("<Q").pack, struct.Struct("<d").unpack


def random_float(limit: float, state: RandomState, single: bool) -> float:
    """A random float in [0, LIMIT): the significand of 1.0 filled with
    random bits, minus 1.0, times LIMIT; a SingleFloat when SINGLE."""
    gen = state.gen
    if single:
        bits = 0x3F800000 | ((_chunk(gen) >> 8) & 0x7FFFFF)
        return to_single(limit * (_unpack_f(_pack_i(bits))[0] - 1.0))
    hi = 0x3FF00000 | ((_chunk(gen) >> 11) & 0xFFFFF)
    lo = _chunk(gen)
    return limit * (_unpack_d(_pack_q((hi << 32) | lo))[0] - 1.0)
