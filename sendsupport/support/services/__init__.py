"""Every write of the graduated approach: keyword-only functions, one transaction each, ``today``
injectable. Bad input raises ``ValidationError`` keyed by field name, and nothing is saved."""

from sendsupport.support.services.assessment import ScoreInput, record_assessment, update_assessment
from sendsupport.support.services.bank import remove_bank_entry, save_bank_entry
from sendsupport.support.services.concerns import record_concern_looked_at
from sendsupport.support.services.corrections import add_correction, correctable_items
from sendsupport.support.services.cycles import close_cycle, raise_concern, start_cycle
from sendsupport.support.services.notification import email_notification, letter_context, record_notification
from sendsupport.support.services.plans import (
    add_note,
    add_outcome,
    agree_plan,
    create_plan,
    remove_outcome,
    smart_problems,
    update_outcome,
    update_plan,
)
from sendsupport.support.services.reviews import RatingInput, record_review

__all__ = [
    "RatingInput",
    "ScoreInput",
    "add_correction",
    "add_note",
    "add_outcome",
    "agree_plan",
    "close_cycle",
    "correctable_items",
    "create_plan",
    "email_notification",
    "letter_context",
    "raise_concern",
    "record_assessment",
    "record_concern_looked_at",
    "record_notification",
    "record_review",
    "remove_bank_entry",
    "remove_outcome",
    "save_bank_entry",
    "smart_problems",
    "start_cycle",
    "update_assessment",
    "update_outcome",
    "update_plan",
]
