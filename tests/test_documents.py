"""Reading review documents: what text the extractor gets from .txt, .md, .html, .pdf, .docx."""
from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, SEEDS
from documents_fixtures import DEJAVU, HEADER, write_docx, write_pdf

from kinmap.errors import ExtractionError
from kinmap.loaders.documents import DOCUMENT_SUFFIXES, Document, read_document
from kinmap.loaders.documents.clean import (
    Vocabulary,
    join_lines,
    normalise_characters,
    page_furniture,
    strip_bullet,
)
from kinmap.loaders.documents.html import html_to_text
from kinmap.loaders.documents.text import markdown_to_text

FICTIONAL = DATA / "documents" / "fictional-review.txt"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    return [collapsed(p) for p in re.split(r"\n\s*\n", text.strip())]


@pytest.fixture
def review_text() -> str:
    return FICTIONAL.read_text(encoding="utf-8")


@pytest.fixture
def review_pdf(tmp_path, review_text):
    path = tmp_path / "juniper.pdf"
    layout = write_pdf(review_text, path)
    return path, layout


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_seed_text_is_returned_exactly_as_written(seed):
    document = read_document(seed)
    assert document == Document(seed.name, seed.read_text(encoding="utf-8"), "txt", None)


def test_seeds_are_there():
    assert len(SEED_FILES) >= 5


def test_txt_loses_only_its_bom_and_carriage_returns(tmp_path):
    path = tmp_path / "review.txt"
    path.write_bytes("\ufeffGMP care plans for **all** missing episodes.\r\n\r\n"
                     "Alpha’s “school”\u00a0team.\r\n".encode("utf-8"))
    text = read_document(path).text
    assert text == ("GMP care plans for **all** missing episodes.\n\n"
                    "Alpha’s “school”\u00a0team.\n")


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Alpha’s mother – declined.".encode("cp1252"))
    assert read_document(path).text == "Alpha’s mother – declined."


def test_markdown_markup_is_stripped(tmp_path):
    path = tmp_path / "briefing.md"
    path.write_text(
        "# 7-minute briefing\n\n## What happened\n\n"
        "The school made **two** referrals to *children’s social care*\n"
        "and the [early help team](https://example.org/help) took the case.\n\n"
        "- Hear the child\n* Think family\n\n1. Share information\n2. Follow up\n\n"
        "The file `case_notes_v2` was _not_ shared.\n", encoding="utf-8")
    document = read_document(path)
    assert document.kind == "md"
    assert paragraphs(document.text) == [
        "7-minute briefing", "What happened",
        ("The school made two referrals to children’s social care and the early help team "
         "took the case."),
        "Hear the child", "Think family", "1. Share information", "2. Follow up",
        "The file case_notes_v2 was not shared."]


def test_markdown_setext_headings_and_quotes():
    assert paragraphs(markdown_to_text("Findings\n========\n> Quoted **line**\n")) == [
        "Findings", "Quoted line"]


def test_markdown_pipe_table_keeps_one_row_a_line():
    """A chronology as a Markdown table reads as the same rows in plain text do, not as
    one paragraph of every row joined."""
    text = markdown_to_text("## Chronology\n\n| Date | Agency | Event |\n|---|:--:|---|\n"
                            "| 12/09/2022 | **Fernside** School | Concern logged. |\n"
                            "| 03/11/2022 | Police | Officers attend. |\n\nAfter the table.\n")
    assert paragraphs(text) == ["Chronology", "Date | Agency | Event",
                                "12/09/2022 | Fernside School | Concern logged.",
                                "03/11/2022 | Police | Officers attend.", "After the table."]


# ---------------------------------------------------------------- the same review three ways


def test_txt_pdf_and_docx_of_one_review_give_the_same_text(tmp_path, review_text,
                                                          review_pdf):
    pdf_path, layout = review_pdf
    docx_path = tmp_path / "juniper.docx"
    write_docx(review_text, docx_path)
    # The PDF must exercise what the cleaning is for, or the comparison proves little.
    assert layout.pages >= 2 and layout.hyphenated
    as_txt, as_pdf, as_docx = (read_document(p) for p in (FICTIONAL, pdf_path, docx_path))
    assert (as_txt.kind, as_pdf.kind, as_docx.kind) == ("txt", "pdf", "docx")
    assert collapsed(as_pdf.text) == collapsed(as_txt.text)
    assert collapsed(as_docx.text) == collapsed(as_txt.text)
    assert paragraphs(as_pdf.text) == paragraphs(as_txt.text)
    assert paragraphs(as_docx.text) == paragraphs(as_txt.text)


