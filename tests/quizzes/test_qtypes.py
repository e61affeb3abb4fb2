"""Question types on plain data: payload validation, answer cleaning and grading (no database)."""

import json
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quizzes.qtypes import QUESTION_TYPE_CHOICES, QUESTION_TYPES, question_type
from quizzes.qtypes.text import parse_number
from tests.quizzes.builders import PAYLOADS


def nfd(text):
    return unicodedata.normalize("NFD", text)


def payload_for(code, raw=None):
    return question_type(code).clean_payload(raw if raw is not None else PAYLOADS[code])


def grade(code, answer, raw=None, **extra):
    """Clean the payload and the answer as the services do, then grade."""
    kind = question_type(code)
    payload = kind.clean_payload(raw if raw is not None else PAYLOADS[code])
    return kind.grade(payload, kind.clean_answer(payload, answer), **extra)


def options(*fractions):
    return {
        "options": [
            {"key": f"k{index}", "text": f"Phương án {index}", "fraction": fraction}
            for index, fraction in enumerate(fractions)
        ]
    }


# --- registry ------------------------------------------------------------------


def test_every_type_is_registered_and_offered():
    assert set(QUESTION_TYPES) == {code for code, _label in QUESTION_TYPE_CHOICES}
    with pytest.raises(KeyError):
        question_type("nope")


@pytest.mark.parametrize("code", sorted(set(QUESTION_TYPES) - {"description"}))
@pytest.mark.parametrize("answer", ["a", ["a"], 7])
def test_an_answer_that_is_not_an_object_is_refused(code, answer):
    kind = question_type(code)
    raw = PAYLOADS.get(code) or {"case_page": 3}
    with pytest.raises(ValidationError):
        kind.clean_answer(kind.clean_payload(raw), answer)


@pytest.mark.parametrize("code", sorted(set(QUESTION_TYPES) - {"description", "case"}))
@pytest.mark.parametrize("answer", [None, {}])
def test_no_answer_is_unanswered_and_worth_nothing(code, answer):
    kind = question_type(code)
    payload = kind.clean_payload(PAYLOADS[code])
    assert kind.clean_answer(payload, answer) is None
    result = kind.grade(payload, None)
    assert (result.fraction, result.state) == (Decimal("0"), "unanswered")


# --- single choice -----------------------------------------------------------


def test_single_choice_right_wrong_and_option_feedback():
    right = grade("single", {"choice": "a"})
    assert (right.fraction, right.state, right.feedback) == (Decimal("1"), "right", "Đúng rồi.")
    wrong = grade("single", {"choice": "b"})
    assert (wrong.fraction, wrong.state, wrong.feedback) == (Decimal("0"), "wrong", "Huế là cố đô.")
    assert grade("single", {"choice": ""}).state == "unanswered"


def test_single_choice_partial_and_never_negative():
    raw = options("1", "0.5", "-0.5")
    assert grade("single", {"choice": "k1"}, raw).fraction == Decimal("0.5")
    assert grade("single", {"choice": "k1"}, raw).state == "partial"
    negative = grade("single", {"choice": "k2"}, raw)
    assert (negative.fraction, negative.state) == (Decimal("0"), "wrong")


@pytest.mark.parametrize(
    "raw",
    [
        options("0.5", "0.5"),  # no option worth 100%
        options("0", "0"),
        options("1"),  # one option only
        {"options": []},
        {},
        options("1", "1.5"),  # weight above 100%
        options("1", "-1.01"),  # weight below -100%
        options("1", "abc"),
        options("1", "NaN"),
        options("1", "Infinity"),
        {
            "options": [
                {"key": "a", "text": "Một", "fraction": "1"},
                {"key": "b", "text": "  ", "fraction": "0"},  # empty option
            ]
        },
        {
            "options": [
                {"key": "a", "text": "Một", "fraction": "1"},
                {"key": "b", "text": "<p><script>x</script></p>", "fraction": "0"},
            ]
        },
        {
            "options": [
                {"key": "a", "text": "Một", "fraction": "1"},
                {"key": "a", "text": "Hai", "fraction": "0"},  # keys must differ
            ]
        },
    ],
)
def test_single_choice_refuses_bad_payloads(raw):
    with pytest.raises(ValidationError):
        question_type("single").clean_payload(raw)


