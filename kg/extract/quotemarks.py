"""Quotation marks: where the quotations of a text start and end.

Pairs curly double (“ ”), curly single (‘ ’, where a ’ followed by a letter is an apostrophe),
straight double (" ") marks, two straight single marks typed for a double one (''so'') and
guillemets (« »); a straight mark after a space and before a word
opens a quotation, so one running over paragraphs, reopened in each without being closed, ends
where the next opens. Used by the rules through
:meth:`kg.extract.context.Ctx.quotations`, which scans each segment once.
"""
from __future__ import annotations

import re
from typing import Iterator

__all__ = ["QUOTE_MARKS", "quote_spans"]

_PAIRS = {"“": "”", "«": "»", "„": "“"}
#: every character that opens or closes a quotation
QUOTE_MARKS = frozenset('"“”‘’«»„')
#: a character that may open a quotation (the straight single mark among them)
_MARK = re.compile("[\"“”‘’«»„']")


def quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks.

    >>> list(quote_spans('He said “yes” and ‘no,’ it’s "fine"'))
    [(9, 12), (19, 22), (30, 34)]
    >>> t = '"One. "Two," he said. "Three."'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['One. ', 'Two,', 'Three.']
    """
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        close: str | None = None
        if ch in _PAIRS:
            close = _PAIRS[ch]
            j = text.find(close, i + 1)
        elif text.startswith("''", i) and (i == 0 or not text[i - 1].isalnum()):
            # two straight single marks typed for one double mark (''like this''): closed by two again,
            # whose second mark opens nothing
            j = text.find("''", i + 2)
            if j == -1 or j - i > 2000:
                i += 2
                continue
            if j > i + 2:
                yield i + 2, j
            i = j + 2
            continue
        elif ch == "‘" or (ch == "'" and (i == 0 or not text[i - 1].isalnum())):
            j = i + 1
            while True:
                j = text.find("’" if ch == "‘" else "'", j)
                if j == -1 or j + 1 >= n or not text[j + 1].isalpha():
                    break
                j += 1
            if ch == "'" and (j == -1 or j - i > 400):
                j = -1
        elif ch == "”" and (i == 0 or text[i - 1] == "\n") and i + 1 < n and text[i + 1].isalnum():
            j = text.find("”", i + 1)  # a closing mark typed for the opening one at a paragraph's start
        elif ch == '"' and i > 0 and text[i - 1].isalnum():
            i += 1  # an inch mark ('6\'3" tall') or a stray closing mark opens nothing
            continue
        elif ch == '"':
            j = text.find('"', i + 1)
            curly = text.find("”", i + 1)
            if curly != -1 and (j == -1 or curly < j) and "“" not in text[i + 1:curly] \
                    and not text[curly - 1].isspace():
                j = curly  # a straight opening mark closed by a curly one ('"work-related” emails')
            if j > 0 and text[j - 1].isspace() and j + 1 < n and not text[j + 1].isspace():
                # an opening mark before the closing one: a quotation over paragraphs reopens each
                # paragraph without closing the last ('"… as long. "There was …"'); this one ends here
                if j > i + 1:
                    yield i + 1, j
                i = j
                continue
        else:  # no mark: on to the next character that may be one
            found = _MARK.search(text, i + 1)
            i = found.start() if found else n
            continue
        if j == -1:
            i += 1
            continue
        if j > i + 1:
            yield i + 1, j
        i = j + 1
