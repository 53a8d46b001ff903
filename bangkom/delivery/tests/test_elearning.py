"""E-learning: building a course, following it, completion crediting JP exactly once, video
links, and the pages over every persona (denied writes change nothing)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from bangkom.core.errors import ServiceError
from bangkom.delivery.models import (
    Course,
    CourseEnrolment,
    JpCredit,
    JpSource,
    Module,
    ModuleProgress,
    QuestionBank,
)
from bangkom.delivery.services.elearning import (
    CourseData,
    course_complete_if_done,
    course_enrol,
    course_quiz_submit,
    course_save,
    module_add,
    module_mark_done,
    video_url_problem,
)
from bangkom.delivery.services.quiz import attempt_start
from bangkom.delivery.tests.quiz_helpers import make_quiz, right_answers
from bangkom.planning.models import DevelopmentForm
from bangkom.testing.world import PERSONAS, World

pytestmark = pytest.mark.django_db


def make_course(
    world: World, *, with_quiz: bool = True, units: str = "2"
) -> tuple[Course, list[Module], tuple]:
    admin = world.user("bkpsdm")
    quiz_parts = make_quiz(world) if with_quiz else None
    course = course_save(
        instansi=world.instansi,
        data=CourseData(
            title="Pelayanan Publik Dasar",
            jp_units=units,
            is_published=True,
            final_quiz=quiz_parts[0] if quiz_parts else None,
        ),
        acting_user=admin,
    )
    modules = [
        module_add(course=course, kind="text", title="Pengantar", body="Isi.", acting_user=admin),
        module_add(
            course=course,
            kind="video",
            title="Video",
            video_url="https://www.youtube.com/watch?v=abc",
            acting_user=admin,
        ),
    ]
    return course, modules, quiz_parts  # type: ignore[return-value]


def finish_modules(world: World, course: Course, modules: list[Module]) -> CourseEnrolment:
    user = world.user("employee")
    course_enrol(course=course, employee=world.employee, acting_user=user)
    enrolment = None
    for module in modules:
        enrolment = module_mark_done(module=module, employee=world.employee, acting_user=user)
    assert enrolment is not None
    return enrolment


def test_completion_needs_every_module_and_the_quiz_then_credits_jp_once(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    course, modules, (quiz, short, choice) = make_course(world)
    user = world.user("employee")
    enrolment = finish_modules(world, course, modules[:1])
    assert enrolment.completed_at is None
    enrolment = module_mark_done(module=modules[1], employee=world.employee, acting_user=user)
    assert enrolment.completed_at is None  # the quiz is not passed yet
    assert not JpCredit.objects.filter(employee=world.employee).exists()
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    attempt, enrolment = course_quiz_submit(
        course=course, attempt=attempt, answers=right_answers(short, choice), acting_user=user
    )
    assert enrolment.completed_at is not None
    credit = JpCredit.objects.get(employee=world.employee)
    assert (credit.source, credit.source_key) == (JpSource.ELEARNING, f"elearning:{course.pk}")
    assert credit.jp == Decimal(2)
    assert credit.form == forms["e-learning"]
    # Marking again, completing again: still one line.
    module_mark_done(module=modules[0], employee=world.employee, acting_user=user)
    course_complete_if_done(course=course, employee=world.employee, acting_user=user)
    assert JpCredit.objects.filter(employee=world.employee).count() == 1


def test_the_e_learning_cap_of_3_jp_a_day_applies(
    world: World, forms: dict[str, DevelopmentForm]
) -> None:
    course, modules, _parts = make_course(world, with_quiz=False, units="8")
    finish_modules(world, course, modules)
    assert JpCredit.objects.get(employee=world.employee).jp == Decimal(3)


def test_a_failed_quiz_does_not_complete(world: World, forms: dict[str, DevelopmentForm]) -> None:
    course, modules, (quiz, short, _choice) = make_course(world)
    user = world.user("employee")
    finish_modules(world, course, modules)
    attempt = attempt_start(quiz=quiz, employee=world.employee, acting_user=user)
    _attempt, enrolment = course_quiz_submit(
        course=course, attempt=attempt, answers={str(short.pk): "Atambua"}, acting_user=user
    )
    assert enrolment.completed_at is None
    assert not JpCredit.objects.exists()


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.youtube.com/watch?v=x", True),
        ("https://youtu.be/x", True),
        ("https://vimeo.com/123", True),
        ("http://www.youtube.com/watch?v=x", False),
        ("https://evil.example/youtube.com", False),
        ("https://youtube.com.evil.example/x", False),
        ("javascript:alert(1)", False),
        ("", False),
    ],
)
def test_video_links_only_over_https_to_known_hosts(url: str, ok: bool) -> None:
    assert (video_url_problem(url) is None) is ok


def test_module_input_is_checked_and_nothing_saved(world: World) -> None:
    course, _modules, _parts = make_course(world, with_quiz=False)
    with pytest.raises(ServiceError) as excinfo:
        module_add(
            course=course,
            kind="video",
            title="",
            video_url="https://example.org/v",
            acting_user=world.user("bkpsdm"),
        )
    assert set(excinfo.value.message_dict) == {"title", "video_url"}
    assert course.modules.count() == 2


def test_self_enrolment_only_for_open_published_courses_of_ones_instansi(world: World) -> None:
    course, _modules, _parts = make_course(world, with_quiz=False)
    course_save(
        instansi=world.instansi,
        data=CourseData(title=course.title, self_enrol=False, is_published=True),
        course=course,
        acting_user=world.user("bkpsdm"),
    )
    with pytest.raises(ServiceError, match="tidak terbuka"):
        course_enrol(course=course, employee=world.employee, acting_user=world.user("employee"))
    with pytest.raises(PermissionDenied):
        course_enrol(
            course=course,
            employee=world.other_employee,
            acting_user=world.user("outsider_employee"),
        )
    with pytest.raises(PermissionDenied):
        course_enrol(course=course, employee=world.employee, acting_user=world.user("supervisor"))
    assert not CourseEnrolment.objects.exists()


# --- pages -------------------------------------------------------------------------------

COURSE_LIST_STATUS = {
    "superadmin": 200,
    "bkpsdm": 200,
    "opd_admin": 403,
    "supervisor": 200,
    "employee": 200,
    "partner": 403,
    "pimpinan": 200,
    "outsider": 200,
    "outsider_employee": 200,
}
# The course of Kota Uji: employees of Kota Uji and its admins/leadership see it.
COURSE_DETAIL_STATUS = {
    "superadmin": 200,
    "bkpsdm": 200,
    "opd_admin": 404,
    "supervisor": 200,
    "employee": 200,
    "partner": 404,
    "pimpinan": 200,
    "outsider": 404,
    "outsider_employee": 404,
}
# Marking a module done: only an ASN of the instansi (the employee persona) for themself;
# admins see the module but are not ASN (403); others do not see it (404).
MODULE_DONE_STATUS = {
    "superadmin": 403,
    "bkpsdm": 403,
    "opd_admin": 404,
    "supervisor": 302,
    "employee": 302,
    "partner": 404,
    "pimpinan": 403,
    "outsider": 404,
    "outsider_employee": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_course_pages_over_personas(client: Client, world: World, persona: str) -> None:
    course, modules, _parts = make_course(world, with_quiz=False)
    client.force_login(world.user(persona))
    assert (
        client.get(reverse("delivery_elearning:course_list")).status_code
        == (COURSE_LIST_STATUS[persona])
    )
    detail = client.get(reverse("delivery_elearning:course_detail", args=[course.pk]))
    assert detail.status_code == COURSE_DETAIL_STATUS[persona]
    module = client.get(reverse("delivery_elearning:module", args=[modules[0].pk]))
    assert module.status_code == COURSE_DETAIL_STATUS[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_marking_a_module_done_over_personas(client: Client, world: World, persona: str) -> None:
    course, modules, _parts = make_course(world, with_quiz=False)
    for employee, user in ((world.employee, "employee"), (world.supervisor, "supervisor")):
        course_enrol(course=course, employee=employee, acting_user=world.user(user))
    client.force_login(world.user(persona))
    response = client.post(reverse("delivery_elearning:module_done", args=[modules[0].pk]))
    assert response.status_code == MODULE_DONE_STATUS[persona]
    done = set(ModuleProgress.objects.values_list("employee__user__username", flat=True))
    if response.status_code == 302:
        assert done == {persona}
    else:
        assert done == set()


MANAGE_STATUS = {
    "superadmin": (200, 302),
    "bkpsdm": (200, 302),
    "opd_admin": (403, 403),
    "supervisor": (403, 403),
    "employee": (403, 403),
    "partner": (403, 403),
    "pimpinan": (200, 403),
    "outsider": (200, 302),
    "outsider_employee": (403, 403),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_question_bank_pages_over_personas(client: Client, world: World, persona: str) -> None:
    client.force_login(world.user(persona))
    get_status, post_status = MANAGE_STATUS[persona]
    assert client.get(reverse("delivery_elearning:bank_list")).status_code == get_status
    response = client.post(reverse("delivery_elearning:bank_list"), {"name": "Bank uji"})
    assert response.status_code == post_status
    assert QuestionBank.objects.filter(name="Bank uji").exists() is (post_status == 302)


EDIT_STATUS = {
    "superadmin": 302,
    "bkpsdm": 302,
    "opd_admin": 404,
    "supervisor": 403,
    "employee": 403,
    "partner": 404,
    "pimpinan": 403,
    "outsider": 404,
    "outsider_employee": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_a_module_over_personas(client: Client, world: World, persona: str) -> None:
    course, _modules, _parts = make_course(world, with_quiz=False)
    client.force_login(world.user(persona))
    response = client.post(
        reverse("delivery_elearning:course_edit", args=[course.pk]),
        {"action": "module", "kind": "text", "title": "Modul baru", "body": "Isi baru"},
    )
    assert response.status_code == EDIT_STATUS[persona]
    assert course.modules.filter(title="Modul baru").exists() is (response.status_code == 302)


def test_quiz_page_journey_and_refused_answers(
    client: Client, world: World, forms: dict[str, DevelopmentForm]
) -> None:
    course, modules, (_quiz, short, choice) = make_course(world)
    finish_modules(world, course, modules)
    client.force_login(world.user("employee"))
    url = reverse("delivery_elearning:course_quiz", args=[course.pk])
    assert client.post(url, {"action": "start"}).status_code == 302
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="q{short.pk}"' in page.content.decode()
    refused = client.post(url, {"action": "submit", f"q{choice.pk}": "999999"})
    assert refused.status_code == 400
    assert "Pilihan jawaban tidak ada" in refused.content.decode()
    assert not JpCredit.objects.exists()
    correct = choice.options.get(is_correct=True)
    done = client.post(
        url,
        {"action": "submit", f"q{short.pk}": "KUPANG", f"q{choice.pk}": str(correct.pk)},
        follow=True,
    )
    assert "JP masuk" in done.content.decode()
    assert JpCredit.objects.filter(employee=world.employee, source=JpSource.ELEARNING).count() == 1


def test_an_admin_builds_a_bank_a_quiz_and_a_course_through_the_pages(
    client: Client, world: World, forms: dict[str, DevelopmentForm]
) -> None:
    client.force_login(world.user("bkpsdm"))
    response = client.post(reverse("delivery_elearning:bank_list"), {"name": "Etika ASN"})
    bank = QuestionBank.objects.get(name="Etika ASN")
    assert response.status_code == 302
    url = reverse("delivery_elearning:bank_detail", args=[bank.pk])
    kept = client.post(
        url,
        {
            "action": "question",
            "kind": "choice",
            "text": "Nilai dasar ASN?",
            "options": "BerAKHLAK\nLainnya",
            "points": "1",
        },
    )
    assert kept.status_code == 400
    assert "Tandai paling sedikit satu jawaban benar." in kept.content.decode()
    assert "BerAKHLAK" in kept.content.decode()  # what was typed stays
    client.post(
        url,
        {
            "action": "question",
            "kind": "choice",
            "text": "Nilai dasar ASN?",
            "options": "*BerAKHLAK\nLainnya",
            "points": "1",
        },
    )
    client.post(
        url,
        {
            "action": "question",
            "kind": "short",
            "text": "Singkatan ASN?",
            "accepted_answers": "Aparatur Sipil Negara",
            "points": "2",
        },
    )
    question = bank.questions.get(kind="choice")
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("BerAKHLAK", True),
        ("Lainnya", False),
    ]
    client.post(
        url, {"action": "quiz", "title": "Kuis etika", "pass_mark": "60", "max_attempts": "3"}
    )
    quiz = bank.quizzes.get()
    assert (quiz.pass_mark, quiz.max_attempts) == (60, 3)
    response = client.post(
        reverse("delivery_elearning:manage_courses"),
        {
            "title": "Etika ASN",
            "jp_units": "2",
            "final_quiz": quiz.pk,
            "self_enrol": "on",
            "is_published": "on",
            "form": forms["e-learning"].pk,
        },
    )
    course = Course.objects.get(title="Etika ASN")
    assert response.status_code == 302
    assert (course.final_quiz, course.is_published) == (quiz, True)
