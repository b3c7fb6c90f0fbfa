"""Split a review's text into blocks and sentences, with offsets, headings, lists and zones.

A block is a paragraph, a heading or one list item; a sentence keeps its exact
start and end in the input, so every quote is a slice of the text. Each block
has a zone, from the heading above it or its own opening words:

- `narrative`: the account of the case (background, the incident, ...);
- `learning`: findings, learning points, conclusions (facts are still stated here);
- `recommendation`: what should happen next (never a source of case facts);
- `ignore`: links and boilerplate ("Other resources Read practice review (PDF)").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from .data import patterns, rx
from .required import CAPITALS, factor_sets, plain_sets, word_spec

MARKER = re.compile(
    r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z][.)]"
    r"|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|[-•*▪●◦–])[ \t]+")
BULLETS = set("-•*▪●◦–")
BOUNDARY = re.compile(r"[.!?]+[\"'’”)\]*]*\s+(?=[\"'‘“(\[*]?[A-Z0-9])")
ABBREVIATIONS = frozenset({"e.g", "eg", "i.e", "ie", "etc", "dr", "mr", "mrs", "ms", "st", "no",
                           "p", "pp", "para", "ref", "vs", "approx", "inc", "ltd", "co",
                           "nos", "fig", "cf", "al"})
ZONES = ("narrative", "learning", "recommendation", "ignore")
#: Line breaks and tabs become spaces in the copy of the text that patterns read,
#: so that a hard-wrapped sentence matches like a one-line one (offsets unchanged).
_FLAT_CHARS = "\n\r\t\f\v\u2028\u2029\xa0"
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lowered(flat: str) -> str:
    """The flat text in lower case, same length and offsets (ASCII-only where Unicode case
    mapping would change the length). Made once per document, shared by its reviews."""
    lower = flat.lower()
    return lower if len(lower) == len(flat) else flat.translate(ASCII_LOWER)


def matched_at_least(pattern: re.Pattern[str], text: str, times: int, pos: int = 0,
                     endpos: int | None = None, literal: str | None = None) -> bool:
    """Whether a pattern matches `times` times in text[pos:endpos], searching no further
    than that. `literal`, a string each match holds as written, rules the text out first
    by counting it, which is faster than searching: most names are used once or often."""
    endpos = len(text) if endpos is None else endpos
    if literal is not None and text.count(literal, pos, endpos) < times:
        return False
    found = 0
    for _ in pattern.finditer(text, pos, endpos):
        found += 1
        if found >= times:
            return True
    return False


def flatten(text: str) -> str:
    """The text with every line break and tab as a space: same length, same offsets.

    One `str.replace` a character: each is a fast scan, where `str.translate` with a
    table takes its slow path on any text with a curly quote (ten times slower)."""
    for char in _FLAT_CHARS:
        if char in text:
            text = text.replace(char, " ")
    return text


@dataclass
class Sentence:
    """One sentence: its exact span, its block and what kind of statement it is."""

    index: int
    start: int
    end: int
    text: str               # the sentence on one line (see flatten); quotes slice the input
    block: int
    zone: str
    heading: bool = False
    item: bool = False
    finding_head: bool = False
    conditional: bool = False   # a list item under "A review is undertaken when:"
    _generic: bool | None = field(default=None, repr=False, compare=False)
    _modal: bool | None = field(default=None, repr=False, compare=False)

    @property
    def modal(self) -> bool:
        """True for advice or a possibility ('should', 'could have'), not a report of what
        someone said should happen. Worked out on first use, like `generic`."""
        if self._modal is None:
            modal, reported = _zone_rules()[5:7]
            self._modal = bool(modal.search(self.text)) and not reported.search(self.text)
        return self._modal

    @property
    def fact(self) -> bool:
        """True when the sentence may state a case fact (not advice, not a heading)."""
        return (self.zone in ("narrative", "learning") and not self.heading
                and not self.modal and not self.finding_head)

    @property
    def happened(self) -> bool:
        """True when the sentence may tell what happened in the case: a fact that is not a
        general statement ('Strategy discussion enables checks', 'Barriers to sharing',
        the conditions listed under 'A review is undertaken when:')."""
        return self.fact and not self.generic

    @property
    def generic(self) -> bool:
        """True for a general statement rather than a telling of the case: no verb in the
        past, a general claim ('... enables checks'), people or reviews in general, or a
        condition listed under 'when:'. Worked out on first use (most sentences hold no cue
        and are never asked)."""
        if self._generic is None:
            told, _, lead, subject = _telling_rules()
            self._generic = self.conditional or not told.search(self.text) or bool(
                lead.match(self.text) or subject.search(self.text))
        return self._generic


@dataclass
class Block:
    """A paragraph, heading or list item with its zone and sentences."""

    index: int
    start: int
    end: int
    text: str
    marker: str = ""
    heading: bool = False
    item: bool = False
    zone: str = "narrative"
    intro: str | None = None        # a line ending in ':' - what its list holds
    intro_block: int | None = None  # for a list item: the block that introduced it
    section: int | None = None      # the heading block above
    sentences: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def _zone_rules() -> tuple:
    data = patterns()
    headings = [(zone, rx(data["zones"][zone])) for zone in ("recommendation", "learning")]
    inline = [(zone, rx(p)) for zone, p in data["inline_zones"].items()]
    intros = [(kind, rx(p)) for kind, p in data["list_intros"].items()]
    furniture = rx(f'{data["page_furniture"]}|{data["mirror_furniture"]}')
    return (headings, rx(data["zones"]["title"]), inline, intros, rx(data["finding_head"]),
            rx(data["modal"]), rx(data["modal_reported"]), furniture)


@lru_cache(maxsize=1)
def _telling_rules() -> tuple[re.Pattern[str], ...]:
    data = patterns()
    return (rx(data["told"]), rx(data["conditional_intro"]), rx(data["generic_lead"]),
            rx(data["generic_subject"]))


PAGE_AT_END = re.compile(r"(?:\.{2,}|…|\s)\s*\d{1,3}\s*$")


@lru_cache(maxsize=1)
def _contents_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = patterns()
    return rx(data["contents_head"]), rx(data["contents_entry"], case=True)


@lru_cache(maxsize=1)
def _metadata_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = patterns()
    return rx(data["metadata_line"]), rx(data["metadata_title"])


def without_metadata(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines without a converted document's metadata header ("source: <address>"),
    and its "title:" line as the title alone."""
    metadata, title = _metadata_rules()
    out = []
    for i, (a, b) in enumerate(lines):
        if i < 4 and metadata.match(text, a, b):
            continue
        found = title.match(text, a, b) if i < 4 else None
        out.append((found.end(), b) if found else (a, b))
    return out


