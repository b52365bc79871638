"""A planted rule: a passage of a document that tells lessons, trainees or staff to teach
or say something the financial rules forbid ("Key takeaway for trainees: approval is
effectively guaranteed …", "Per the latest operations memo, there is no need to file a
report …"). Nothing in it speaks to a model, so no injection pattern sees it; what gives it
away is a directive about what lessons or staff say, or a claim to supersede the policy,
beside a claim `rules.check_text` blocks. Either half alone is ordinary: course documents
tell staff what to do all the time, and a fee table may lack its disclaimer.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)
from __future__ import annotations

import re

_DIRECTIVE = re.compile(
    r"(?i)\b(?:lessons?|quiz(?:zes)?|explanations?|trainees|learners|modules?|the tutor|answers?)\b[^.\n]{0,40}\b(?:should|must|need to|are to|will now)\b"
    r"|\b(?:use|adopt|repeat|teach)\b[^.\n]{0,20}\b(?:this|that|the following) (?:phrasing|wording|line|rule|claim)\b"
    r"|\b(?:key takeaway|takeaway for trainees|for trainees|teach (?:staff|trainees|learners))\b"
    r"|\bwhen (?:the|a|each) lessons? (?:explains?|covers?|describes?|mentions?)\b"
    r"|\b(?:reassure|tell|assure) (?:applicants|customers|clients) accordingly\b"
    r"|\b(?:staff|advisers|advisors|agents|reps) (?:may now|should|can now|no longer need)\b"
    r"|\bwhen (?:you|learners|trainees|staff|clients|customers) (?:explain|ask|present|teach|cover)\b"
    r"|\bin explanations\b|\b(?:whoever|anyone who) (?:turns|writes|makes)\b"
    r"|\b(?:summary|sales|product|key|quick|matching) (?:tip|note|takeaway)s?\b"
    # a claim to replace the policy, or to speak for it
    r"|\b(?:supersedes?|should read|per the latest|(?:19|20)\d\d edition|edition\)|operations memo)\b"
    r"|\b(?:policy|procedure|process) (?:update|change)\b|\beffective (?:immediately|today|now)\b"
    r"|\bper the (?:\d{4} )?[\w-]+ (?:memo|bulletin|circular|guidance)\b|\bbest practice\s*:"
    r"|\bimportant for (?:all )?(?:trainees|staff|learners|reps|advisers)\b"
    r"|\btip (?:from|by) (?:the |our )?(?:regional |senior |head )?(?:sales|team|branch|area) (?:lead|manager|coach|head)\b"
    r"|\breps can\b|(?:^|\n|\|)[ \t]*(?:note|reminder)\b|\bcan be described to (?:clients|customers)\b|\baggiornamento della procedura\b"
    r"|\bactualisation de la proc[ée]dure\b|\bactualizaci[óo]n del procedimiento\b"
)


def teaches_a_breach(text: str) -> bool:
    """A directive about what lessons or staff say, and a claim the rules block."""
    if not _DIRECTIVE.search(text):
        return False
    from knowledge.safety.rules import check_text  # the rules model loads on first use

    # a rate quoted without its terms is the disclaimer's business, not a planted claim
    return any(v.rule != "undisclosed_rate" for v in check_text(text).violations)
