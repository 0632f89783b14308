"""Shapes shared by every part of the API: errors, pages, and limits on what a caller may send."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

# Database ids are 64-bit; anything larger cannot exist and must not reach the database driver.
MAX_ID = 2**63 - 1
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Far beyond any real list; keeps offsets inside what every database accepts.
MAX_PAGE = 100_000
MAX_SEARCH_LENGTH = 100
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"


class AuthorityOut(Schema):
    """A local authority."""

    id: int
    number: str = Field(..., description="The three-digit LA number.")
    name: str


class ErrorOut(Schema):
    """What every error other than bad input looks like."""

    detail: str = Field(..., description="What went wrong, in plain English.")


class FieldErrorOut(Schema):
    field: str = Field(..., description="The parameter that was wrong, for example `upn` or `page_size`.")
    location: Literal["path", "query", "header", "body"] = Field(..., description="Where the parameter was sent.")
    message: str = Field(..., description="What is wrong with it and the rule it broke.")


class ValidationErrorOut(Schema):
    """Bad input: one entry for each parameter that was wrong. Nothing was done."""

    detail: list[FieldErrorOut]


# Responses documented on every operation, so each status the API can give is in the schema.
UNAUTHORISED: dict[int, Any] = {401: ErrorOut}
NOT_FOUND: dict[int, Any] = {404: ErrorOut}
INVALID: dict[int, Any] = {422: ValidationErrorOut}


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page to return, starting at 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"How many items a page holds (at most {MAX_PAGE_SIZE})."
    )


class PageOut(Schema):
    count: int = Field(..., description="How many items match, on every page together.")
    page: int
    page_size: int
    pages: int = Field(..., description="How many pages there are (0 when nothing matches).")


def reject_control_characters(value: str | None) -> str | None:
    if value is not None and any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ValueError("Search text cannot contain control characters such as tabs, new lines or null bytes.")
    return value


class SearchQuery(Schema):
    search: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        description="Part of a name, or a whole UPN. Not case-sensitive. No control characters.",
        # Documented for clients; enforced by the validator below, which says what is wrong in plain English.
        json_schema_extra={"pattern": NO_CONTROL_CHARACTERS},
    )

    _no_control = field_validator("search")(reject_control_characters)
