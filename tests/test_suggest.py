"""The one close-match helper behind every "did you mean" (API, command line, types, validation)."""

from __future__ import annotations

from ecpat_data._core.suggest import closest, did_you_mean


def test_closest_ranks_best_first_and_caps_at_n() -> None:
    ids = ["ecpat-uk", "ecpat-usa", "ecpat-nz", "ecpat-france", "child-wise"]
    assert closest("ecpat-u", ids)[:2] == ("ecpat-uk", "ecpat-usa")
    assert len(closest("ecpat-u", ids, n=1)) == 1


def test_closest_ignores_case_and_returns_the_candidates_spelling() -> None:
    assert closest("ECPAT-UK", ["ecpat-uk"]) == ("ecpat-uk",)
    assert closest("thailand", ["Thailand", "Taiwan"], n=1) == ("Thailand",)


def test_nothing_alike_gives_no_suggestion() -> None:
    assert closest("zzzzzz", ["ecpat-uk", "ecpat-usa"]) == ()
    assert did_you_mean(()) == ""


def test_did_you_mean_quotes_each_match() -> None:
    assert did_you_mean(("a", "b")) == "did you mean 'a' or 'b'?"


def test_the_word_itself_and_absurd_input_are_not_suggested() -> None:
    assert closest("ecpat-uk", ["ecpat-uk"]) == ()
    assert closest("x" * 201, ["x" * 201, "x" * 200]) == ()
    assert closest("", ["a"]) == ()
    assert closest("ecpat-uk", ["ecpat-uk"], n=0) == ()


def test_ids_use_the_stricter_cutoff() -> None:
    from ecpat_data._core.suggest import ID_CUTOFF

    ids = ["ecpat-stop-japan", "ecpat-uk"]
    assert closest("ecpat-atlantis", ids, cutoff=ID_CUTOFF) == ()
    assert closest("ecpat-atlantis", ids)  # the default cutoff, for field names, is looser
