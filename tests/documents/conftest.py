"""Every document test starts with the segmenter knowing the reference offices' words: the
words are the process's, and a test run before (the GUI's, the demo's) may have left another
office's."""

import pytest

from itadesk.documents import typeset
from tests.documents import fixtures


@pytest.fixture(autouse=True)
def reference_words() -> None:
    typeset.set_custom_words(fixtures.CUSTOM_WORDS)