def test_weight_range_message_shows_single_percent_signs():
    with pytest.raises(ValidationError) as error:
        question_type("single").clean_payload(options("1", "2"))
    assert "%%" not in " ".join(error.value.messages)
    assert "100%" in " ".join(error.value.messages)


def test_single_choice_payload_is_nfc_and_sanitised():
    raw = {
        "options": [
            {"key": "a", "text": nfd("Hà Nội<script>alert(1)</script>"), "fraction": "1"},
            {"key": "b", "text": "Huế", "fraction": "-1", "feedback": "<b onclick='x()'>Sai</b>"},
        ]
    }
    payload = payload_for("single", raw)
    first, second = payload["options"]
    assert first["text"].startswith("Hà Nội")
    assert unicodedata.is_normalized("NFC", first["text"])
    assert "<script" not in first["text"]
    assert "onclick" not in second["feedback"]
    assert second["fraction"] == "-1"


def test_single_choice_answer_keys_are_checked():
    kind = question_type("single")
    payload = payload_for("single")
    assert kind.clean_answer(payload, {"choice": "a"}) == {"choice": "a"}
    for bad in ("z", ["a"], {"a": 1}):
        with pytest.raises(ValidationError):
            kind.clean_answer(payload, {"choice": bad})


def test_numeric_option_keys_accept_numbers_from_json():
    raw = {"options": [{"text": "Một", "fraction": "1"}, {"text": "Hai", "fraction": "0"}]}
    kind = question_type("single")
    payload = kind.clean_payload(raw)
    assert [option["key"] for option in payload["options"]] == ["1", "2"]
    assert kind.clean_answer(payload, {"choice": 1}) == {"choice": "1"}


def test_learner_view_follows_the_stored_order_and_hides_fractions_and_feedback():
    kind = question_type("single")
    payload = payload_for("single")
    view = kind.learner_view(payload, ["c", "a", "b"], [])
    assert [option["key"] for option in view["options"]] == ["c", "a", "b"]
    dumped = json.dumps(view, ensure_ascii=False)
    assert "fraction" not in dumped
    assert "feedback" not in dumped
    assert "Đúng rồi" not in dumped
    default = kind.learner_view(payload, [], [])
    assert [option["key"] for option in default["options"]] == ["a", "b", "c"]


def test_shuffle_can_be_turned_off_per_question():
    kind = question_type("single")
    assert kind.shuffled_keys(payload_for("single")) == (["a", "b", "c"], [])
    no_shuffle = payload_for("single", {**PAYLOADS["single"], "shuffle": False})
    assert kind.shuffled_keys(no_shuffle) == ([], [])


def test_single_choice_words_for_review():
    kind = question_type("single")
    payload = payload_for("single")
    assert kind.right_answer(payload) == "Hà Nội"
    assert kind.answer_summary(payload, {"choice": "b"}) == "Huế"
    assert kind.answer_summary(payload, None) == ""


def test_combined_feedback_by_state():
    raw = {**PAYLOADS["single"], "feedback": {"correct": "Giỏi", "incorrect": "Xem lại"}}
    kind = question_type("single")
    payload = payload_for("single", raw)
    assert kind.combined_feedback(payload, "right") == "Giỏi"
    assert kind.combined_feedback(payload, "wrong") == "Xem lại"
    assert kind.combined_feedback(payload, "partial") == ""
    assert kind.combined_feedback(payload, "unanswered") == ""


# --- multiple response -------------------------------------------------------


@pytest.mark.parametrize(
    "choices, fraction, state",
    [
        (["a", "b"], "1", "right"),
        (["a"], "0.5", "partial"),
        (["b", "a"], "1", "right"),
        (["a", "c"], "0", "wrong"),  # 0.5 - 1 would be -0.5: never below 0
        (["c"], "0", "wrong"),
        (["a", "b", "c"], "0", "wrong"),
    ],
)
def test_multiple_response_partial_credit_and_negative_weights(choices, fraction, state):
    result = grade("multiple", {"choices": choices})
    assert (result.fraction, result.state) == (Decimal(fraction), state)


def test_multiple_response_negative_weight_only_reduces():
    raw = options("0.5", "0.5", "-0.25")
    result = grade("multiple", {"choices": ["k0", "k2"]}, raw)
    assert (result.fraction, result.state) == (Decimal("0.25"), "partial")


