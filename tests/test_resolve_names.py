"""kg.resolve.names: core words, phonetic word matching, acronyms."""

from kg.resolve.names import acronym_of, core_words, fold, initials, word_score, words_score


def test_core_words_drop_titles_honorifics_particles_and_generic_org_words():
    assert core_words("Mr Usama bin Ladin", "Person") == ("usama", "ladin")
    assert core_words("President Yasser Arafat", "Person") == ("yasser", "arafat")
    assert core_words("the Al Qaeda network", "Organization") == ("qaeda",)
    assert core_words("al-Qaida", "Organization") == ("qaida",)
    assert core_words("Mr", "Person") == ("mr",)  # a title alone stays a name


def test_fold_strips_accents_and_apostrophes():
    assert fold("Jāsim") == "jasim"
    assert fold("Sana'a") == fold("Sana\u2019a") == "sanaa"


def test_transliteration_variants_match():
    for a, b in [("osama", "usama"), ("laden", "ladin"), ("haniya", "haniyeh"), ("qaeda", "qaida"),
                 ("mohammed", "muhammad")]:
        assert word_score(a, b) > 0.84, (a, b)


def test_different_names_do_not_match():
    for a, b in [("hassan", "hussein"), ("hamza", "osama"), ("ali", "ala"), ("david", "daoud"), ("omar", "amer")]:
        assert word_score(a, b) == 0.0, (a, b)


def test_names_match_word_by_word_only():
    assert words_score(("osama", "laden"), ("usama", "ladin")) > 0.85
    assert words_score(("hamza", "laden"), ("osama", "laden")) == 0.0
    assert words_score(("osama", "mohammed", "laden"), ("osama", "laden")) == 0.0


def test_acronyms_and_initials():
    assert acronym_of("PA") == "pa" and acronym_of("U.N.") == "un"
    assert acronym_of("Hamas") is None and acronym_of("P") is None
    assert initials("Palestinian Authority") == "pa"
    assert initials("Organisation of the Islamic Cooperation") == "oic"
    assert initials("Hamas") is None
