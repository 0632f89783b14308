"""The home-school link book: entries with their replies, read with the rules the link book pages use.

Parents and carers with parental responsibility read their child's book; at the school, the SENCO and
the head always, other staff only when chosen to read it. Everyone else gets 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_view
from sendsupport.linkbook import selectors
from sendsupport.linkbook.models import LinkBookEntry
from sendsupport.pupils.lookup import visible_pupil

router = Router(tags=["Home-school link book"])

# Literals, not the model's choices: their class names (Kind, Side) are taken in the OpenAPI components.
EntryKind = Literal[tuple(LinkBookEntry.Kind.values)]
EntrySide = Literal[tuple(LinkBookEntry.Side.values)]

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]

# The parents' page or the staff page of the book: whoever may use either reads it here.
READ_LINK_BOOK = "read_link_book"


class MessageOut(Schema):
    id: int
    side: EntrySide = Field(..., description="Written at home or at school.")
    author: str = Field(..., description="Who wrote it, as they were that day, for example `Priya Patel (mother)`.")
    written_at: datetime
    text: str


class EntryOut(MessageOut):
    kind: EntryKind | Literal[""] = Field(..., description="What the entry is about; empty if the writer did not say.")
    kind_label: str
    replies: list[MessageOut] = Field(..., description="Replies under the entry, oldest first.")


class EntryPage(PageOut):
    items: list[EntryOut]


def message_out(entry: LinkBookEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "side": entry.side,
        "author": entry.author_label,
        "written_at": entry.written_at,
        "text": entry.text,
    }


def entry_out(entry: LinkBookEntry) -> dict[str, Any]:
    return {
        **message_out(entry),
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "replies": [message_out(reply) for reply in entry.replies.all()],
    }


@router.get(
    "/{pupil_id}/link-book",
    response={200: EntryPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's home-school link book",
    operation_id="list_pupil_link_book",
)
def list_link_book(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Entries with their replies, the most recently active first (a reply brings its entry back to the top)."""
    user = caller(request)
    pupil = visible_pupil(user, pupil_id, READ_LINK_BOOK)
    items, page = page_of(selectors.threads_for(user, pupil), query)
    record_view(user=user, pupil=pupil, what=f"API: the link book (page {page['page']})")
    return {**page, "items": [entry_out(entry) for entry in items]}
