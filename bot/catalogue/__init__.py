"""The public catalogue of approved questions for institutions (/opdrachten): what may be shown,
hybrid search over it kept in memory, the interest form's group, Atom feeds and e-mail
subscriptions per theme."""

from bot.catalogue.catalogue import Catalogue
from bot.catalogue.public import PublicQuestion, public_question
from bot.catalogue.subscriptions import Subscriptions

__all__ = ["Catalogue", "PublicQuestion", "Subscriptions", "public_question"]
