"""E-learning pages: an ASN's courses, modules, the final quiz and the progress bar; the
admins' course builder, question banks and quizzes (under /pelaksanaan/elearning/)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.accounts.scope import scope_for
from bangkom.core.access import deny, get_visible_or_404
from bangkom.core.errors import ServiceError
from bangkom.core.forms import apply_service_errors, set_choices
from bangkom.delivery.access_elearning import (
    banks_for_user,
    courses_for_user,
    get_bank_for_user,
    get_course_for_user,
)
from bangkom.delivery.forms_elearning import (
    BankForm,
    CourseForm,
    ModuleForm,
    QuestionForm,
    QuizForm,
)
from bangkom.delivery.models import Attempt, Module, Question, QuestionKind, Quiz
from bangkom.delivery.selectors_elearning import course_progress
from bangkom.delivery.services.elearning import (
    CourseData,
    course_enrol,
    course_quiz_submit,
    course_save,
    module_add,
    module_mark_done,
)
from bangkom.delivery.services.quiz import (
    OptionData,
    attempt_start,
    attempts_left,
    open_attempt,
    question_add,
    question_bank_save,
    quiz_save,
)
from bangkom.organisation.models import Employee, Instansi
from bangkom.planning.models import DevelopmentForm


def _employee(request: HttpRequest) -> Employee | None:
    scope = scope_for(request.user)
    if not scope.employee_id:
        return None
    return Employee.objects.select_related("instansi").get(pk=scope.employee_id)


def _own_employee(request: HttpRequest) -> Employee:
    employee = _employee(request)
    if employee is None:
        raise PermissionDenied(
            _("Halaman ini untuk ASN yang akunnya terhubung dengan data pegawai.")
        )
    return employee


def _admin_instansi(request: HttpRequest) -> list[Instansi]:
    ids = scope_for(request.user).admin_instansi_ids
    return list(Instansi.objects.filter(pk__in=ids).order_by("nama"))


# --- the ASN's pages -----------------------------------------------------------------------


@login_required
@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.employee_id and not scope.read_instansi_ids:
        raise deny()
    employee = _employee(request)
    rows = []
    for course in courses_for_user(request.user).filter(is_published=True).order_by("title"):
        rows.append(
            {"course": course, "progress": course_progress(course, employee) if employee else None}
        )
    return render(
        request,
        "delivery/elearning/course_list.html",
        {"rows": rows, "can_manage": bool(scope.admin_instansi_ids)},
    )


@login_required
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk)
    employee = _employee(request)
    progress = course_progress(course, employee) if employee else None
    modules = list(course.modules.order_by("order", "pk"))
    return render(
        request,
        "delivery/elearning/course_detail.html",
        {"course": course, "modules": modules, "progress": progress, "employee": employee},
    )


@login_required
@require_POST
def course_enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk)
    employee = _own_employee(request)
    try:
        course_enrol(course=course, employee=employee, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Anda terdaftar di kursus ini. Selamat belajar!"))
    return redirect("delivery_elearning:course_detail", pk=course.pk)


def _module_for_user(request: HttpRequest, pk: int) -> Module:
    courses = courses_for_user(request.user).values("pk")
    return get_visible_or_404(
        Module.objects.filter(course__in=courses).select_related("course", "course__instansi"), pk
    )


def _jp_message(request: HttpRequest, enrolment: Any, was_done: bool) -> None:
    if not was_done and enrolment.completed_at is not None and enrolment.credit is not None:
        messages.success(
            request,
            _("Kursus selesai. JP masuk: %(jp)s JP tercatat di JP saya.")
            % {"jp": enrolment.credit.jp.normalize() if enrolment.credit.jp else Decimal(0)},
        )


@login_required
@require_GET
def module_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _module_for_user(request, pk)
    employee = _employee(request)
    progress = course_progress(module.course, employee) if employee else None
    modules = list(module.course.modules.order_by("order", "pk"))
    index = next(i for i, m in enumerate(modules) if m.pk == module.pk)
    return render(
        request,
        "delivery/elearning/module.html",
        {
            "module": module,
            "course": module.course,
            "progress": progress,
            "done": bool(progress and module.pk in progress.done_ids),
            "next_module": modules[index + 1] if index + 1 < len(modules) else None,
            "position": index + 1,
            "count": len(modules),
        },
    )


@login_required
@require_POST
def module_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _module_for_user(request, pk)
    employee = _own_employee(request)
    before = course_progress(module.course, employee)
    try:
        enrolment = module_mark_done(module=module, employee=employee, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("delivery_elearning:module", pk=module.pk)
    _jp_message(request, enrolment, before.completed)
    following = module.course.modules.filter(order__gt=module.order).order_by("order", "pk").first()
    if following is not None and request.POST.get("next") == "1":
        return redirect("delivery_elearning:module", pk=following.pk)
    return redirect("delivery_elearning:course_detail", pk=module.course.pk)


@login_required
@require_GET
def module_file(request: HttpRequest, pk: int) -> FileResponse:
    module = _module_for_user(request, pk)
    if not module.file:
        raise Http404(_("Data tidak ditemukan."))
    return FileResponse(
        module.file.open("rb"), as_attachment=False, filename=module.file.name.rsplit("/", 1)[-1]
    )


def _quiz_questions(attempt: Attempt) -> list[Question]:
    by_id = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("options")
    }
    questions = [by_id[pk] for pk in attempt.question_ids if pk in by_id]
    for question in questions:
        # Several correct options: checkboxes; one: radio buttons.
        question.multi = sum(1 for o in question.options.all() if o.is_correct) > 1  # type: ignore[attr-defined]
    return questions


def _answers_from_post(request: HttpRequest, questions: list[Question]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in questions:
        key = f"q{question.pk}"
        if question.kind == QuestionKind.CHOICE:
            picked = request.POST.getlist(key)
            if picked:
                answers[str(question.pk)] = [int(v) if v.isdigit() else v for v in picked]
        else:
            text = request.POST.get(key, "")
            if text.strip():
                answers[str(question.pk)] = text
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def course_quiz(request: HttpRequest, pk: int) -> HttpResponse:
    """The course's final quiz: start an attempt, answer, submit; the score shows at once."""
    course = get_course_for_user(request.user, pk)
    quiz = course.final_quiz
    if quiz is None:
        raise Http404(_("Data tidak ditemukan."))
    employee = _own_employee(request)
    progress = course_progress(course, employee)
    if progress.enrolment is None:
        messages.error(request, _("Daftar ke kursus ini terlebih dahulu."))
        return redirect("delivery_elearning:course_detail", pk=course.pk)
    attempt = open_attempt(quiz, employee)
    errors: list[str] = []
    posted: dict[str, Any] = {}
    status = 200
    if request.method == "POST" and request.POST.get("action") == "start":
        try:
            attempt_start(quiz=quiz, employee=employee, acting_user=request.user)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("delivery_elearning:course_quiz", pk=course.pk)
    if request.method == "POST" and attempt is not None:
        questions = _quiz_questions(attempt)
        posted = _answers_from_post(request, questions)
        try:
            attempt, enrolment = course_quiz_submit(
                course=course, attempt=attempt, answers=posted, acting_user=request.user
            )
        except ServiceError as exc:
            errors = exc.messages
            status = 400
        else:
            if attempt.passed:
                messages.success(
                    request, _("Nilai Anda %(score)s: lulus.") % {"score": attempt.score}
                )
            else:
                messages.warning(
                    request,
                    _("Nilai Anda %(score)s; nilai lulus %(mark)s.")
                    % {"score": attempt.score, "mark": quiz.pass_mark},
                )
            _jp_message(request, enrolment, progress.completed)
            return redirect("delivery_elearning:course_detail", pk=course.pk)
    questions = _quiz_questions(attempt) if attempt is not None else []
    past = Attempt.objects.filter(quiz=quiz, employee=employee, submitted_at__isnull=False)
    return render(
        request,
        "delivery/elearning/quiz.html",
        {
            "course": course,
            "quiz": quiz,
            "attempt": attempt,
            "questions": questions,
            "errors": errors,
            "posted": posted,
            "past": past.order_by("number"),
            "left": attempts_left(quiz, employee),
        },
        status=status,
    )


