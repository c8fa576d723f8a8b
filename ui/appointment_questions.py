"""The appointment form's questions, in the order they are read, each keyed to the field of
the appointment it answers. Which are asked first, and which apply to how the appointment
took place, is decided in companion/form_plan.py."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from companion.labels import ORGANISATIONS
from companion.model import (
    Answer,
    AppointmentKind,
    Benefit,
    Channel,
    Conduct,
    Language,
    Layout,
    Listener,
    Noise,
    RecordedBy,
    StaffLocation,
    Status,
    Topic,
)
from ui.adjustments_editor import AdjustmentsEditor
from ui.questions import (
    Env,
    Question,
    choice,
    day,
    day_or_none,
    line,
    number,
    person,
    suggested,
    ticks,
    time_of_day,
    words,
)

CONTEXT = "AppointmentForm"

WHEN = QT_TRANSLATE_NOOP("AppointmentForm", "When")
WHO = QT_TRANSLATE_NOOP("AppointmentForm", "Who")
WHAT = QT_TRANSLATE_NOOP("AppointmentForm", "What")
WHERE = QT_TRANSLATE_NOOP("AppointmentForm", "Where")
PRIVACY = QT_TRANSLATE_NOOP("AppointmentForm", "Privacy")
HEARD = QT_TRANSLATE_NOOP("AppointmentForm", "Who could hear")
CALLS = QT_TRANSLATE_NOOP("AppointmentForm", "Phone or video calls")
SAID = QT_TRANSLATE_NOOP("AppointmentForm", "What was said aloud")
RECORDING = QT_TRANSLATE_NOOP("AppointmentForm", "Recording")
ADJUSTMENTS = QT_TRANSLATE_NOOP("AppointmentForm", "Adjustments")
CONDUCT = QT_TRANSLATE_NOOP("AppointmentForm", "How the staff member behaved")
HAPPENED = QT_TRANSLATE_NOOP("AppointmentForm", "What happened")
AFFECTED = QT_TRANSLATE_NOOP("AppointmentForm", "How it affected you")
FOLLOW_UP = QT_TRANSLATE_NOOP("AppointmentForm", "Follow-up")


def answer(name: str, text: str, section: str, *, spoken: str = "", tip: str = "") -> Question:
    """A question answered Yes, No or Not sure (or left as Not recorded)."""
    return Question(name, text, choice(Answer), section, tip=tip, spoken=spoken)


def adjustments_editor(env: Env, _field: str, _name: str, _tip: str) -> QWidget:
    """Rows for the adjustments asked for: two more than a corrected entry has, at least six."""
    already = len(env.original.adjustments) if env.original is not None else 0
    return AdjustmentsEditor(capacity=max(6, already + 2))


QUESTIONS: list[Question] = [
    Question(
        "date",
        QT_TRANSLATE_NOOP("AppointmentForm", "Date of the appointment (needed)"),
        day(),
        WHEN,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Date of the appointment"),
    ),
    Question(
        "status",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did it go ahead?"),
        choice(Status),
        WHEN,
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm",
            "Whether it took place as booked, was moved, cancelled or did not happen",
        ),
    ),
    Question(
        "moved_to",
        QT_TRANSLATE_NOOP("AppointmentForm", "Moved to"),
        day_or_none(start_from="date"),
        WHEN,
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm",
            "The new date, if it was moved or did not happen; type it or press Up",
        ),
    ),
    Question(
        "time",
        QT_TRANSLATE_NOOP("AppointmentForm", "Time it started"),
        time_of_day(QT_TRANSLATE_NOOP("AppointmentForm", "For example 14:30")),
        WHEN,
    ),
    Question(
        "duration_minutes",
        QT_TRANSLATE_NOOP("AppointmentForm", "How long it lasted"),
        number(1, 24 * 60, QT_TRANSLATE_NOOP("AppointmentForm", " minute(s)")),
        WHEN,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "How long it lasted, in minutes"),
    ),
    Question(
        "person_id",
        QT_TRANSLATE_NOOP("AppointmentForm", "Whose appointment (needed)"),
        person(),
        WHO,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Whose appointment"),
        only_new=True,
    ),
    Question(
        "companions",
        QT_TRANSLATE_NOOP("AppointmentForm", "Who came with them, if anyone"),
        line(),
        WHO,
    ),
    Question(
        "staff_name",
        QT_TRANSLATE_NOOP("AppointmentForm", "Name of the staff member, if given"),
        suggested(),
        WHO,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Name of the staff member"),
    ),
    Question(
        "staff_role",
        QT_TRANSLATE_NOOP("AppointmentForm", "Their role, for example work coach or nurse"),
        suggested(),
        WHO,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Staff member's role"),
    ),
    answer(
        "staff_name_given", QT_TRANSLATE_NOOP("AppointmentForm", "Did they give their name?"), WHO
    ),
    Question(
        "kind",
        QT_TRANSLATE_NOOP("AppointmentForm", "What kind of appointment"),
        choice(AppointmentKind),
        WHAT,
    ),
    Question(
        "benefit",
        QT_TRANSLATE_NOOP("AppointmentForm", "Which benefit it was about"),
        choice(Benefit),
        WHAT,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Which benefit"),
    ),
    Question(
        "organisation",
        QT_TRANSLATE_NOOP("AppointmentForm", "Who ran it, for example DWP or Capita"),
        suggested(ORGANISATIONS),
        WHAT,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Organisation"),
    ),
    Question(
        "channel",
        QT_TRANSLATE_NOOP("AppointmentForm", "How it took place"),
        choice(Channel),
        WHAT,
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm",
            "In person, a home visit, a telephone or video call, or a paper review. "
            "The questions after it change to fit your answer.",
        ),
    ),
    Question(
        "language_requested",
        QT_TRANSLATE_NOOP("AppointmentForm", "Language you asked for"),
        choice(Language),
        WHAT,
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm", "For example if you asked for it in Welsh, or for an interpreter"
        ),
    ),
    Question(
        "language",
        QT_TRANSLATE_NOOP("AppointmentForm", "Language it was held in"),
        choice(Language),
        WHAT,
    ),
    Question(
        "location",
        QT_TRANSLATE_NOOP("AppointmentForm", "Place, for example the jobcentre's name"),
        suggested(),
        WHERE,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Place"),
    ),
    Question(
        "layout",
        QT_TRANSLATE_NOOP("AppointmentForm", "Where exactly were you seen?"),
        choice(Layout),
        WHERE,
    ),
    answer(
        "private_room_requested",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did you ask for a private room?"),
        PRIVACY,
    ),
    answer(
        "private_room_offered",
        QT_TRANSLATE_NOOP("AppointmentForm", "Was one offered?"),
        PRIVACY,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Was a private room offered"),
    ),
    answer(
        "private_room_used",
        QT_TRANSLATE_NOOP("AppointmentForm", "Was one used?"),
        PRIVACY,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Was a private room used"),
    ),
    Question(
        "private_room_refused_by",
        QT_TRANSLATE_NOOP("AppointmentForm", "If refused, who refused?"),
        line(),
        PRIVACY,
    ),
    Question(
        "private_room_refusal_reason",
        QT_TRANSLATE_NOOP("AppointmentForm", "What reason did they give?"),
        line(),
        PRIVACY,
    ),
    Question(
        "in_earshot",
        QT_TRANSLATE_NOOP("AppointmentForm", "Who could hear what was said?"),
        ticks(Listener),
        HEARD,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Who could hear"),
        tip=QT_TRANSLATE_NOOP("AppointmentForm", "Tick everyone who could hear"),
    ),
    Question(
        "in_earshot_count",
        QT_TRANSLATE_NOOP("AppointmentForm", "About how many people could hear?"),
        number(0, 10_000),
        HEARD,
    ),
    Question(
        "in_earshot_notes",
        QT_TRANSLATE_NOOP("AppointmentForm", "Anything more about who could hear"),
        words(2),
        HEARD,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "More about who could hear"),
    ),
    Question(
        "staff_location",
        QT_TRANSLATE_NOOP("AppointmentForm", "Where was the staff member?"),
        choice(StaffLocation),
        CALLS,
    ),
    Question(
        "staff_stated_location",
        QT_TRANSLATE_NOOP("AppointmentForm", "What did they say about where they were?"),
        line(),
        CALLS,
    ),
    Question(
        "background_noise",
        QT_TRANSLATE_NOOP("AppointmentForm", "What did you hear at their end?"),
        ticks(Noise),
        CALLS,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Heard at their end"),
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm", "Tick anything you heard at the staff member's end of the call"
        ),
    ),
    Question(
        "background_noise_notes",
        QT_TRANSLATE_NOOP("AppointmentForm", "Anything more you heard"),
        words(2),
        CALLS,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "More about what you heard"),
    ),
    answer(
        "staff_said_private",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did they say nobody else could hear?"),
        CALLS,
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm", "What they told you, recorded beside what you heard at their end"
        ),
    ),
    answer(
        "staff_said_alone",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did they say they were alone?"),
        CALLS,
    ),
    answer(
        "staff_said_headphones",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did they say they wore headphones?"),
        CALLS,
    ),
    answer(
        "said_aloud_answer",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did you have to say private things aloud?"),
        SAID,
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm", '"No" records that nothing private was said aloud'
        ),
    ),
    Question(
        "said_aloud",
        QT_TRANSLATE_NOOP("AppointmentForm", "What private things were said aloud?"),
        ticks(Topic, 3),
        SAID,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Said aloud"),
        tip=QT_TRANSLATE_NOOP("AppointmentForm", "Tick each kind of thing said aloud"),
    ),
    Question(
        "said_aloud_notes",
        QT_TRANSLATE_NOOP("AppointmentForm", "Anything more about what was said"),
        words(2),
        SAID,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "More about what was said aloud"),
    ),
    Question(
        "refused_aloud",
        QT_TRANSLATE_NOOP("AppointmentForm", "They asked you to say aloud, and you would not"),
        ticks(Topic, 3),
        SAID,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Would not say aloud"),
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm", "Things they asked you to say out loud, which you refused to say"
        ),
    ),
    Question(
        "declined_to_disclose",
        QT_TRANSLATE_NOOP("AppointmentForm", "You chose not to tell them"),
        ticks(Topic, 3),
        SAID,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Chose not to tell them"),
        tip=QT_TRANSLATE_NOOP("AppointmentForm", "Things you decided not to tell them at all"),
    ),
    answer(
        "recording_requested",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did you ask to record it?"),
        RECORDING,
    ),
    answer(
        "recording_allowed",
        QT_TRANSLATE_NOOP("AppointmentForm", "Were you allowed to?"),
        RECORDING,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Were you allowed to record it"),
    ),
    Question(
        "recorded_by",
        QT_TRANSLATE_NOOP("AppointmentForm", "Who recorded it?"),
        choice(RecordedBy),
        RECORDING,
    ),
    Question(
        "adjustments",
        "",  # the section's title says it
        adjustments_editor,
        ADJUSTMENTS,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Adjustments asked for"),
        tip=QT_TRANSLATE_NOOP(
            "AppointmentForm", "Each reasonable adjustment you asked for, and the answer given"
        ),
    ),
    Question(
        "conduct",
        QT_TRANSLATE_NOOP("AppointmentForm", "Did they do any of these?"),
        ticks(Conduct),
        CONDUCT,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "How they behaved"),
        tip=QT_TRANSLATE_NOOP("AppointmentForm", "Tick anything the staff member did"),
    ),
    Question(
        "conduct_quotes",
        QT_TRANSLATE_NOOP("AppointmentForm", "What they said, word for word"),
        words(2),
        CONDUCT,
        tip=QT_TRANSLATE_NOOP("AppointmentForm", "Their exact words, as near as you remember them"),
    ),
    Question(
        "account",
        QT_TRANSLATE_NOOP("AppointmentForm", "In your own words"),
        words(6),
        HAPPENED,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "What happened, in your own words"),
    ),
    Question(
        "impact",
        QT_TRANSLATE_NOOP("AppointmentForm", "How it affected you (or them)"),
        words(3),
        AFFECTED,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "How it affected you"),
    ),
    Question(
        "distress",
        QT_TRANSLATE_NOOP("AppointmentForm", "How upsetting was it, from 0 (not at all) to 10?"),
        number(0, 10),
        AFFECTED,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "How upsetting it was, from 0 to 10"),
    ),
    Question(
        "complaint_reference",
        QT_TRANSLATE_NOOP("AppointmentForm", "Complaint reference, if you have one"),
        line(),
        FOLLOW_UP,
    ),
    answer(
        "mr_requested",
        QT_TRANSLATE_NOOP("AppointmentForm", "Have you asked for a mandatory reconsideration?"),
        FOLLOW_UP,
        spoken=QT_TRANSLATE_NOOP("AppointmentForm", "Mandatory reconsideration asked for"),
    ),
]
