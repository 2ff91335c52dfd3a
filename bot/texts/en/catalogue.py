"""The public catalogue of approved questions (/opdrachten), in English: the names of the Dutch
module, for a catalogue page or mail shown in English."""

CATALOGUE_HEADING = "Research assignments from the Dutch central government"
CATALOGUE_INTRO = (
    "Digital problems of the Dutch central government, reviewed by two knowledge brokers and ready for "
    "research by universities of applied sciences and universities. Is your research group interested? Say so at the assignment."
)
CATALOGUE_SEARCH = "Search"
CATALOGUE_SEARCH_LABEL = "Search by words"
CATALOGUE_FILTER_THEME = "Theme"
CATALOGUE_FILTER_LEVEL = "Level"
CATALOGUE_FILTER_FORM = "Form"
CATALOGUE_FILTER_REGION = "Region"
CATALOGUE_ANY = "All"
CATALOGUE_APPLY = "Show assignments"
CATALOGUE_RESET = "Clear all"
CATALOGUE_COUNT = {0: "No assignments found.", 1: "1 assignment found.", "n": "{n} assignments found."}
CATALOGUE_NONE_HINT = "Try fewer filters or other words."
CATALOGUE_MORE = "Show more assignments"
CATALOGUE_LEXICAL_ONLY = "Searching by words (no meaning search: the language model is not loaded)."
CATALOGUE_STATE = {
    "approved": "Looking for a research group",
    "suggested": "Looking for a research group",
    "matched": "Research group found",
    "completed": "Completed",
}
CATALOGUE_PUBLISHED = "In the catalogue since {day}"
CATALOGUE_MAIN_QUESTION = "Main question"
CATALOGUE_SUB_QUESTIONS = "Sub-questions"
CATALOGUE_ORGANISATION = "Organisation"
CATALOGUE_FORM = "Form"
CATALOGUE_LEVEL = "Level"
CATALOGUE_REGION = "Region"
CATALOGUE_THEMES = "Themes"
CATALOGUE_TIMELINE = "Timeline"
CATALOGUE_LEVEL_LABELS = {"hbo": "hbo (applied sciences)", "wo": "wo (university)", "beide": "hbo or wo"}
CATALOGUE_NO_PREFERENCE = "no preference"
CATALOGUE_BACK = "← All assignments"
CATALOGUE_NOT_FOUND = "This assignment is not (or no longer) in the catalogue."
CATALOGUE_FEED_LINK = "New assignments about {theme} as a feed (Atom)"
CATALOGUE_FEEDS_HEADING = "Feeds per theme"
CATALOGUE_FEED_TITLE = "Vraagwijzer: research assignments about {theme}"
CATALOGUE_FEED_SUBTITLE = "Approved digital problems of the Dutch central government for research in higher education."
CATALOGUE_FEED_SUMMARY = "{organisation}. Main question: {question}"
CATALOGUE_FEED_UNKNOWN_THEME = "This theme does not exist. Known themes: {themes}."

INTEREST_HEADING = "We are interested"
INTEREST_INTRO = (
    "Would your research group like to work on this assignment? Let the knowledge brokers know. "
    "They will contact you and introduce you to the organisation. Your address is not published."
)
INTEREST_GROUP = "Research group or institution"
INTEREST_GROUP_HINT = "For example: Lectoraat Cyber Resilience, Saxion"
INTEREST_EMAIL = "E-mail address for contact"
INTEREST_MESSAGE = "Short note (optional)"
INTEREST_SEND = "Send interest"
INTEREST_CLOSED = "A research group has already been found for this assignment; interest can no longer be sent."
INTEREST_PICK_HEADING = "Which group do you mean?"
INTEREST_PICK_INTRO = "We did not find “{typed}” exactly. Pick your group, or tell us it is a group we do not know yet."
INTEREST_PICK_NEW = "None of these: “{typed}” is a new group"
INTEREST_PICK_SEND = "Confirm"
INTEREST_THANKS = (
    "Thank you. The knowledge brokers of region {region} received your interest on behalf of {group} "
    "and will contact you at {email}."
)
INTEREST_THANKS_NEW = (
    "Thank you. The knowledge brokers of region {region} received your interest. {group} is not yet in "
    "our knowledge base; they will contact you at {email}."
)
INTEREST_ERRORS = {
    "group_missing": "Fill in the name of your research group or institution.",
    "group_long": "The group's name is too long: at most 150 characters.",
    "email_missing": "Fill in an e-mail address where the knowledge brokers can reach you.",
    "email_bad": "This e-mail address is not right; please check it (for example name@university.nl).",
    "message_long": "The note is too long: at most 1000 characters.",
    "pick_missing": "Pick a group from the list, or ‘new group’.",
    "not_text": "Fill in text.",
}
INTEREST_ERROR_SUMMARY = "Please check the form:"
INTEREST_SUBJECT = "Interest through the catalogue for {id}"
INTEREST_MAIL = (
    "Through the public catalogue, {group} is interested in {id} (“{title}”).\n"
    "Contact: {email}{message}\n\n{next}\n\nView: {link}\n"
)
INTEREST_MAIL_MESSAGE = "\nNote: {message}"
INTEREST_MAIL_KNOWN = "The group is listed with the answers on the draft; confirm it there if it does the assignment."
INTEREST_MAIL_NEW = (
    "This group is not in the knowledge base yet (‘new group’, as typed). Contact them; add the group "
    "(vraagwijzer import groups) to be able to confirm it as the research group."
)
INTEREST_NEW_GROUPS = "Interest of groups not yet in the knowledge base"

