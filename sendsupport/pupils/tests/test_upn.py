import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendsupport.pupils.upn import CHECK_LETTERS, UPNError, check_letter, is_temporary, make_upn, validate_upn


@pytest.mark.parametrize("upn", ["H801200001001", "G80120000101A", "B801200005001", "h801200001001 "])
def test_it_accepts_the_worked_examples(upn):
    assert validate_upn(upn) == upn.strip().upper()


def test_it_tells_a_temporary_upn_by_its_final_letter():
    assert is_temporary("G80120000101A")
    assert not is_temporary("H801200001001")


@pytest.mark.parametrize(
    ("upn", "words"),
    [
        ("A801200001001", "check letter is wrong: for these digits it should be H"),
        ("H80120000100", "13 characters long; this one has 12"),
        ("H8012000010011", "this one has 14"),
        ("I801200001001", "cannot contain the letter I"),
        ("H80120000100O", "cannot contain the letter O"),
        ("S801200001001", "cannot contain the letter S"),
        ("H80120000X001", "a letter, then 11 digits"),
        ("", "this one has 0"),
    ],
)
def test_it_names_the_rule_a_bad_upn_breaks(upn, words):
    with pytest.raises(UPNError, match=words):
        validate_upn(upn)


@given(la=st.integers(100, 999), estab=st.integers(0, 9999), year=st.integers(0, 99), serial=st.integers(0, 999))
def test_it_makes_upns_that_validate(la, estab, year, serial):
    upn = make_upn(str(la), f"{estab:04d}", year, serial)
    assert validate_upn(upn) == upn


@given(
    body=st.text(alphabet="0123456789", min_size=12, max_size=12), position=st.integers(1, 11), delta=st.integers(1, 9)
)
def test_it_catches_any_single_digit_mistake(body, position, delta):
    upn = check_letter(body) + body
    digits = list(upn)
    digits[position] = str((int(digits[position]) + delta) % 10)
    with pytest.raises(UPNError):
        validate_upn("".join(digits))


def test_check_letters_leave_out_i_o_and_s():
    assert len(CHECK_LETTERS) == 23
    assert not set("IOS") & set(CHECK_LETTERS)


@pytest.mark.parametrize("look_alike", ["٢", "۲", "２", "²", "𝟐"])
def test_it_refuses_digits_that_only_look_like_ours(look_alike):
    valid = check_letter("801299922025") + "801299922025"
    assert validate_upn(valid) == valid
    twin = valid[:11] + look_alike + valid[12]  # on screen, the same UPN as another child's
    with pytest.raises(UPNError, match="11 digits"):
        validate_upn(twin)
