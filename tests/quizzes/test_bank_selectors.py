"""Reads and category writes behind the bank screens: ``quizzes.bank.listing`` and
``quizzes.bank.categories``."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quizzes.bank import categories, listing
from quizzes.bank.selectors import categories_visible_to, category_can_edit, minimal_paths
from quizzes.models import QuestionCategory
from tests.factories import ProfileFactory, TrainingUnitFactory, UserFactory, lecturer
from tests.factories import manager as make_manager
from tests.lessons.builders import make_course
from tests.quizzes.builders import make_category, make_question

pytestmark = pytest.mark.django_db


def staff(unit):
    user = lecturer()
    ProfileFactory(user=user, unit=unit)
    return user


def fresh(user):
    """The user as a new request would load it (the listing memoises per user object)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def units():
    return TrainingUnitFactory(code="a"), TrainingUnitFactory(code="b")


@pytest.fixture
def tree(units):
    unit_a, unit_b = units
    root = make_category(name="A", unit=unit_a)
    child = make_category(name="A1", parent=root)
    leaf = make_category(name="A11", parent=child)
    other = make_category(name="B", unit=unit_b)
    other_child = make_category(name="B1", parent=other)
    return {"root": root, "child": child, "leaf": leaf, "other": other, "other_child": other_child}


def test_minimal_paths_keep_one_per_subtree():
    assert minimal_paths({"0001", "00010001", "000100010001", "0002", "00020003"}) == [
        "0001",
        "0002",
    ]


def test_editable_categories_follow_category_can_edit(units, tree):
    unit_a, unit_b = units
    tree["other_child"].shared_with.add(unit_a)
    teacher = staff(unit_a)
    course = make_course(lecturers=[teacher])
    course_bank = make_category(name="Khóa", course=course)
    people = [teacher, staff(unit_b), lecturer(), make_manager(), UserFactory(is_superuser=True)]
    for user in people:
        editable = set(listing.categories_editable_by(user=user))
        for category in QuestionCategory.objects.all():
            assert (category in editable) == category_can_edit(user=user, category=category), (
                user,
                category,
            )
    assert course_bank in listing.categories_editable_by(user=teacher)


def test_visible_and_editable_ids_match_the_selectors(units, tree):
    unit_a, _ = units
    tree["other_child"].shared_with.add(unit_a)
    user = staff(unit_a)
    assert listing.visible_category_ids(user=user) == set(
        categories_visible_to(user=user).values_list("pk", flat=True)
    )
    assert listing.editable_category_ids(user=user) == {
        tree[name].pk for name in ("root", "child", "leaf")
    }
    assert listing.visible_category_ids(user=UserFactory(is_superuser=True)) is None


def test_the_tree_levels_count_visible_ancestors(units, tree):
    unit_a, _ = units
    tree["other_child"].shared_with.add(unit_a)
    make_question(category=tree["leaf"])
    make_question(category=tree["leaf"])
    rows = {c.pk: c for c in listing.category_tree(user=staff(unit_a))}
    assert [rows[tree[n].pk].level for n in ("root", "child", "leaf", "other_child")] == [
        0,
        1,
        2,
        0,
    ]
    assert rows[tree["leaf"].pk].question_count == 2
    assert rows[tree["root"].pk].question_count == 0
    assert rows[tree["root"].pk].editable and not rows[tree["other_child"].pk].editable
    assert tree["other"].pk not in rows


def test_bank_questions_filters_and_pages_in_order(units, tree):
    unit_a, _ = units
    user = staff(unit_a)
    first = make_question(category=tree["leaf"], name="Đất đai", tags=["luật"], user=user)
    second = make_question(category=tree["root"], qtype="truefalse", difficulty="hard")
    make_question(category=tree["other"], name="Đất đai khác")
    ids = lambda **filters: list(  # noqa: E731
        listing.bank_questions(user=user, **filters).values_list("pk", flat=True)
    )
    assert ids() == [second.pk, first.pk]
    assert ids(ordering="updated") == [first.pk, second.pk]
    assert ids(text="dat dai") == [first.pk]
    assert ids(category=tree["root"], include_subcategories=False) == [second.pk]
    assert ids(category=tree["child"]) == [first.pk]
    assert ids(tag="luật") == [first.pk]
    assert ids(author=user) == [first.pk]
    assert ids(qtype="truefalse", difficulty="hard", status="ready") == [second.pk]
    rows = listing.page_rows(listing.bank_questions(user=user), [first.pk, second.pk, 999999])
    assert rows == [first, second]