SUBSCRIBE_HEADING = "New assignments by e-mail"
SUBSCRIBE_INTRO = (
    "Once a week, an overview of new assignments in the themes you choose. "
    "We keep only your e-mail address and the themes; unsubscribe with one click in every mail."
)
SUBSCRIBE_EMAIL = "Your e-mail address"
SUBSCRIBE_THEMES = "Themes"
SUBSCRIBE_SEND = "Subscribe"
SUBSCRIBE_ERRORS = {
    "email_missing": "Fill in your e-mail address.",
    "email_bad": "This e-mail address is not right; please check it (for example name@university.nl).",
    "themes_missing": "Choose at least one theme.",
}
SUBSCRIBE_SENT_HEADING = "Confirm your subscription"
SUBSCRIBE_SENT = (
    "We sent a mail to {email}. Click the link in it to confirm your subscription; only then will you receive "
    "the weekly overview. No mail? Check your spam folder. A subscription not confirmed within 7 days expires."
)
CONFIRM_SUBJECT = "Confirm your subscription to new research assignments"
CONFIRM_MAIL = (
    "Hello,\n\nYou (or someone using your e-mail address) subscribed to a weekly overview of new research "
    "assignments about: {themes}.\n\nConfirm with this link (valid 7 days, usable once):\n{link}\n\n"
    "Did you not subscribe? Then do nothing; the subscription expires by itself.\n"
)
CONFIRM_HEADING = "Confirm subscription"
CONFIRM_INTRO = "You subscribe {email} to a weekly overview of new assignments about: {themes}."
CONFIRM_BUTTON = "Yes, confirm subscription"
CONFIRMED_HEADING = "Subscription confirmed"
CONFIRMED = (
    "Thank you. From now on you receive a weekly overview of new assignments about: {themes}. "
    "Unsubscribe with one click at the bottom of every mail."
)
LINK_INVALID_HEADING = "This link no longer works"
LINK_INVALID = "The link was used already, expired or is incomplete. Subscribe again on the assignments page."
UNSUBSCRIBE_HEADING = "Unsubscribe"
UNSUBSCRIBE_INTRO = "Do you want to unsubscribe {email}? You will no longer receive the overview of new assignments."
UNSUBSCRIBE_BUTTON = "Yes, unsubscribe"
UNSUBSCRIBED_HEADING = "Unsubscribed"
UNSUBSCRIBED = "You are unsubscribed. Your e-mail address and themes have been deleted."
DIGEST_SUBJECT = {1: "1 new research assignment about {themes}", "n": "{n} new research assignments about {themes}"}
DIGEST_MAIL = (
    "Hello,\n\nNew in the Vraagwijzer catalogue this week, about {themes}:\n\n{items}\n"
    "All assignments: {catalogue}\n\nUnsubscribe (one click): {unsubscribe}\n"
)
DIGEST_ITEM = "{title}\n{organisation} · {themes}\nMain question: {question}\n{link}\n"

CONFIDENTIAL_HEADING = "Public catalogue"
CONFIDENTIAL_LABEL = "Confidential: not in the public catalogue"
CONFIDENTIAL_HELP = (
    "Approved questions are listed in the public catalogue (/opdrachten) for universities, without names "
    "or other personal data. Tick to leave this question out."
)
CONFIDENTIAL_NOW_HIDDEN = "This question is not in the public catalogue (confidential)."
CONFIDENTIAL_NOW_PUBLIC = "This question is in the public catalogue."
CONFIDENTIAL_NOT_YET = "This question enters the public catalogue once approved, unless you make it confidential."
CONFIDENTIAL_SAVE = "Save"
CONFIDENTIAL_DONE = "Visibility in the public catalogue saved."
