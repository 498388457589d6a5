"""Rich text: what is stored is safe, and editing it as light markup loses nothing."""

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from core.richtext import html_to_markup, html_to_text, markup_to_html, sanitize_html

words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"],
                                       include_characters="'’.,;:()«»-&<>\"/?"),
                min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)
inline = st.lists(st.one_of(
    words,
    words.map(lambda w: f"**{w}**"),
    words.filter(lambda w: w[0] != " ").map(lambda w: f"*{w.strip()}*"),
    words.map(lambda w: f"[{w.replace(']', '')}](https://example.org/{len(w)})").filter(
        lambda s: not s.startswith("[]")),
), min_size=1, max_size=4).map(" ".join)
block = st.one_of(
    inline,
    st.lists(inline, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(inline, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    words.map(lambda w: f"### {w}"),
)
documents = st.lists(block, min_size=1, max_size=5).map("\n\n".join)


class RichTextTests(SimpleTestCase):
    def test_scripts_styles_and_events_never_survive(self):
        dirty = ('<p onclick="steal()">Hola<script>alert(1)</script></p>'
                 '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>'
                 '<style>body{}</style><iframe src="https://evil"></iframe>')
        clean = sanitize_html(dirty)
        for bad in ("script", "onclick", "javascript", "onerror", "style", "iframe", "img"):
            self.assertNotIn(bad, clean)
        self.assertIn("Hola", clean)

    def test_markup_becomes_the_expected_html(self):
        self.assertEqual(
            markup_to_html("### Títol\n\nUn **fort** i *suau* [enllaç](https://x.cat).\n"
                           "Línia 2\n\n- a\n- b\n\n1. u\n2. dos"),
            '<h3>Títol</h3><p>Un <strong>fort</strong> i <em>suau</em> '
            '<a href="https://x.cat">enllaç</a>.<br>Línia 2</p><ul><li>a</li><li>b</li></ul>'
            "<ol><li>u</li><li>dos</li></ol>")

    def test_html_input_is_only_sanitised(self):
        self.assertEqual(markup_to_html("<p>ja <b>és</b> HTML</p>"),
                         "<p>ja <strong>és</strong> HTML</p>")

    def test_plain_text_rendering(self):
        self.assertEqual(html_to_text("<p>A &amp; B</p><ul><li>u</li><li>dos</li></ul>"),
                         "A & B\n\n- u\n- dos")

    @settings(max_examples=200, deadline=None)
    @given(documents)
    def test_stored_html_survives_an_edit_unchanged(self, text):
        html = markup_to_html(text)
        self.assertEqual(markup_to_html(html_to_markup(html)), html)

    @settings(max_examples=200, deadline=None)
    @given(documents)
    def test_sanitising_twice_changes_nothing(self, text):
        html = markup_to_html(text)
        self.assertEqual(sanitize_html(html), html)


class LocalNumberTests(SimpleTestCase):
    def test_numbers_are_read_the_way_each_language_writes_them(self):
        from core.forms import parse_local_decimal

        cases = [("84.965,00", "ca", "84965.00"), ("84965,00", "es", "84965.00"),
                 ("360.000,00 €", "ca", "360000.00"), ("2.723", "ca", "2723"),
                 ("12,5", "ca", "12.5"), ("12.5", "ca", "12.5"), ("84,965.00", "en", "84965.00"),
                 ("12.5", "en", "12.5"), ("1,234", "en", "1234"), ("-3,5", "ca", "-3.5")]
        for text, language, expected in cases:
            with self.subTest(text=text, language=language):
                self.assertEqual(parse_local_decimal(text, language), expected)