def test_multiple_response_thirds_add_up_to_full_marks():
    raw = options("0.3333333", "0.3333333", "0.3333333", "-1")
    kind = question_type("multiple")
    payload = kind.clean_payload(raw)
    result = kind.grade(payload, {"choices": ["k0", "k1", "k2"]})
    assert (result.fraction, result.state) == (Decimal("1"), "right")
    assert kind.grade(payload, {"choices": ["k0"]}).state == "partial"


@pytest.mark.parametrize(
    "raw",
    [
        options("0.5", "0.4", "0"),  # positive weights add to 90%
        options("0.6", "0.6", "-1"),  # 120%
        options("0", "-1"),  # no positive weight
        options("0.5", "0.5", "-1.5"),
        options("1.2", "0"),
        options("0.5", "0.5", "x"),
        {"options": [{"key": "a", "text": "Một", "fraction": "1"}]},
        {"options": []},
    ],
)
def test_multiple_response_refuses_bad_payloads(raw):
    with pytest.raises(ValidationError):
        question_type("multiple").clean_payload(raw)


def test_multiple_response_clean_answer():
    kind = question_type("multiple")
    payload = payload_for("multiple")
    assert kind.clean_answer(payload, {"choices": ["b", "a", "b"]}) == {"choices": ["b", "a"]}
    assert kind.clean_answer(payload, {"choices": []}) is None
    with pytest.raises(ValidationError):
        kind.clean_answer(payload, {"choices": ["a", "zz"]})
    with pytest.raises(ValidationError):
        kind.clean_answer(payload, {"choices": "a"})


def test_multiple_response_right_answer_lists_positive_options():
    kind = question_type("multiple")
    assert kind.right_answer(payload_for("multiple")) == "Luật; Nghị định"


# --- true/false ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value, state",
    [(True, "right"), ("true", "right"), (False, "wrong"), ("false", "wrong")],
)
def test_true_false(value, state):
    result = grade("truefalse", {"value": value})
    assert result.state == state
    assert result.fraction == (Decimal("1") if state == "right" else Decimal("0"))


def test_true_false_statement_that_is_false():
    raw = {"correct": False, "feedback_false": "Đúng, câu này sai."}
    right = grade("truefalse", {"value": False}, raw)
    assert (right.state, right.feedback) == ("right", "Đúng, câu này sai.")
    assert grade("truefalse", {"value": True}, raw).state == "wrong"


@pytest.mark.parametrize("raw", [{}, {"correct": "true"}, {"correct": 1}])
def test_true_false_payload_needs_a_boolean(raw):
    with pytest.raises(ValidationError):
        question_type("truefalse").clean_payload(raw)


@pytest.mark.parametrize("value", [1, "yes", [], {"x": 1}])
def test_true_false_refuses_other_values(value):
    kind = question_type("truefalse")
    with pytest.raises(ValidationError):
        kind.clean_answer(payload_for("truefalse"), {"value": value})


# --- short answer ------------------------------------------------------------


def short(*answers, **settings):
    return {
        "answers": [
            {"text": text, "fraction": fraction, "feedback": feedback}
            for text, fraction, feedback in answers
        ],
        **settings,
    }


@pytest.mark.parametrize(
    "given",
    [
        "quản lý nhà nước",
        "  Quản  lý\tNhà   nước ",
        "QUẢN LÝ NHÀ NƯỚC",
        nfd("Quản lý nhà nước"),
        "quản\u00a0lý nhà nước",
    ],
)
def test_short_answer_compares_after_nfc_whitespace_and_case_folding(given):
    assert grade("shortanswer", {"text": given}).state == "right"


def test_short_answer_accepted_text_in_nfd_still_matches():
    raw = short((nfd("Quản lý nhà nước"), "1", ""))
    assert grade("shortanswer", {"text": "quản lý nhà nước"}, raw).state == "right"


@pytest.mark.parametrize("given", ["quan ly nha nuoc", "quản lý nhà nuoc", "quản lí nhà nước"])
def test_short_answer_is_accent_sensitive_by_default(given):
    assert grade("shortanswer", {"text": given}).state == "wrong"


