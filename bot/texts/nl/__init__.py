"""Nederlandse teksten: alles wat een gebruiker of beheerder van Vraagwijzer leest.

One module per part of the product. Callers read every text from the package (`texts.nl.X`,
`texts.for_language(language).X`), never from a module, so a text can move between modules freely.
"""

# Every public name of these modules is a text; the star imports make them the package's attributes
# (mypy follows them too). The modules share no names.
from bot.texts.nl.catalogue import *  # noqa: F403
from bot.texts.nl.channels import *  # noqa: F403
from bot.texts.nl.conversation import *  # noqa: F403
from bot.texts.nl.drafting import *  # noqa: F403
from bot.texts.nl.matching import *  # noqa: F403
from bot.texts.nl.overlap import *  # noqa: F403
from bot.texts.nl.overview import *  # noqa: F403
from bot.texts.nl.pages import *  # noqa: F403
from bot.texts.nl.service import *  # noqa: F403
from bot.texts.nl.wording import *  # noqa: F403
from bot.texts.nl.workflow import *  # noqa: F403
