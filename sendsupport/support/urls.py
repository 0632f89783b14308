from django.urls import path

from sendsupport.support.views import assessment, bank, concerns, notify, plan, review, timeline

app_name = "support"

CYCLE = "pupils/<int:pupil_id>/support/cycles/<int:number>/"

urlpatterns = [
    path("pupils/<int:pupil_id>/support/", timeline.timeline, name="timeline"),
    path("pupils/<int:pupil_id>/support/concerns/new/", timeline.concern_new, name="concern_new"),
    path("pupils/<int:pupil_id>/support/concerns/<int:concern_id>/", concerns.concern, name="concern"),
    path(
        "pupils/<int:pupil_id>/support/concerns/<int:concern_id>/looked-at/",
        concerns.concern_looked_at,
        name="concern_looked_at",
    ),
    path("pupils/<int:pupil_id>/support/cycles/new/", timeline.cycle_new, name="cycle_new"),
    path("pupils/<int:pupil_id>/support/parents-told/", notify.notify, name="notify_pupil"),
    path(CYCLE, timeline.cycle_detail, name="cycle"),
    path(CYCLE + "close/", timeline.cycle_close, name="cycle_close"),
    path(CYCLE + "corrections/new/", timeline.correction_new, name="correction_new"),
    path(CYCLE + "assessment/", assessment.assessment, name="assessment"),
    path(CYCLE + "parents-told/", notify.notify, name="notify"),
    path(CYCLE + "letter/", notify.letter, name="letter"),
    path(CYCLE + "letter.pdf", notify.letter_pdf, name="letter_pdf"),
    path(CYCLE + "letter/email/", notify.letter_email, name="letter_email"),
    path(CYCLE + "plan/", plan.plan_page, name="plan"),
    path(CYCLE + "plan/new/", plan.plan_new, name="plan_new"),
    path(CYCLE + "plan/edit/", plan.plan_edit, name="plan_edit"),
    path(CYCLE + "plan/agree/", plan.plan_agree, name="plan_agree"),
    path(CYCLE + "plan/for-parents/", plan.plan_parent, name="plan_parent"),
    path(CYCLE + "plan/staff.pdf", plan.plan_pdf_staff, name="plan_pdf_staff"),
    path(CYCLE + "plan/for-parents.pdf", plan.plan_pdf_parent, name="plan_pdf_parent"),
    path(CYCLE + "outcomes/new/", plan.outcome_new, name="outcome_new"),
    path(CYCLE + "outcomes/<int:outcome_id>/edit/", plan.outcome_edit, name="outcome_edit"),
    path(CYCLE + "outcomes/<int:outcome_id>/remove/", plan.outcome_remove, name="outcome_remove"),
    path(CYCLE + "outcomes/<int:outcome_id>/notes/new/", plan.note_new, name="note_new"),
    path(CYCLE + "review/", review.review_page, name="review"),
    path(CYCLE + "review/new/", review.review_new, name="review_new"),
    path("outcome-bank/", bank.bank, name="bank"),
    path("outcome-bank/new/", bank.bank_entry, name="bank_new"),
    path("outcome-bank/<int:entry_id>/edit/", bank.bank_entry, name="bank_edit"),
    path("outcome-bank/<int:entry_id>/remove/", bank.bank_remove, name="bank_remove"),
]
