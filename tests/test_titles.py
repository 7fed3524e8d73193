"""The first-name dictionary read in one go holds exactly the entries of gender_guesser's own reader."""

import gender_guesser.detector

from pipeline.extract.titles import _detector, first_name_gender


def test_the_fast_reader_gives_the_librarys_dictionary():
    assert _detector().names == gender_guesser.detector.Detector(case_sensitive=False).names


def test_first_names_give_genders():
    assert first_name_gender("Maria Santos") == "f" and first_name_gender("John Park") == "m"
    assert first_name_gender("Xq Lee") is None
