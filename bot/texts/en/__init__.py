"""English texts, used when a user writes English or asks for it.

One module per part of the product. Callers read every text from the package (`texts.en.X`,
`texts.for_language(language).X`), never from a module, so a text can move between modules freely.
What only Dutch readers see (the command line, mails, the brokers' pages) exists only in `texts.nl`.
"""

# Every public name of these modules is a text; the star imports make them the package's attributes
# (mypy follows them too). The modules share no names.
from bot.texts.en.catalogue import *  # noqa: F403
from bot.texts.en.channels import *  # noqa: F403
from bot.texts.en.conversation import *  # noqa: F403
from bot.texts.en.drafting import *  # noqa: F403
from bot.texts.en.matching import *  # noqa: F403
from bot.texts.en.overlap import *  # noqa: F403
from bot.texts.en.wording import *  # noqa: F403
from bot.texts.en.workflow import *  # noqa: F403
