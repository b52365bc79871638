"""E-mail renderers: the same channel-neutral lesson, quiz, nudge and welcome the Slack
and SMS renderers take, as a subject, a plain-text part and an HTML part; and the pages an
answer or unsubscribe link opens. Pure: links are passed in, nothing is read or sent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from flows.messages import Feedback, LessonMessage, Nudge, QuizPrompt, Welcome

BRAND = "BMO Learning"
STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;max-width:600px;margin:0 auto;"
    "color:#1d1d1d;line-height:1.5}a.option{display:block;margin:6px 0;padding:10px;"
    "border:1px solid #0079c1;border-radius:6px;color:#0079c1;text-decoration:none}"
    ".footer{color:#666;font-size:12px;margin-top:24px}"
)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _quiz_html(quiz: QuizPrompt, links: Mapping[int, str]) -> str:
    options = "".join(
        f'<a class="option" href="{escape(links[o.index])}">{escape(o.label)}) {escape(o.text)}</a>'
        for o in quiz.options
        if o.index in links
    )
    return f"<h3>Quick quiz</h3><p>{escape(quiz.stem)}</p>{options}"


def _quiz_text(quiz: QuizPrompt, links: Mapping[int, str]) -> list[str]:
    lines = ["Quick quiz", quiz.stem, ""]
    for o in quiz.options:
        if o.index in links:
            lines += [f"{o.label}) {o.text}", f"   Answer {o.label}: {links[o.index]}"]
    return lines


def _footer(unsubscribe_url: str) -> tuple[list[str], str]:
    note = f"You get these e-mails from {BRAND}."
    text = ["", "--", note, f"Unsubscribe: {unsubscribe_url}"]
    html = (
        f'<p class="footer">{escape(note)} '
        f'<a href="{escape(unsubscribe_url)}">Unsubscribe from these e-mails</a></p>'
    )
    return text, html


def render_email(
    content: LessonMessage | Nudge | Welcome,
    *,
    answer_links: Mapping[int, str],
    unsubscribe_url: str,
) -> RenderedEmail:
    """`answer_links` maps each quiz option's index to its signed answer link."""
    foot_text, foot_html = _footer(unsubscribe_url)
    if isinstance(content, LessonMessage):
        subject = f"Today's lesson: {content.title}"
        text = [content.title, "", content.body]
        html = f"<h2>{escape(content.title)}</h2>{_paragraphs(content.body)}"
        if content.key_points:
            text += ["", "Key points:", *(f"- {p}" for p in content.key_points)]
            items = "".join(f"<li>{escape(p)}</li>" for p in content.key_points)
            html += f"<h3>Key points</h3><ul>{items}</ul>"
        if content.scenario:
            text += ["", f"Scenario: {content.scenario}"]
            html += f"<p><em>Scenario:</em> {escape(content.scenario)}</p>"
        if content.citations:
            sources = "; ".join(c.label() for c in content.citations)
            text += ["", f"Sources: {sources}"]
            html += f"<p><small>Sources: {escape(sources)}</small></p>"
        if content.quiz is not None:
            text += ["", *_quiz_text(content.quiz, answer_links)]
            html += _quiz_html(content.quiz, answer_links)
    elif isinstance(content, Nudge):
        subject = f"Your lesson is waiting: {content.lesson_title}"
        line = f'Hi {content.learner_name}, today\'s lesson "{content.lesson_title}" is waiting.'
        text, html = [line], f"<p>{escape(line)}</p>"
        if content.quiz is not None:
            text += ["", *_quiz_text(content.quiz, answer_links)]
            html += _quiz_html(content.quiz, answer_links)
    else:
        subject = f"Welcome to {BRAND}"
        line = (
            f"Welcome, {content.learner_name}! You're enrolled in {content.track_title}. "
            "Each day you'll get one short lesson with a quick quiz: click an answer to see "
            "how you did."
        )
        text, html = [line], f"<p>{escape(line)}</p>"
    return RenderedEmail(
        subject=subject,
        text="\n".join([*text, *foot_text]) + "\n",
        html=_page(subject, html + foot_html),
    )


def answer_page(feedback: Feedback, next_links: Mapping[int, str]) -> str:
    """What an answer link opens: the feedback and the next step. `next_links` are the
    answer links of the lesson's next question, if there is one."""
    if feedback.already_answered:
        head = f"You already answered {feedback.chosen_label}: nothing was changed."
        verdict = (
            "Correct."
            if feedback.correct
            else (f"The answer is {feedback.correct_label}) {feedback.correct_text}.")
        )
    elif feedback.correct:
        head, verdict = "Correct!", ""
    else:
        head = "Not quite."
        verdict = f"The answer is {feedback.correct_label}) {feedback.correct_text}."
    body = f"<h2>{escape(head)}</h2>"
    if verdict:
        body += f"<p><strong>{escape(verdict)}</strong></p>"
    body += _paragraphs(feedback.explanation)
    if feedback.citation is not None:
        body += f"<p><small>Source: {escape(feedback.citation.label())}</small></p>"
    if feedback.next_quiz is not None and next_links:
        body += _quiz_html(feedback.next_quiz, next_links)
    elif feedback.lesson_complete or feedback.next_quiz is None:
        body += "<p>That's today's lesson done. Your next lesson arrives on schedule.</p>"
    return _page(f"{BRAND}: your answer", body)


def notice_page(title: str, message: str) -> str:
    """A plain page: a refused link, an unsubscribe confirmation."""
    return _page(f"{BRAND}: {title}", f"<h2>{escape(title)}</h2><p>{escape(message)}</p>")


def unsubscribe_form(action: str) -> str:
    """Unsubscribing takes a click on this page (a POST), so a mail scanner that follows
    the link does not unsubscribe anyone; mail clients use RFC 8058's one-click POST."""
    body = (
        "<h2>Unsubscribe from lesson e-mails?</h2>"
        "<p>You will get no more e-mails from BMO Learning. Slack and SMS are not affected.</p>"
        f'<form method="post" action="{escape(action)}">'
        '<button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button>'
        "</form>"
    )
    return _page(f"{BRAND}: unsubscribe", body)