def test_pdf_drops_running_header_and_page_numbers(review_pdf):
    path, _ = review_pdf
    text = read_document(path).text
    assert HEADER not in text
    assert not re.search(r"Page \d+ of \d+", text)
    assert "7-minute briefing" in text  # the title at the top of page 1 is not a header


def test_pdf_undoes_hyphenation_at_line_ends(review_pdf):
    path, layout = review_pdf
    text = read_document(path).text
    for word in layout.hyphenated:
        assert word.replace("-", "") in text
        assert word not in text
    assert "multi-agency practice" in text and "Follow-up matters" in text


def test_pdf_keeps_curly_quotes_and_numbered_items(review_pdf):
    text = read_document(review_pdf[0]).text
    assert "Juniper’s mother said" in text
    assert "“bright, curious and keen to help”" in text
    assert "\n\n3. Share information: police callouts" in text


def test_pdf_page_offsets_cover_each_page(review_pdf):
    path, layout = review_pdf
    document = read_document(path)
    assert len(document.pages) == layout.pages
    assert document.pages[0][0] == 0 and document.pages[-1][1] == len(document.text)
    second = document.text[document.pages[1][0]:document.pages[1][1]]
    assert collapsed(second).startswith(collapsed(layout.lines[1][0])[:20].replace("-", ""))
    assert document.page_of(document.text.index("Questions to consider")) == 2
    assert document.page_of(0) == 1


def test_pdf_of_twenty_pages(tmp_path, review_text):
    path = tmp_path / "long.pdf"
    assert write_pdf(review_text, path, repeat=12).pages == 20
    document = read_document(path)
    assert len(document.pages) == 20
    assert collapsed(document.text) == collapsed(" ".join([review_text] * 12))


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is needed to draw ligatures")
def test_pdf_ligature_glyphs_become_letters(tmp_path, review_text):
    path = tmp_path / "ligatures.pdf"
    write_pdf(review_text, path, ligatures=True)
    text = read_document(path).text
    assert "\ufb01" not in text and "\ufb02" not in text
    assert collapsed(text) == collapsed(review_text)


def test_pdf_bullets_lose_their_glyph(tmp_path):
    path = tmp_path / "bullets.pdf"
    write_pdf("Good practice\n\n• Robust risk management by the police.\n\n"
              "• Consistent oversight by the independent reviewing officer.", path, header="")
    assert paragraphs(read_document(path).text) == [
        "Good practice", "Robust risk management by the police.",
        "Consistent oversight by the independent reviewing officer."]


def test_pdf_with_a_txt_suffix_is_read_as_pdf(tmp_path, review_pdf):
    disguised = tmp_path / "review.txt"
    disguised.write_bytes(review_pdf[0].read_bytes())
    document = read_document(disguised)
    assert document.kind == "pdf"
    assert "Mr Thorne shouted at her at night" in document.text


# ---------------------------------------------------------------- PDFs that cannot be read


def _encrypt(source: Path, target: Path, user: str, algorithm: str) -> None:
    import pypdf
    writer = pypdf.PdfWriter(clone_from=source)
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm=algorithm)
    with open(target, "wb") as handle:
        writer.write(handle)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_password_protected_pdf_is_refused(tmp_path, review_pdf, algorithm):
    locked = tmp_path / "locked.pdf"
    _encrypt(review_pdf[0], locked, "secret", algorithm)
    with pytest.raises(ExtractionError, match=r"^locked\.pdf: .*password-protected"):
        read_document(locked)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_with_only_an_owner_password_is_read(tmp_path, review_pdf, algorithm):
    restricted = tmp_path / "restricted.pdf"
    _encrypt(review_pdf[0], restricted, "", algorithm)
    assert "Mr Thorne shouted at her at night" in read_document(restricted).text