@pytest.mark.parametrize("given", ["quan ly nha nuoc", "QUAN LY NHA NUOC", "quản lý nha nuoc"])
def test_short_answer_accent_insensitive_option(given):
    raw = {**PAYLOADS["shortanswer"], "accent_insensitive": True}
    assert grade("shortanswer", {"text": given}, raw).state == "right"


def test_accent_insensitive_folds_d_with_stroke():
    raw = short(("Đà Nẵng", "1", ""), accent_insensitive=True)
    assert grade("shortanswer", {"text": "da nang"}, raw).state == "right"
    assert grade("shortanswer", {"text": "Da Nang"}, raw).state == "right"


def test_short_answer_case_sensitive_option():
    raw = short(("Hà Nội", "1", ""), case_sensitive=True)
    assert grade("shortanswer", {"text": "Hà Nội"}, raw).state == "right"
    assert grade("shortanswer", {"text": "hà nội"}, raw).state == "wrong"
    both = short(("Hà Nội", "1", ""), case_sensitive=True, accent_insensitive=True)
    assert grade("shortanswer", {"text": "Ha Noi"}, both).state == "right"
    assert grade("shortanswer", {"text": "ha noi"}, both).state == "wrong"


@pytest.mark.parametrize(
    "accepted, given, state",
    [
        ("*nhà nước", "quản lý nhà nước", "right"),
        ("*nhà nước", "nhà nước", "right"),  # the star may match nothing
        ("Nghị định *", "Nghị định 89/2021/NĐ-CP", "right"),
        ("Nghị định *", "Thông tư 01", "wrong"),
        ("a*c", "abbbc", "right"),
        (r"a\*c", "a*c", "right"),  # an escaped star is a star
        (r"a\*c", "abc", "wrong"),
        ("1+1 (x)?", "1+1 (x)?", "right"),  # other characters are literal
        ("1+1 (x)?", "11 x", "wrong"),
        ("a.c", "abc", "wrong"),
    ],
)
def test_short_answer_wildcards(accepted, given, state):
    raw = short((accepted, "1", ""))
    assert grade("shortanswer", {"text": given}, raw).state == state


def test_short_answer_first_matching_answer_decides():
    specific_first = short(("Hà Nội", "1", "Đúng"), ("H*", "0.5", "Gần đúng"), ("*", "0", "Sai"))
    right = grade("shortanswer", {"text": "hà nội"}, specific_first)
    assert (right.fraction, right.feedback) == (Decimal("1"), "Đúng")
    near = grade("shortanswer", {"text": "Huế"}, specific_first)
    assert (near.fraction, near.state, near.feedback) == (Decimal("0.5"), "partial", "Gần đúng")
    other = grade("shortanswer", {"text": "Đà Nẵng"}, specific_first)
    assert (other.fraction, other.state, other.feedback) == (Decimal("0"), "wrong", "Sai")
    # Put the catch-all first and it wins, even for the right answer.
    catch_all_first = short(("*", "0", "Sai"), ("Hà Nội", "1", "Đúng"))
    assert grade("shortanswer", {"text": "Hà Nội"}, catch_all_first).fraction == Decimal("0")


def test_short_answer_no_match_is_wrong_without_feedback():
    result = grade("shortanswer", {"text": "bộ máy"})
    assert (result.fraction, result.state, result.feedback) == (Decimal("0"), "wrong", "")


@pytest.mark.parametrize(
    "raw",
    [
        short(("Hà Nội", "0.5", "")),  # nothing worth 100%
        short(("   ", "1", "")),  # empty accepted answer
        short(("Hà Nội", "1", ""), ("Huế", "-0.5", "")),  # no negative weights here
        short(("Hà Nội", "1.5", "")),
        {"answers": []},
        {},
    ],
)
def test_short_answer_refuses_bad_payloads(raw):
    with pytest.raises(ValidationError):
        question_type("shortanswer").clean_payload(raw)


def test_short_answer_clean_answer_is_nfc_and_bounded():
    kind = question_type("shortanswer")
    payload = payload_for("shortanswer")
    cleaned = kind.clean_answer(payload, {"text": nfd("Quản lý")})
    assert cleaned == {"text": "Quản lý"}
    assert unicodedata.is_normalized("NFC", cleaned["text"])
    assert kind.clean_answer(payload, {"text": "   "}) is None
    with pytest.raises(ValidationError):
        kind.clean_answer(payload, {"text": "x" * 1001})


