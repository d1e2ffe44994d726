""""Remind me in 2 weeks": a calendar file (RFC 5545) built from today's date alone. Pure Python.

It holds no answer, so it can be offered as a plain download: the NHS advises seeing a GP if a
twitch lasts more than 2 weeks, and the reminder falls on that day.
"""

from __future__ import annotations

from datetime import date, timedelta

REMIND_AFTER = timedelta(days=14)


def reminder_ics(today: date) -> str:
    """An all-day event 14 days after `today`, with an alarm at 9:00 that day. Lines end in CRLF."""
    due = today + REMIND_AFTER
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Twitch quiz//Reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:twitch-reminder-{due:%Y%m%d}@twitch-quiz.invalid",  # from the date only: no answer, no visitor
        f"DTSTAMP:{today:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
        "SUMMARY:Is the twitching still there?",
        "DESCRIPTION:If the twitching has lasted more than 2 weeks\\, see a doctor.",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Is the twitching still there?",
        "TRIGGER:PT9H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
