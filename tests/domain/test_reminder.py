"""The "Remind me in 2 weeks" calendar file: valid RFC 5545, built from the date alone."""

from __future__ import annotations

import inspect
from datetime import date

from quiz.domain.reminder import reminder_ics


def test_reminder_is_an_all_day_event_two_weeks_later():
    ics = reminder_ics(date(2024, 12, 25))
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert ics.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    lines = ics.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)  # RFC 5545 3.1: fold above 75 octets
    assert "DTSTART;VALUE=DATE:20250108" in lines and "DTEND;VALUE=DATE:20250109" in lines
    assert "DTSTAMP:20241225T000000Z" in lines
    assert sum(line.startswith("UID:") for line in lines) == 1
    assert lines.count("BEGIN:VALARM") == 1 and "TRIGGER:PT9H" in lines


def test_reminder_holds_nothing_but_the_date():
    assert list(inspect.signature(reminder_ics).parameters) == ["today"]
    assert reminder_ics(date(2024, 1, 1)) == reminder_ics(date(2024, 1, 1))