def test_truncated_pdf_is_refused(tmp_path, review_pdf):
    data = review_pdf[0].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(ExtractionError, match=r"cut\.pdf: the PDF is truncated"):
        read_document(cut)


def test_pdf_with_damaged_insides_is_refused(tmp_path, review_pdf):
    data = review_pdf[0].read_bytes()
    middle = len(data) // 2
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:middle] + b"\x00garbage" * 50 + data[middle + 400:])
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + random.Random(3).randbytes(3000) + b"\n%%EOF\n")
    for path in (damaged, junk):
        with pytest.raises(ExtractionError, match=rf"{path.name}: .*damaged"):
            read_document(path)


def test_scanned_pdf_without_text_asks_for_ocr(tmp_path):
    from reportlab.pdfgen import canvas
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    for number in (1, 2):
        pdf.rect(50, 50, 400, 700, fill=1)  # where a scanned image would be
        pdf.drawString(290, 30, str(number))  # a page number is not text enough
        pdf.showPage()
    pdf.save()
    with pytest.raises(ExtractionError, match=r"scan\.pdf: .*scanned.*OCR"):
        read_document(path)


def test_text_file_named_pdf_is_refused(tmp_path):
    path = tmp_path / "review.pdf"
    path.write_text("Just some text.", encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"review\.pdf: not a PDF"):
        read_document(path)


# ---------------------------------------------------------------- other unreadable files


def test_empty_documents_are_refused(tmp_path):
    for name, content in (("empty.txt", b""), ("blank.md", b" \n\n\t"),
                          ("empty.pdf", b""), ("empty.docx", b"")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ExtractionError, match=rf"^{re.escape(name)}: the document is "
                                                  "empty"):
            read_document(path)


@pytest.mark.parametrize("name", ["junk.txt", "junk", "junk.md"])
def test_binary_junk_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(ExtractionError, match=rf"^{name}: not a text document"):
        read_document(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ExtractionError, match="cannot read the file"):
        read_document(tmp_path / "nowhere.pdf")


def test_zip_that_is_not_word_and_legacy_doc_are_refused(tmp_path):
    archive = tmp_path / "review.docx"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("content.xml", "<office/>")
    with pytest.raises(ExtractionError, match=r"review\.docx: a zip archive but not a Word"):
        read_document(archive)
    legacy = tmp_path / "review.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ExtractionError, match=r"review\.doc: a legacy Word \.doc"):
        read_document(legacy)


def test_damaged_docx_is_refused(tmp_path, review_text):
    good = tmp_path / "good.docx"
    write_docx(review_text, good)
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(ExtractionError, match=r"^damaged\.docx: .*save it again as \.docx"):
        read_document(damaged)


def test_error_messages_are_one_line(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"%%EOF")
    with pytest.raises(ExtractionError) as error:
        read_document(path)
    assert "\n" not in str(error.value) and "Traceback" not in str(error.value)


# ---------------------------------------------------------------- DOCX


