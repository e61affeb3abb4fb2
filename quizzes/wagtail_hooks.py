"""Admin wiring of the quiz engine. Each admin module keeps its views; only hooks live here."""

from wagtail import hooks

from quizzes.manage import admin as manage_admin

# --- Grading, results, statistics and overrides (quizzes.manage) -------------


@hooks.register("register_admin_urls")
def register_quiz_manage_urls():
    return manage_admin.admin_urls()


@hooks.register("register_page_header_buttons")
def quiz_manage_header_buttons(page, user, view_name, next_url=None):
    return manage_admin.page_header_buttons(page, user, view_name, next_url)


@hooks.register("register_page_listing_more_buttons")
def quiz_manage_listing_buttons(page, user, next_url=None):
    return manage_admin.page_listing_more_buttons(page, user, next_url)


@hooks.register("register_admin_menu_item")
def quiz_grading_menu_item():
    return manage_admin.grading_menu_item()


# --- Question bank: screens, menu item, question and category choosers (quizzes.bank) -----

from quizzes.bank import admin as bank_admin  # noqa: E402

bank_admin.register_url_finders()


@hooks.register("register_admin_urls")
def register_question_bank_urls():
    return bank_admin.admin_urls()


@hooks.register("register_admin_menu_item")
def question_bank_menu_item():
    return bank_admin.menu_item()


@hooks.register("register_admin_viewset")
def register_question_choosers():
    return bank_admin.chooser_viewsets()