def test_short_answer_right_answer_shows_a_literal_star():
    raw = short((r"5\*", "1", ""), ("*", "0", ""))
    assert question_type("shortanswer").right_answer(payload_for("shortanswer", raw)) == "5*"


# --- numerical -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("3,5", "3.5"),
        ("3.5", "3.5"),
        ("-0,25", "-0.25"),
        ("+2", "2"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        (",5", "0.5"),
        ("2e3", "2000"),
        (" 63 ", "63"),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3", "3,5a", "NaN", "Infinity", "--1"])
def test_parse_number_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    "given, state",
    [
        ("63", "right"),
        ("63,0", "right"),
        ("63.00", "right"),
        ("62,9", "wrong"),
        ("630", "wrong"),
    ],
)
def test_numerical_exact(given, state):
    assert grade("numerical", {"number": given}).state == state


def test_numerical_tolerance_is_inclusive():
    raw = {"answers": [{"value": "3,14", "tolerance": "0,01", "fraction": "1"}]}
    for given in ("3,13", "3,14", "3.15", "3,145"):
        assert grade("numerical", {"number": given}, raw).state == "right", given
    for given in ("3,12", "3,151"):
        assert grade("numerical", {"number": given}, raw).state == "wrong", given


def test_numerical_range_with_thousands():
    raw = {"answers": [{"min": "1.000", "max": "1.234,5", "fraction": "1"}]}
    # "1.000" alone has one separator: a decimal point, so the range is 1 to 1234.5.
    assert grade("numerical", {"number": "1"}, raw).state == "right"
    assert grade("numerical", {"number": "1.234,5"}, raw).state == "right"
    assert grade("numerical", {"number": "1234,6"}, raw).state == "wrong"
    assert grade("numerical", {"number": "0,99"}, raw).state == "wrong"


def test_numerical_star_answer_catches_every_other_number():
    # Moodle's "*": feedback for any answer no accepted number covers.
    raw = {
        "answers": [
            {"value": "3", "tolerance": "2", "fraction": "1"},
            {"value": "*", "tolerance": "", "fraction": "0", "feedback": "Sai hoàn toàn"},
        ]
    }
    assert grade("numerical", {"number": "4"}, raw).state == "right"
    wrong = grade("numerical", {"number": "-100"}, raw)
    assert (wrong.state, wrong.feedback) == ("wrong", "Sai hoàn toàn")
    assert payload_for("numerical", raw)["answers"][1] == {
        "value": "*",
        "fraction": "0",
        "feedback": "Sai hoàn toàn",
    }


def test_numerical_best_matching_answer_gives_partial_credit():
    raw = {
        "answers": [
            {"value": "100", "tolerance": "10", "fraction": "0.5", "feedback": "Gần đúng"},
            {"value": "100", "tolerance": "1", "fraction": "1", "feedback": "Chính xác"},
        ]
    }
    exact = grade("numerical", {"number": "100,5"}, raw)
    assert (exact.fraction, exact.feedback) == (Decimal("1"), "Chính xác")
    near = grade("numerical", {"number": "105"}, raw)
    assert (near.fraction, near.state, near.feedback) == (Decimal("0.5"), "partial", "Gần đúng")


def test_numerical_refuses_text_with_a_message_naming_it():
    kind = question_type("numerical")
    with pytest.raises(ValidationError) as error:
        kind.clean_answer(payload_for("numerical"), {"number": "abc"})
    assert "abc" in " ".join(error.value.messages)


def test_numerical_clean_answer():
    kind = question_type("numerical")
    payload = payload_for("numerical")
    assert kind.clean_answer(payload, {"number": " 3,5 "}) == {"number": "3,5"}
    assert kind.clean_answer(payload, {"number": ""}) is None
    with pytest.raises(ValidationError):
        kind.clean_answer(payload, {"number": "1" * 51})


def test_numerical_zero_is_an_answer():
    raw = {"answers": [{"value": "0", "fraction": "1"}]}
    assert grade("numerical", {"number": 0}, raw).state == "right"
    assert grade("numerical", {"number": "0"}, raw).state == "right"