# --- the admins' pages ---------------------------------------------------------------------


def _course_form(
    request: HttpRequest, instansi_id: int, initial: dict[str, Any] | None = None
) -> CourseForm:
    form = CourseForm(request.POST or None, initial=initial)
    set_choices(
        form,
        "form",
        DevelopmentForm.objects.filter(instansi_id=instansi_id).order_by("urutan", "nama"),
    )
    set_choices(form, "final_quiz", Quiz.objects.filter(instansi_id=instansi_id).order_by("title"))
    return form


def _course_data(form: CourseForm) -> CourseData:
    data = form.cleaned_data
    return CourseData(
        title=data["title"] or "",
        description=data["description"] or "",
        form=data["form"],
        jp_units=data["jp_units"] if data["jp_units"] is not None else "",
        self_enrol=data["self_enrol"],
        is_published=data["is_published"],
        final_quiz=data["final_quiz"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_courses(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.read_instansi_ids:
        raise deny()
    admin_of = _admin_instansi(request)
    if request.method == "POST" and not admin_of:
        raise deny()
    instansi = admin_of[0] if admin_of else None
    form = _course_form(request, instansi.pk if instansi else 0)
    status = 200
    if request.method == "POST" and instansi is not None and form.is_valid():
        try:
            course = course_save(
                instansi=instansi, data=_course_data(form), acting_user=request.user
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kursus disimpan. Tambahkan modulnya."))
            return redirect("delivery_elearning:course_edit", pk=course.pk)
    if request.method == "POST":
        status = 400
    courses = courses_for_user(request.user).order_by("title")
    return render(
        request,
        "delivery/elearning/manage_courses.html",
        {
            "courses": courses,
            "form": form if admin_of else None,
            "banks": banks_for_user(request.user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk, for_write=request.method == "POST")
    if not scope_for(request.user).read_instansi_ids:
        raise deny()
    initial = {
        "title": course.title,
        "description": course.description,
        "form": course.form_id,
        "jp_units": course.jp_units,
        "final_quiz": course.final_quiz_id,
        "self_enrol": course.self_enrol,
        "is_published": course.is_published,
    }
    is_module = request.method == "POST" and request.POST.get("action") == "module"
    course_form = _course_form(
        _get_only(request) if is_module else request, course.instansi_id, initial
    )
    module_form = ModuleForm(
        request.POST if is_module else None, request.FILES if is_module else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if is_module and module_form.is_valid():
            data = module_form.cleaned_data
            try:
                module_add(
                    course=course,
                    kind=data["kind"],
                    title=data["title"] or "",
                    body=data["body"] or "",
                    file=data["file"],
                    video_url=data["video_url"] or "",
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(module_form, exc)
            else:
                messages.success(request, _("Modul ditambahkan."))
                return redirect("delivery_elearning:course_edit", pk=course.pk)
        elif not is_module and course_form.is_valid():
            try:
                course_save(
                    instansi=course.instansi,
                    data=_course_data(course_form),
                    course=course,
                    acting_user=request.user,
                )
            except ServiceError as exc:
                apply_service_errors(course_form, exc)
            else:
                messages.success(request, _("Kursus disimpan."))
                return redirect("delivery_elearning:course_edit", pk=course.pk)
    return render(
        request,
        "delivery/elearning/course_edit.html",
        {
            "course": course,
            "course_form": course_form,
            "module_form": module_form,
            "modules": course.modules.order_by("order", "pk"),
            "can_write": scope_for(request.user).can_admin(course.instansi_id),
        },
        status=status,
    )


def _get_only(request: HttpRequest) -> HttpRequest:
    """A request without its POST data, so a second form on the page renders unbound."""
    clone = HttpRequest()
    clone.method = "GET"
    return clone


@login_required
@require_http_methods(["GET", "POST"])
def bank_list(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).read_instansi_ids:
        raise deny()
    admin_of = _admin_instansi(request)
    if request.method == "POST" and not admin_of:
        raise deny()
    form = BankForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            bank = question_bank_save(
                instansi=admin_of[0], name=form.cleaned_data["name"] or "", acting_user=request.user
            )
        except ServiceError as exc:
            apply_service_errors(form, exc)
            status = 400
        else:
            messages.success(request, _("Bank soal dibuat. Tambahkan soalnya."))
            return redirect("delivery_elearning:bank_detail", pk=bank.pk)
    return render(
        request,
        "delivery/elearning/bank_list.html",
        {
            "banks": banks_for_user(request.user).order_by("name"),
            "form": form if admin_of else None,
        },
        status=status,
    )


def _options(text: str) -> list[OptionData]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [OptionData(line.lstrip("*").strip(), line.startswith("*")) for line in lines]


@login_required
@require_http_methods(["GET", "POST"])
def bank_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bank = get_bank_for_user(request.user, pk, for_write=request.method == "POST")
    action = request.POST.get("action") if request.method == "POST" else None
    question_form = QuestionForm(request.POST if action == "question" else None)
    quiz_form = QuizForm(request.POST if action == "quiz" else None)
    status = 400 if request.method == "POST" else 200
    try:
        if action == "question" and question_form.is_valid():
            data = question_form.cleaned_data
            question_add(
                bank=bank,
                kind=data["kind"],
                text=data["text"] or "",
                options=_options(data["options"]),
                accepted_answers=(data["accepted_answers"] or "").splitlines(),
                points=data["points"] or 1,
                acting_user=request.user,
            )
            messages.success(request, _("Soal ditambahkan."))
            return redirect("delivery_elearning:bank_detail", pk=bank.pk)
        if action == "quiz" and quiz_form.is_valid():
            data = quiz_form.cleaned_data
            quiz_save(
                bank=bank,
                title=data["title"] or "",
                pass_mark=data["pass_mark"] if data["pass_mark"] is not None else -1,
                max_attempts=data["max_attempts"],
                draw_count=data["draw_count"],
                acting_user=request.user,
            )
            messages.success(request, _("Kuis dibuat. Pilih kuis ini sebagai kuis akhir kursus."))
            return redirect("delivery_elearning:bank_detail", pk=bank.pk)
    except ServiceError as exc:
        apply_service_errors(question_form if action == "question" else quiz_form, exc)
    return render(
        request,
        "delivery/elearning/bank_detail.html",
        {
            "bank": bank,
            "questions": bank.questions.prefetch_related("options").order_by("order", "pk"),
            "quizzes": bank.quizzes.order_by("title"),
            "question_form": question_form,
            "quiz_form": quiz_form,
            "can_write": scope_for(request.user).can_admin(bank.instansi_id),
        },
        status=status,
    )
