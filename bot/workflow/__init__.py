"""What happens to a draft after it is submitted: review, suggestions to research groups, their
answers, the match, the outcome, reminders; and telling everyone involved (notices and mail)."""

from bot.workflow.mail import Mailer
from bot.workflow.notices import ChatReach, NotReachable, change_text, deliver_notices, notify_change
from bot.workflow.workflow import Workflow, utc_now

__all__ = [
    "ChatReach",
    "Mailer",
    "NotReachable",
    "Workflow",
    "change_text",
    "deliver_notices",
    "notify_change",
    "utc_now",
]