def test_bank_tags_and_authors_come_from_visible_questions(units, tree):
    unit_a, unit_b = units
    user, outsider = staff(unit_a), staff(unit_b)
    make_question(category=tree["leaf"], tags=["luật", "đất đai"], user=user)
    make_question(category=tree["other"], tags=["bí mật"], user=outsider)
    assert listing.bank_tags(user=user) == ["luật", "đất đai"]
    assert list(listing.bank_authors(user=user)) == [user]


# Category writes ---------------------------------------------------------------------------


def test_category_add_checks_the_owner_and_the_parent(units, tree):
    unit_a, unit_b = units
    user = staff(unit_a)
    root = categories.category_add(user=user, name="Mới", unit=unit_a, shared=[unit_b])
    assert root.is_root() and list(root.shared_with.all()) == [unit_b]
    child = categories.category_add(user=user, name="Con", parent=tree["child"])
    assert child.get_parent() == tree["child"] and child.unit == unit_a
    with pytest.raises(PermissionDenied):
        categories.category_add(user=user, name="Của B", unit=unit_b)
    with pytest.raises(PermissionDenied):
        categories.category_add(user=user, name="Dưới B", parent=tree["other"])
    with pytest.raises(PermissionDenied):
        categories.category_add(user=user, name="Khóa lạ", course=make_course())
    with pytest.raises(ValidationError):
        categories.category_add(user=user, name="Không chủ")
    with pytest.raises(PermissionDenied):
        categories.category_add(user=make_manager(), name="QL", unit=unit_a)


def test_category_update_moves_the_owner_of_the_whole_tree(units, tree):
    unit_a, _ = units
    user = staff(unit_a)
    course = make_course(lecturers=[user])
    categories.category_update(category=tree["root"], user=user, name="A mới", course=course)
    assert set(
        QuestionCategory.objects.filter(path__startswith=tree["root"].path).values_list(
            "course_id", "unit_id"
        )
    ) == {(course.pk, None)}
    with pytest.raises(PermissionDenied):
        categories.category_update(category=tree["other"], user=user, name="Đổi")
    with pytest.raises(ValidationError):
        categories.category_update(category=tree["child"], user=user, name="  ")


def test_category_move_takes_the_new_parents_owner(units, tree):
    unit_a, unit_b = units
    manager_of_all = UserFactory(is_superuser=True)
    moved = categories.category_move(
        category=tree["other"], user=manager_of_all, parent=tree["root"]
    )
    assert moved.get_parent() == tree["root"]
    assert set(
        QuestionCategory.objects.filter(path__startswith=moved.path).values_list(
            "unit_id", flat=True
        )
    ) == {unit_a.pk}
    with pytest.raises(ValidationError):
        categories.category_move(category=tree["root"], user=manager_of_all, parent=tree["leaf"])
    user = staff(unit_b)
    with pytest.raises(PermissionDenied):
        categories.category_move(category=tree["child"], user=user, parent=None)


def test_category_delete_refuses_non_empty_categories(units, tree):
    unit_a, _ = units
    user = staff(unit_a)
    with pytest.raises(ValidationError):
        categories.category_delete(category=tree["child"], user=user)
    make_question(category=tree["leaf"])
    with pytest.raises(ValidationError):
        categories.category_delete(category=tree["leaf"], user=user)
    with pytest.raises(PermissionDenied):
        categories.category_delete(category=tree["other_child"], user=user)
    categories.category_delete(category=tree["other_child"], user=make_manager_of_banks())
    assert not QuestionCategory.objects.filter(pk=tree["other_child"].pk).exists()


def make_manager_of_banks():
    return UserFactory(is_superuser=True)


def test_the_listing_memo_lives_with_the_user_object(units, tree):
    unit_a, _ = units
    user = staff(unit_a)
    before = listing.visible_category_ids(user=user)
    added = make_category(name="Thêm", unit=unit_a)
    assert added.pk not in listing.visible_category_ids(user=user)
    assert listing.visible_category_ids(user=fresh(user)) == before | {added.pk}