@pytest.mark.parametrize(
    "raw",
    [
        {"answers": [{"value": "abc", "fraction": "1"}]},
        {"answers": [{"value": "5", "tolerance": "x", "fraction": "1"}]},
        {"answers": [{"min": "10", "max": "5", "fraction": "1"}]},
        {"answers": [{"min": "10", "fraction": "1"}]},
        {"answers": [{"value": "5", "fraction": "0.5"}]},
        {"answers": []},
    ],
)
def test_numerical_refuses_bad_payloads(raw):
    with pytest.raises(ValidationError):
        question_type("numerical").clean_payload(raw)


def test_numerical_right_answer_uses_decimal_comma():
    kind = question_type("numerical")
    tolerance = {"answers": [{"value": "3.5", "tolerance": "0.1", "fraction": "1"}]}
    assert kind.right_answer(kind.clean_payload(tolerance)) == "3,5 ± 0,1"
    window = {"answers": [{"min": "1,5", "max": "2,5", "fraction": "1"}]}
    assert kind.right_answer(kind.clean_payload(window)) == "1,5 – 2,5"


# --- matching --------------------------------------------------------------------


@pytest.mark.parametrize(
    "pairs, fraction, state",
    [
        ({"i1": "o1", "i2": "o2"}, "1", "right"),
        ({"i1": "o1", "i2": "o3"}, "0.5", "partial"),  # o3 is a distractor
        ({"i1": "o1"}, "0.5", "partial"),
        ({"i1": "o2", "i2": "o1"}, "0", "wrong"),
        ({"i1": "o3", "i2": "o3"}, "0", "wrong"),
    ],
)
def test_matching_partial_credit_by_items(pairs, fraction, state):
    result = grade("matching", {"pairs": pairs})
    assert (result.fraction, result.state) == (Decimal(fraction), state)


def test_matching_three_items_give_thirds():
    raw = {
        "items": [{"text": f"Mục {n}", "option": f"o{n}"} for n in (1, 2, 3)],
        "options": [{"text": f"Đáp {n}"} for n in (1, 2, 3, 4)],
    }
    result = grade("matching", {"pairs": {"i1": "o1", "i2": "o2", "i3": "o4"}}, raw)
    assert result.fraction == Decimal(2) / Decimal(3)
    assert result.state == "partial"


@pytest.mark.parametrize(
    "raw",
    [
        {  # an item pointing to an option that does not exist
            "items": [{"text": "A", "option": "o1"}, {"text": "B", "option": "o9"}],
            "options": [{"text": "X"}, {"text": "Y"}],
        },
        {  # an item pointing to an option left empty
            "items": [{"text": "A", "option": "o1"}, {"text": "B", "option": "o2"}],
            "options": [{"text": "X"}, {"text": "  "}],
        },
        {"items": [{"text": "A", "option": "o1"}], "options": [{"text": "X"}]},
        {"items": [], "options": []},
        {
            "items": [
                {"key": "i", "text": "A", "option": "o1"},
                {"key": "i", "text": "B", "option": "o2"},
            ],
            "options": [{"text": "X"}, {"text": "Y"}],
        },
        {
            "items": [{"text": "A", "option": "x"}, {"text": "B", "option": "x"}],
            "options": [{"key": "x", "text": "X"}, {"key": "x", "text": "Y"}],
        },
    ],
)
def test_matching_refuses_bad_payloads(raw):
    with pytest.raises(ValidationError):
        question_type("matching").clean_payload(raw)


def test_matching_keeps_distractors_and_nfc():
    payload = payload_for(
        "matching",
        {
            "items": [{"text": nfd("Luật"), "option": "o1"}, {"text": "Nghị định", "option": "o2"}],
            "options": [{"text": nfd("Quốc hội")}, {"text": "Chính phủ"}, {"text": "Bộ trưởng"}],
        },
    )
    assert [option["text"] for option in payload["options"]] == [
        "Quốc hội",
        "Chính phủ",
        "Bộ trưởng",
    ]
    assert payload["items"][0]["text"] == "Luật"


def test_matching_clean_answer():
    kind = question_type("matching")
    payload = payload_for("matching")
    assert kind.clean_answer(payload, {"pairs": {"i1": "o3", "i2": ""}}) == {"pairs": {"i1": "o3"}}
    assert kind.clean_answer(payload, {"pairs": {"i1": None}}) is None
    for bad in ({"i9": "o1"}, {"i1": "o9"}, {"i1": ["o1"]}):
        with pytest.raises(ValidationError):
            kind.clean_answer(payload, {"pairs": bad})
    with pytest.raises(ValidationError):
        kind.clean_answer(payload, {"pairs": ["o1", "o2"]})


