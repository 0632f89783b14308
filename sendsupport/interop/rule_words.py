"""Each import and census rule in plain English, for the problem tables (the short names stay in files and tests)."""

from __future__ import annotations

RULE_WORDS = {
    # The file as a whole
    "well_formed": "The file must be complete, well-formed XML",
    "no_dtd": "The file must not contain a document type declaration",
    "root_element": "The file must be a Common Transfer File",
    "header_missing": "The file must have a header",
    "header_valid": "The header must name the sending school properly",
    "header_first": "The header must come before the pupils",
    "header_row": "The first row must hold the column headings",
    "header_unique": "Each column heading must be different",
    "version_present": "The file must say which CTF version it is",
    "version_supported": "The CTF version must be one we can read (23 to 25)",
    "encoding": "The file must be saved as UTF-8 or Windows-1252 text",
    "encoding_mixed": "The file must use one text encoding throughout",
    "not_empty": "The file must not be empty",
    "no_rows": "The file must have at least one pupil",
    "columns_present": "The file must have the columns needed",
    "upn_column": "The file must have a UPN column",
    "too_long": "A value must not be too long",
    # A pupil's details
    "upn_valid": "A UPN must be 13 characters with the right check letter",
    "upn_unique": "Each pupil must have a different UPN",
    "upn_unique_in_file": "A UPN must appear only once in the file",
    "upn_elsewhere": "The pupil must not be on roll at another school here",
    "name_present": "A pupil must have a first and last name",
    "name_length": "A name must not be too long",
    "value_missing": "This value is needed",
    "date_present": "A date is needed",
    "date_valid": "A date must be a real date",
    "date_not_future": "The date must not be in the future",
    "after_birth": "The date must be after the pupil's date of birth",
    "end_after_start": "An end date must be after the start date",
    "sex_valid": "Sex must be M, F or another valid census code",
    "year_group_valid": "The year group must be one the census uses",
    "email_valid": "An email address must be a real address",
    "yes_or_no": "The answer must be yes or no",
    "parental_responsibility": "Whether the contact has parental responsibility must be yes or no",
    # SEN status and needs (the census rules)
    "provision_valid": "SEN provision must be N, K or E",
    "provision_current": "Old codes (S, A, P) are not used in returns now",
    "need_type_valid": "The type of need must be a census SEN type code",
    "need_required": "Pupils on SEN support or with an EHC plan need a primary type of need",
    "no_needs_with_n": "A pupil with no SEN provision has no types of need",
    "needs_without_provision": "Types of need must come with an SEN provision entry",
    "nsa_only_with_k": "NSA is only for pupils on SEN support",
    "at_most_two": "At most two types of need: a primary and a secondary",
    "rank_valid": "A need's rank must be 1 (primary) or 2 (secondary)",
    "ranks_distinct": "Each type of need must have a different rank",
    "single_is_rank_1": "A single type of need must be the primary need",
    "types_distinct": "The primary and secondary needs must be different",
    "need_has_start": "A type of need must have a start date",
    "sen_start_required": "An SEN status needs a start date",
    "after_current_status": "A new SEN status cannot start before the current one began",
    "one_entry_per_date": "Only one SEN history entry can start on a day",
    "indicators_required": "SEN unit and resourced provision indicators are needed for K and E",
    "term_valid": "The census term must be autumn, spring or summer",
}


def rule_words(rule: str) -> str:
    """The rule in words; a rule added later without words still reads as words, not a code name."""
    return RULE_WORDS.get(rule, rule.replace("_", " ").capitalize())
