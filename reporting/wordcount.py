"""The UPR word limit: 2,815 words for one organisation, 5,630 for a joint submission.

Everything after the cover page is counted (summary, paragraphs,
recommendations, endnotes): OHCHR counts the body with its notes, and a
submission over the limit is not considered at all, so the count errs on the
side of the limit.
"""

from dataclasses import dataclass

INDIVIDUAL_LIMIT = 2815
JOINT_LIMIT = 5630


def count_words(text: str) -> int:
    """Words as a word processor counts them: runs between spaces holding a letter or a digit."""
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


@dataclass(frozen=True)
class WordCount:
    words: int
    limit: int

    @property
    def over(self) -> bool:
        return self.words > self.limit

    @property
    def remaining(self) -> int:
        return self.limit - self.words


def upr_word_count(parts: list[str], *, joint: bool) -> WordCount:
    return WordCount(words=sum(count_words(part) for part in parts), limit=JOINT_LIMIT if joint else INDIVIDUAL_LIMIT)