def test_matching_learner_view_hides_the_pairs():
    kind = question_type("matching")
    payload = payload_for("matching")
    view = kind.learner_view(payload, ["o3", "o1", "o2"], ["i2", "i1"])
    assert [item["key"] for item in view["items"]] == ["i2", "i1"]
    assert [option["key"] for option in view["options"]] == ["o3", "o1", "o2"]
    assert all(set(item) == {"key", "text"} for item in view["items"])


def test_matching_words_for_review():
    kind = question_type("matching")
    payload = payload_for("matching")
    assert kind.right_answer(payload) == "Luật → Quốc hội; Nghị định → Chính phủ"
    summary = kind.answer_summary(payload, {"pairs": {"i1": "o3"}})
    assert summary == "Luật → Bộ trưởng; Nghị định → —"


# --- essay, case analysis, description ---------------------------------------


def test_essay_with_text_or_files_waits_for_a_person():
    kind = question_type("essay")
    payload = payload_for("essay")
    assert kind.graded_by_hand and kind.has_mark
    answer = kind.clean_answer(payload, {"text": "<p>Bài làm</p>"})
    assert kind.grade(payload, answer) == kind.grade(payload, answer, has_files=True)
    assert (kind.grade(payload, answer).fraction, kind.grade(payload, answer).state) == (
        None,
        "manual",
    )
    files_only = kind.grade(payload, None, has_files=True)
    assert (files_only.fraction, files_only.state) == (None, "manual")


@pytest.mark.parametrize("text", ["", "   ", "<p></p>", "<p> &nbsp; </p>", "<script>x</script>"])
def test_an_empty_essay_without_files_is_zero_not_manual(text):
    result = grade("essay", {"text": text})
    assert result.fraction == Decimal("0")
    assert result.state == "unanswered"


def test_essay_answer_is_nfc_and_sanitised():
    kind = question_type("essay")
    payload = payload_for("essay")
    cleaned = kind.clean_answer(payload, {"text": nfd("<p>Nhà nước</p><script>x()</script>")})
    assert "<script" not in cleaned["text"]
    assert "Nhà nước" in cleaned["text"]
    with pytest.raises(ValidationError):
        kind.clean_answer(payload, {"text": "a" * 200_001})


@pytest.mark.parametrize(
    "raw",
    [
        {"attachments": 6},
        {"attachments": -1},
        {"attachments": "hai"},
        {"max_bytes": "nhiều"},
        {"min_words": "x"},
        {"max_words": -5},
    ],
)
def test_essay_refuses_bad_settings(raw):
    with pytest.raises(ValidationError):
        question_type("essay").clean_payload(raw)


def test_essay_defaults_and_learner_view_hide_grader_information():
    kind = question_type("essay")
    payload = kind.clean_payload({"attachments": "2", "file_types": ["PDF", ".docx", ""]})
    assert payload["attachments"] == 2
    assert payload["file_types"] == [".pdf", ".docx"]
    assert payload["format"] == "html"
    hidden = kind.clean_payload({"grader_info": "Chấm theo thang điểm riêng"})
    assert "Chấm theo" not in json.dumps(kind.learner_view(hidden, [], []), ensure_ascii=False)


@pytest.mark.parametrize("raw", [{}, {"case_page": ""}, {"case_page": None}, {"case_page": "abc"}])
def test_case_analysis_requires_a_case_page(raw):
    with pytest.raises(ValidationError):
        question_type("case").clean_payload(raw)


def test_case_analysis_is_an_essay_about_a_case():
    kind = question_type("case")
    payload = kind.clean_payload({"case_page": "12"})
    assert payload["case_page"] == 12
    assert kind.learner_view(payload, [], [])["case_page"] == 12
    answer = kind.clean_answer(payload, {"text": "Phân tích"})
    assert kind.grade(payload, answer).fraction is None
    assert kind.grade(payload, None).fraction == Decimal("0")


def test_description_has_no_mark_and_no_answer():
    kind = question_type("description")
    assert kind.has_mark is False
    payload = kind.clean_payload({})
    assert kind.clean_answer(payload, {"text": "x"}) is None
    assert kind.grade(payload, None).fraction == Decimal("0")
