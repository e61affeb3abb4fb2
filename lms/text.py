"""Vietnamese text: Unicode normalisation, folding and alphabetical order."""

import unicodedata

# The Vietnamese alphabet, with the Latin letters it lacks (f, j, w, z) put
# where foreign names expect them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET, start=10)}
# Tone marks in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)


def nfc(text):
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text or "")


def fold(text):
    """Lower-case ``text`` and strip diacritics, đ included: "Đà Nẵng" -> "da nang"."""
    decomposed = unicodedata.normalize("NFD", (text or "").casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def _split_syllable(word):
    """Split a word into its base letters (ă, â, đ… kept) and its tone."""
    letters, tone = [], 0
    for char in unicodedata.normalize("NFD", word.casefold()):
        if char in _TONES:
            tone = _TONES[char]
        elif char in _VOWEL_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        elif not unicodedata.combining(char):
            letters.append(char)
    return letters, tone


def collation_key(text):
    """A string that sorts ``text`` in Vietnamese dictionary order.

    Letters follow the Vietnamese alphabet (a ă â b c d đ e ê …); within a
    syllable the letters decide first and the tone only breaks ties, so "Anh"
    comes right before "Ánh" and both before "Ao". The key holds digits only,
    so any database collation orders it the same way.
    """
    parts = []
    for word in nfc(text).split():
        letters, tone = _split_syllable(word)
        ranks = [_LETTER_RANK.get(letter) for letter in letters]
        parts.extend(f"{rank:02d}" for rank in ranks if rank is not None)
        # "0" + tone ends each syllable and sorts before any letter, so "An"
        # comes before "Anh".
        parts.append(f"0{tone}")
    return "".join(parts)


def person_sort_key(*, given_name, family_name):
    """Order people the Vietnamese way: given name, then family and middle names."""
    return f"{collation_key(given_name)}9{collation_key(family_name)}"
