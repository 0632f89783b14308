from __future__ import annotations

from django import template

from sendsupport.interop.rule_words import rule_words as _rule_words

register = template.Library()


@register.filter
def rule_words(rule: str) -> str:
    return _rule_words(str(rule or ""))