def test_docx_reads_tables_lists_and_not_headers(tmp_path):
    import docx
    path = tmp_path / "briefing.docx"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "OFFICIAL – running header"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_heading("Agencies involved", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Agency", "Involvement"
    table.cell(1, 0).text, table.cell(1, 1).text = "Police", "Two callouts in 2022"
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "Merged across three columns"
    document.add_paragraph("Learning points:")
    document.add_paragraph("Hear the child", style="List Number")
    document.add_paragraph("Think family", style="List Number")
    document.add_paragraph("Ask the grandmother", style="List Bullet")
    document.add_paragraph("• A bullet typed by hand")
    document.add_paragraph("Mother’s partner\u00a0shouted; the school’s “concerns”.")
    document.save(str(path))
    assert paragraphs(read_document(path).text) == [
        "Agencies involved", "Agency", "Involvement", "Police", "Two callouts in 2022",
        "Merged across three columns", "Learning points:", "1. Hear the child",
        "2. Think family", "Ask the grandmother", "A bullet typed by hand",
        "Mother’s partner shouted; the school’s “concerns”."]


# ---------------------------------------------------------------- HTML


PAGE = """<!DOCTYPE html>
<html><head><title>Site title</title><style>p { color: red }</style>
<script>var secret = "trackingCode";</script></head>
<body><header><nav><a href="/">Home</a> | <a href="/about">About us</a></nav></header>
<main><article><header><h1>Child Willow &ndash; 7-minute briefing</h1></header>
<p>Willow&rsquo;s school &amp; the GP were not invited.&nbsp;The
   health visitor&#8217;s notes were   not shared.</p>
<h2>Learning</h2><ol><li>Hear the child</li><li>Think <b>family</b></li></ol>
<ul><li>Share information</li></ul>
<p hidden>Hidden draft text</p><script>document.write("injected")</script>
</article></main><aside>Related reviews</aside>
<footer>&copy; Eastwold Council 2024</footer></body></html>"""


def test_html_keeps_only_the_visible_review(tmp_path):
    path = tmp_path / "willow.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(path)
    assert document.kind == "html"
    assert paragraphs(document.text) == [
        "Child Willow – 7-minute briefing",
        ("Willow’s school & the GP were not invited. The health visitor’s notes were not "
         "shared."),
        "Learning", "1. Hear the child", "2. Think family", "Share information"]
    for dropped in ("trackingCode", "injected", "Home", "About us", "Site title",
                    "color", "Related reviews", "Eastwold Council", "Hidden draft"):
        assert dropped not in document.text


def test_html_is_sniffed_whatever_the_suffix(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert read_document(path).kind == "html"


@pytest.mark.parametrize("markup, text", [
    ("<p>a<![CD[x]]>b</p>", "ab"),                      # found by the fuzz test
    ("<p>a<![CDATA99999999999[x]]>b</p>", "ab"),
    ("<p>ok <![CDATA[hidden]]> more</p>", "ok more"),
    ("<p>a<![if !IE]>b<![endif]>c</p>", "abc"),         # Word's conditional comments
])
def test_html_marked_sections_are_bogus_comments_never_an_error(markup, text):
    assert html_to_text(markup) == text


def test_html_ligatures_and_page_without_text():
    assert html_to_text("<p>The \ufb01rst \ufb02at</p>") == "The first flat"
    assert html_to_text("<html><script>x()</script></html>") == ""


# ---------------------------------------------------------------- cleaning


def test_characters_are_normalised_but_quotes_kept():
    raw = "e\ufb03cient sta\ufb00\u00a0and safe\u00adguarding \u201cshe\u2019s\u201d"
    assert normalise_characters(raw) == "efficient staff and safeguarding \u201cshe\u2019s\u201d"


def test_line_end_hyphens_are_joined_unless_the_word_has_one():
    assert join_lines(["the safe-", "guarding partnership"]) == "the safeguarding partnership"
    assert join_lines(["a 7-", "minute briefing"]) == "a 7-minute briefing"
    assert join_lines(["good multi-", "agency work"]) == "good multi-agency work"
    assert join_lines(["an Anglo-", "Saxon name"]) == "an Anglo-Saxon name"
    seen = Vocabulary(["the follow-up was late"])
    assert join_lines(["no follow-", "up at all"], seen) == "no follow-up at all"
    seen = Vocabulary(["the assessment was late"])
    assert join_lines(["an assess-", "ment of need"], seen) == "an assessment of need"


def test_bullets_go_but_numbers_stay():
    assert strip_bullet("• Hear the child") == "Hear the child"
    assert strip_bullet("▪ Hear the child") == "Hear the child"
    assert strip_bullet("– Hear the child") == "Hear the child"
    assert strip_bullet("* Hear the child") == "Hear the child"
    assert strip_bullet("1. Hear the child") == "1. Hear the child"
    assert strip_bullet("7-minute briefing") == "7-minute briefing"


def test_page_furniture_is_found_on_most_pages():
    pages = [["Eastwold SCP – Child J", "Intro text", "More text", "Page 1 of 3"],
             ["Eastwold SCP – Child J", "Body", "Body again", "Page 2 of 3"],
             ["Closing remarks", "Final text", "3"]]
    assert page_furniture(pages) == [{0, 3}, {0, 3}, {2}]
    assert page_furniture([["Only page", "12"]]) == [{1}]


# ---------------------------------------------------------------- wiring


def test_document_suffixes_cover_every_kind():
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} <= set(DOCUMENT_SUFFIXES)


def test_reading_text_imports_no_pdf_or_word_library():
    code = ("import sys, kinmap.loaders.documents as d; d.read_document(sys.argv[1]); "
            "print(sorted(m for m in ('pypdf', 'docx', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(FICTIONAL)], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


def test_reader_works_from_bytes_of_an_open_file(review_pdf):
    # the same bytes give the same text: nothing depends on the file's path
    from kinmap.loaders.documents.pdf import read_pdf
    data = review_pdf[0].read_bytes()
    assert read_pdf(io.BytesIO(data).getvalue(), "x.pdf")[0] == read_document(
        review_pdf[0]).text


def test_pdf_columns_stay_apart_and_word_by_word_lines_are_joined(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas
    path = tmp_path / "columns.pdf"
    pdf = canvas.Canvas(str(path))
    y = 750.0
    for line, gap in (("The school was not invited to the strategy", 14.4),
                      ("meeting in December 2022 and nobody told them.", 26.0),
                      ("A second paragraph after a gap.", 0.0)):
        x = 72.0
        for word in line.split():  # each word placed on its own, as some writers do
            pdf.drawString(x, y, word)
            x += stringWidth(word + " ", "Helvetica", 12)
        y -= gap
    pdf.showPage()
    for column, x in ((1, 72), (2, 320)):  # two columns side by side
        for row in range(1, 5):
            pdf.drawString(x, 760 - 14.4 * row, f"Column {column} line {row} says more")
    pdf.showPage()
    pdf.save()
    assert paragraphs(read_document(path).text) == [
        ("The school was not invited to the strategy meeting in December 2022 and nobody "
         "told them."),
        "A second paragraph after a gap.",
        " ".join(f"Column 1 line {row} says more" for row in range(1, 5)),
        " ".join(f"Column 2 line {row} says more" for row in range(1, 5))]


def test_docx_text_boxes_are_read_once():
    from lxml import etree

    from kinmap.loaders.documents.docx import Numbering, _blocks
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    body = etree.fromstring(f"""
    <w:body xmlns:w="{w}" xmlns:mc="{mc}"><w:p><w:r><w:t>Before the box.</w:t></w:r>
      <w:r><mc:AlternateContent>
        <mc:Choice Requires="wps"><w:drawing><w:txbxContent>
          <w:p><w:r><w:t>Box: what the child said</w:t></w:r></w:p>
        </w:txbxContent></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><w:txbxContent>
          <w:p><w:r><w:t>Box: what the child said</w:t></w:r></w:p>
        </w:txbxContent></w:pict></mc:Fallback>
      </mc:AlternateContent></w:r></w:p>
      <w:p><w:r><w:t xml:space="preserve">After </w:t></w:r><w:ins><w:r><w:t>inserted</w:t>
      </w:r></w:ins><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>
    </w:body>""")
    assert list(_blocks(body, Numbering())) == [
        "Before the box.", "Box: what the child said", "After inserted"]


# ---------------------------------------------------------------- hostile list numbering

_READ = ("import sys\nfrom kinmap.errors import KinmapError\n"
         "from kinmap.loaders.documents import read_document\n"
         "try:\n    print(read_document(sys.argv[1]).text)\n"
         "except KinmapError as error:\n    sys.exit(f'error: {error}')\n")


def _numbered_docx(path: Path, *, lvl: str, paragraph_ilvl: str = "0",
                   override: str = "") -> Path:
    """A Word file of three numbered paragraphs whose numbering.xml holds `lvl` as written."""
    import docx
    document = docx.Document()
    for text in ("Hear the child", "Think family", "Share what is known"):
        document.add_paragraph(text)
    document.save(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {w}>'
                 f'<w:abstractNum w:abstractNumId="0">{lvl}</w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>'
                 '</w:numbering>')
    num_pr = (f'<w:pPr><w:numPr><w:ilvl w:val="{paragraph_ilvl}"/><w:numId w:val="1"/>'
              '</w:numPr></w:pPr>')
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/numbering.xml"] = numbering.encode()
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:p>", b"<w:p>"
                                                                     + num_pr.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _lvl(start: str, fmt: str, ilvl: str = "0", text: str = "%1.") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


HOSTILE_NUMBERING = {
    # name: (numbering.xml level, paragraphs' ilvl, startOverride, the first number shown)
    "letter-start-99999999999": (_lvl("99999999999", "lowerLetter"), "0", "", "32767."),
    "roman-start-2e9": (_lvl("2000000000", "upperRoman"), "0", "", "32767."),
    "start-not-a-number": (_lvl("1e9", "decimal"), "0", "", "1."),
    "start-superscript-digit": (_lvl("²", "decimal"), "0", "", "1."),
    "start-negative": (_lvl("-5", "lowerRoman"), "0", "", "0."),
    "level-not-a-number": (_lvl("3", "decimal", ilvl="one"), "0", "", "3."),
    "paragraph-level-not-a-number": (_lvl("3", "decimal"), "zero", "", "3."),
    "level-2e9": (_lvl("7", "decimal") + _lvl("4", "decimal", "2000000000", "%1.%9."),
                  "2000000000", "", "7.4."),
    "override-5000-digits": (_lvl("1", "lowerLetter"), "0",
                             f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{"9" * 5000}"/>'
                             '</w:lvlOverride>', "a."),
    "level-text-100k": (_lvl("1", "decimal", text="%1" * 50_000), "0", "", "1111"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_NUMBERING))
def test_hostile_list_numbering_is_read_within_bounds(tmp_path, case):
    """Numbers in numbering.xml are untrusted: each file reads in seconds and little memory,
    numbered within bounds, with at most one warning line and no traceback."""
    from bounded import GB, run_bounded
    lvl, ilvl, override, first = HOSTILE_NUMBERING[case]
    path = _numbered_docx(tmp_path / f"{case}.docx", lvl=lvl, paragraph_ilvl=ilvl,
                          override=override)
    outcome = run_bounded(_READ, str(path), seconds=20, memory=1 * GB)
    assert not outcome.timed_out, f"{case}: still reading after 20 s"
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert "Traceback" not in outcome.stderr and len(outcome.stderr.splitlines()) <= 1
    lines = outcome.stdout.splitlines()
    assert len(outcome.stdout) < 2000, outcome.stdout[:200]
    assert [line.split(" ", 1)[1] for line in lines if line] == [
        "Hear the child", "Think family", "Share what is known"]
    assert lines[0].startswith(first), lines[0][:80]
    if outcome.stderr:
        assert outcome.stderr.startswith(f"{case}.docx: list numbering with")


def test_list_numbers_past_the_letters_and_roman_numerals_are_written_as_digits():
    from kinmap.loaders.documents.docx import _format
    assert [_format(n, "lowerLetter") for n in (1, 27, 104, 105)] == ["a", "aa", "zzzz", "105"]
    assert [_format(n, "upperRoman") for n in (4, 3999, 4000, 0)] == ["IV", "MMMCMXCIX",
                                                                     "4000", "0"]


def test_hostile_html_list_numbers_are_bounded():
    """`isdigit()` let "²" and 5,000 digits through to int(), a ValueError traceback."""
    from kinmap.loaders.documents.html import read_html
    page = ('<ol start="²"><li>Hear the child</li></ol>'
            f'<ol start="{"9" * 5000}"><li>Think family</li><li value="99999999999">Ask</li>'
            '<li value="1e3">Share</li></ol>').encode()
    assert paragraphs(read_html(page, "hostile.html")) == [
        "1. Hear the child", "1. Think family", "32767. Ask", "32768. Share"]


def test_character_references_of_thousands_of_digits_are_replaced():
    """html.unescape's int() raised ValueError on 4,300 digits or more (found by the fuzz test)."""
    from kinmap.loaders.documents.html import read_html
    page = (f"<p>Child Q&#{'9' * 5000}; lived in Fenmarsh &#x{'f' * 5000}; "
            f"&#00000000065; &#x41; <a title='&#{'1' * 5000};'>link</a></p>").encode()
    assert paragraphs(read_html(page, "refs.html")) == [
        "Child Q\ufffd lived in Fenmarsh \ufffd A A link"]