def heading_zone(text: str) -> str:
    """The zone a heading opens: whichever keyword comes first decides."""
    headings, title, *_ = _zone_rules()
    found = [(m.start(), zone) for zone, pattern in headings if (m := pattern.search(text))]
    if not found:
        return "narrative"
    first = min(found)
    if title.search(text) and not text.lower().lstrip("0123456789.) ").startswith("recommend"):
        return "narrative"  # "7 - minute Learning Summary" names the document
    return first[1]


def _is_heading(body: str, marker: str) -> bool:
    words = body.split()
    if not words or len(words) > 12 or marker.strip() in BULLETS:
        return False
    end = body.rstrip()[-1]
    if end in ",;":
        return False
    if end in ".?!":  # "2) Story of the child." - but "1. The panel met twice." is a sentence
        return marker.strip().endswith(")") and end == "." and len(words) <= 6
    if end == ":":
        return len(words) <= 6
    first = body.lstrip("*#_ ")[:1]
    return len(words) <= 10 and (first.isupper() or first.isdigit())


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the non-blank lines, trailing spaces removed."""
    out = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        a, b = pos, stop
        while a < b and text[a] in " \t\r\ufeff":
            a += 1
        while b > a and text[b - 1] in " \t\r":
            b -= 1
        if a < b:
            out.append((a, b))
        pos = stop + 1
    return out


def _furniture_removed(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines without page numbers, protective markings and running headers (a short
    line that recurs three times or more and does not open a section)."""
    furniture = _zone_rules()[-1]
    contents_head, contents_entry = _contents_rules()
    counts: dict[str, int] = {}
    for a, b in lines:
        counts[text[a:b]] = counts.get(text[a:b], 0) + 1
    out = []
    in_contents = False
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if furniture.match(line) and not _table_cell(text, lines, i, furniture):
            continue
        if contents_head.match(line):
            in_contents, numbered = True, 0
            continue
        if in_contents:
            following = text[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else ""
            paged = bool(PAGE_AT_END.search(line)) or following.strip().isdigit() or \
                line.strip().isdigit()
            if len(line.split()) <= 25 and contents_entry.match(line) and (
                    paged or (numbered == 0 and len(line.split()) <= 8)):
                numbered += paged
                continue  # an entry of the list: a heading with its page number
            in_contents = False
        if counts[line] >= 3 and len(line.split()) <= 10 and len(line) > 3 and \
                heading_zone(line) == "narrative" and not MARKER.match(line):
            # a running header; a table's short cells ("M", "F", "Yes") recur too and stay
            continue
        out.append((a, b))
    return out


def _table_cell(text: str, lines: list[tuple[int, int]], i: int, furniture: re.Pattern[str]
                ) -> bool:
    """Whether a bare number line is a table's cell (an age between a relationship and a
    'lived with' cell), not a page number: both neighbours are short cells too."""
    line = text[lines[i][0]:lines[i][1]].strip()
    if not line.isdigit() or not 0 < i < len(lines) - 1:
        return False
    cells = [text[a:b] for a, b in (lines[i - 1], lines[i + 1])]
    return all(len(c.split()) <= 8 and not c.rstrip().endswith(".") and not furniture.match(c)
               and not c.strip().isdigit() for c in cells)


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The line width of a hard-wrapped text (None when its lines are paragraphs)."""
    wrapped = 0
    for (a, b), (c, _d) in pairwise(lines):
        if b - a >= 50 and text[b - 1] not in ".:;!?" and text[c].islower() \
                and "\n\n" not in text[b:c]:
            wrapped += 1
    if wrapped < 3:
        return None
    return max(b - a for a, b in lines)


def _joins(text: str, prev: tuple[int, int], line: tuple[int, int], blank: bool,
           width: int | None = None) -> bool:
    """Whether a line continues the paragraph before it (a hard-wrapped sentence)."""
    body = text[line[0]:line[1]]
    if MARKER.match(body):
        return False
    last = text[prev[1] - 1]
    if width and not blank and last == "." and prev[1] - prev[0] >= 0.8 * width:
        return True  # a full line of a wrapped paragraph that happens to end a sentence
    if last in ".:;!?\"”'’)" or last == "*":
        return False
    first = body[0]
    if first.islower():
        return True
    return not blank and prev[1] - prev[0] >= 60 and last not in "-–"


#: No sentence of a review runs longer than this; longer runs are cut at clause breaks.
MAX_SENTENCE = 1200
CLAUSE_CUT = re.compile(r"[;:,•|]\s+|\s[–—-]\s")


def _last_word(text: str, start: int, end: int) -> str:
    """The run of non-space characters that ends text[start:end] ('' if it ends in a
    space). Read backwards: a pattern anchored at the end would try every start."""
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] as pieces of at most MAX_SENTENCE characters, cut after the last
    clause break (else the last space) before each limit."""
    out = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = None
        for m in CLAUSE_CUT.finditer(text, start + MAX_SENTENCE // 2, limit):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", start + MAX_SENTENCE // 2, limit)
            cut = space + 1 if space > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((start, piece_end))
        start = cut
    if end > start:
        out.append((start, end))
    return out


#: A run of word characters: any text holding a word holds each of its runs inside one of these.
_WORD_RUN = re.compile(r"\w+")
#: What `required.CAPITALS` stands for.
_CAPITALS = re.compile(r"[A-Z]{2}")


class Document:
    """The blocks and sentences of text[start:end], with their zones."""

    def __init__(self, text: str, start: int = 0, end: int | None = None,
                 flat: str | None = None, lower: str | None = None) -> None:
        self.text = text
        self.flat = flatten(text) if flat is None else flat
        self.lower = lowered(self.flat) if lower is None else lower
        self.start = start
        self.end = len(text) if end is None else end
        self.blocks: list[Block] = []
        self.sentences: list[Sentence] = []
        self._split()
        self._starts = [s.start for s in self.sentences]
        self._ends = [s.end for s in self.sentences]
        self._candidates: dict[tuple[tuple[str, ...], ...], list[Sentence]] = {}
        self._holders: dict[str, set[int]] = {}
        self._run_holders: dict[tuple[str, bool, bool], set[int]] = {}
        self._holders_of_set: dict[tuple[str, ...], set[int]] = {}
        self._word_index: dict[str, list[int]] | None = None
        self._tokens = ""
        self._sentence_lowers: list[str] | None = None

    # -- building ------------------------------------------------------------

    def _split(self) -> None:
        spans: list[list[int]] = []
        previous_end = None
        lines = _furniture_removed(self.text, without_metadata(
            self.text, _lines(self.text, self.start, self.end)))
        width = _wrap_width(self.text, lines)
        for a, b in lines:
            blank = previous_end is not None and "\n" in self.text[previous_end:a] and \
                self.text[previous_end:a].count("\n") > 1
            if spans and _joins(self.text, (spans[-1][0], spans[-1][1]), (a, b), blank, width):
                spans[-1][1] = b
            else:
                spans.append([a, b])
            previous_end = b
        _, _, inline, intros, finding_head, _, _, _ = _zone_rules()
        conditional = _telling_rules()[1]
        paragraph: int | None = None  # the last block that is not a list item
        section_zone, list_zone, intro_block, section = "narrative", None, None, None
        for a, b in spans:
            marker_match = MARKER.match(self.text, a, b)
            marker = marker_match.group(0) if marker_match else ""
            body_start = a + len(marker)
            body = self.text[body_start:b]
            block = Block(len(self.blocks), body_start, b, body, marker=marker.strip())
            block.heading = _is_heading(body, marker)
            block.item = bool(marker) and not block.heading
            own = next((zone for zone, pattern in inline if pattern.search(body)), None)
            if block.heading:
                section_zone = heading_zone(body)
                list_zone, intro_block, section = None, None, block.index
                block.zone = own or section_zone
            elif block.item:
                block.zone = own or list_zone or section_zone
                block.intro_block = intro_block
            else:
                list_zone, intro_block = None, None
                block.zone = own or section_zone
            block.section = section
            if body.rstrip().endswith(":") and not block.item:
                kind = next((k for k, pattern in intros if pattern.search(body)), None)
                block.intro = kind or "list"
                intro_block = block.index
                list_zone = kind if kind in ("learning", "recommendation", "ignore") else block.zone
            self.blocks.append(block)
            if not block.item:
                paragraph = block.index
            head = bool(finding_head.match(body))
            lead = intro_block if intro_block is not None else paragraph
            conditions = bool(block.item and lead is not None and
                              conditional.search(self.blocks[lead].text))
            for s, e in self._sentence_spans(body_start, b):
                sentence = Sentence(len(self.sentences), s, e, self.flat[s:e], block.index,
                                    block.zone, heading=block.heading, item=block.item,
                                    finding_head=head and s == body_start)
                sentence.conditional = conditions
                block.sentences.append(sentence.index)
                self.sentences.append(sentence)

    def _sentence_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences of a block; one longer than MAX_SENTENCE (a run-on paragraph with
        no full stop, a table read as one line) is cut at clause breaks, so that the work
        done per sentence stays bounded and extraction stays linear in the text's length."""
        out: list[tuple[int, int]] = []
        for a, b in self._sentence_stops(start, end):
            out.extend(_bounded(self.text, a, b))
        return out

    def _sentence_stops(self, start: int, end: int) -> list[tuple[int, int]]:
        out = []
        pos = start
        for m in BOUNDARY.finditer(self.text, start, end):
            token = _last_word(self.text, pos, m.start() + 1).lower().strip("(\"'‘“*").rstrip(".")
            if token in ABBREVIATIONS:
                continue
            stop = m.start() + len(m.group(0).rstrip())
            if stop > pos:
                out.append((pos, stop))
            pos = m.end()
        if pos < end:
            out.append((pos, end))
        return out

    # -- looking things up ---------------------------------------------------

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds a text offset."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def block_of(self, sentence: Sentence) -> Block:
        """The block a sentence belongs to."""
        return self.blocks[sentence.block]

    def matches(self, pattern: re.Pattern[str]):
        """(match, sentence) for every match of a pattern inside a sentence, in text order.

        Only sentences holding one of the pattern's required words are searched.
        """
        for sentence in self.candidates(pattern):
            for m in pattern.finditer(self.flat, sentence.start, sentence.end):
                yield m, sentence

    def candidates(self, pattern: re.Pattern[str]) -> list[Sentence]:
        """The sentences that may match a pattern (all of them when it has no required words):
        those holding one word of each set the pattern requires one of ("his|her|the" and
        then "mother|father": the sentences with both a determiner and a kin word).

        Kept per set of required words: many patterns share their cue words ("mother",
        "strategy"), and a long review is then looked up once for each, not once a pattern.
        """
        sets = factor_sets(pattern)
        if not sets:
            return self.sentences
        found = self._candidates.get(sets)
        if found is None:
            hit = self._holding_one_of(sets[0])
            for words in sets[1:]:
                if not hit:
                    break
                hit = hit & self._holding_one_of(words)
            sentences = self.sentences
            found = self._candidates[sets] = [sentences[i] for i in sorted(hit)]
        return found

    def _lowers(self) -> list[str]:
        """Each sentence's lowercase text, made on first use."""
        if self._sentence_lowers is None:
            lower = self.lower
            self._sentence_lowers = [lower[s.start:s.end] for s in self.sentences]
        return self._sentence_lowers

    def _holding_one_of(self, words: tuple[str, ...]) -> set[int]:
        """The indexes of the sentences holding one of these words."""
        found = self._holders_of_set.get(words)
        if found is None:
            found = set().union(*(self._holding(w) for w in words))
            self._holders_of_set[words] = found
        return found

    def _holding(self, word: str) -> set[int]:
        """The indexes of the sentences holding a required string (`required.word_spec`),
        wholly inside the sentence, where a pattern searched in it can match it."""
        found = self._holders.get(word)
        if found is not None:
            return found
        text, runs = word_spec(word)
        if word == CAPITALS:
            found = {s.index for s in self.sentences
                     if _CAPITALS.search(self.flat, s.start, s.end)}
        elif not runs:  # a sign such as "&": looked for in the text itself
            found = self._scan(text)
        elif len(runs) == 1 and len(runs[0][0]) == len(text):
            found = self._holding_run(*runs[0])
        else:  # "child's", "baby ay": sentences holding each run, then the string
            lowers = self._lowers()
            found = {i for i in set.intersection(*(self._holding_run(*run) for run in runs))
                     if text in lowers[i]}
        self._holders[word] = found
        return found

    def _holding_run(self, run: str, starts: bool = False, ends: bool = False) -> set[int]:
        """The sentences holding a run of word characters: it lies inside one of their
        words, so they are those of the text's distinct words that hold it, from the
        index of words (`_index`); with `starts` (`ends`), words that start (end) with
        it. A frequent cue word is in thousands of sentences but in a few dozen distinct
        words, so no sentence is visited one by one."""
        key = (run, starts, ends)
        found = self._run_holders.get(key)
        if found is not None:
            return found
        index = self._index()
        if starts and ends:
            found = set(index.get(run, ()))
        else:
            tokens, find, rfind = self._tokens, self._tokens.find, self._tokens.rfind
            found = set()
            needle = ("\n" if starts else "") + run + ("\n" if ends else "")
            i = find(needle)
            while i >= 0:
                start = rfind("\n", 0, i + 1) + 1  # the word holding the hit
                end = find("\n", i + 1)
                found.update(index[tokens[start:end]])
                i = find(needle, end)
        self._run_holders[key] = found
        return found

    def _index(self) -> dict[str, list[int]]:
        """Each distinct word of the sentences (lowercase runs of word characters), with
        the indexes of the sentences holding it, made on first use; and `_tokens`, those
        words one a line, to find the words holding a string with one scan."""
        if self._word_index is None:
            index: dict[str, list[int]] = {}
            findall, lower = _WORD_RUN.findall, self.lower
            for s in self.sentences:
                i = s.index
                for word in set(findall(lower, s.start, s.end)):
                    holders = index.get(word)
                    if holders is None:
                        index[word] = [i]
                    else:
                        holders.append(i)
            self._word_index = index
            self._tokens = "\n" + "\n".join(index) + "\n"
        return self._word_index

    def _scan(self, word: str) -> set[int]:
        """The sentences holding a string, found by scanning the text for it."""
        found: set[int] = set()
        find, end, starts, ends = self.lower.find, self.end, self._starts, self._ends
        size = len(word)
        i = find(word, self.start, end)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            if k >= 0 and i + size <= ends[k]:
                found.add(k)
                i = find(word, ends[k], end)
            else:
                i = find(word, i + 1, end)
        return found

    def search_in(self, pattern: re.Pattern[str], sentence: Sentence):
        """The matches of a pattern inside one sentence (skipped cheaply when it cannot match)."""
        sets = plain_sets(pattern)
        if sets:
            piece = self.lower[sentence.start:sentence.end]
            if not all(any(w in piece for w in words) for words in sets):
                return iter(())
        return pattern.finditer(self.flat, sentence.start, sentence.end)
