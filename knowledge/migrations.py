"""Named schema migrations; applied in order, each once, recorded by sqlite-utils."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("vraagwijzer")

KNOWLEDGE_TABLES: tuple[str, ...] = ("institutions", "organisations", "research_groups", "assignments")


@migrations()
def m001_create_knowledge_tables(db: Database) -> None:
    db.table("institutions").create(
        {
            "id": str,
            "name": str,
            "short_name": str,
            "type": str,
            "city": str,
            "province": str,
            "region": str,
            "website": str,
            "example": int,
        },
        pk="id",
        not_null={"name", "type", "region"},
    )
    db.table("organisations").create(
        {
            "id": str,
            "name": str,
            "short_name": str,
            "city": str,
            "kind": str,
            "parent": str,
            "aliases": str,
            "example": int,
        },
        pk="id",
        not_null={"name"},
    )
    db.table("research_groups").create(
        {
            "id": str,
            "name": str,
            "kind": str,
            "institution_id": str,
            "themes": str,
            "keywords": str,
            "description": str,
            "forms": str,
            "capacity_per_semester": int,
            "contact_email": str,
            "example": int,
        },
        pk="id",
        not_null={"name", "institution_id"},
        foreign_keys=[("institution_id", "institutions", "id")],
    )
    db.table("assignments").create(
        {
            "id": str,
            "organisation_id": str,
            "year": int,
            "title": str,
            "problem": str,
            "research_question": str,
            "themes": str,
            "form": str,
            "level": str,
            "outcome": str,
            "group_id": str,
            "example": int,
        },
        pk="id",
        not_null={"title", "organisation_id"},
        foreign_keys=[
            ("organisation_id", "organisations", "id"),
            ("group_id", "research_groups", "id"),
        ],
    )
    db.table("research_groups").create_index(["institution_id"])
    db.table("assignments").create_index(["group_id"])
    db.table("assignments").create_index(["organisation_id"])


@migrations()
def m002_knowledge_revision(db: Database) -> None:
    """A counter bumped by triggers on every knowledge change: indexes compare against it
    to know, without reading every row, whether they are still up to date."""
    db.execute("CREATE TABLE knowledge_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL)")
    db.execute("INSERT INTO knowledge_revision (id, revision) VALUES (1, 0)")
    for table in KNOWLEDGE_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table} "
                "BEGIN UPDATE knowledge_revision SET revision = revision + 1 WHERE id = 1; END"
            )


@migrations()
def m003_conversations_drafts_events(db: Database) -> None:
    """Intake conversations (one per channel and user), submitted drafts, and the
    append-only audit log of every state change."""
    db.table("conversations").create(
        {
            "id": str,
            "channel": str,
            "user_ref": str,
            "language": str,
            "step": str,
            "answers": str,
            "pending": str,
            "history": str,
            "notices": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"channel", "user_ref", "step"},
    )
    db.table("drafts").create(
        {
            "id": str,
            "channel": str,
            "user_ref": str,
            "language": str,
            "state": str,
            "organisation": str,
            "region": str,
            "title": str,
            "intake": str,
            "draft": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"state", "intake", "draft"},
    )
    db.table("drafts").create_index(["channel", "user_ref"])
    db.table("drafts").create_index(["state", "region"])
    db.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, draft_id TEXT NOT NULL "
        "REFERENCES drafts(id), at TEXT NOT NULL, actor TEXT NOT NULL, from_state TEXT, "
        "to_state TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '')"
    )
    db.execute("CREATE INDEX events_draft ON events(draft_id)")
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER events_no_{action.lower()} BEFORE {action} ON events "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )


@migrations()
def m004_brokers_and_approvals(db: Database) -> None:
    """Brokers work in duos per region (one Rijk side, one higher-education side); an
    approval is per side and per review round, so four eyes are enforced by the schema."""
    db.execute(
        "CREATE TABLE brokers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
        "email TEXT NOT NULL UNIQUE COLLATE NOCASE, region TEXT NOT NULL, side TEXT NOT NULL "
        "CHECK (side IN ('rijk', 'ho')), telegram_id TEXT, created_at TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE approvals (draft_id TEXT NOT NULL REFERENCES drafts(id), round INTEGER NOT NULL, "
        "side TEXT NOT NULL, broker_id INTEGER NOT NULL REFERENCES brokers(id), at TEXT NOT NULL, "
        "PRIMARY KEY (draft_id, round, side), UNIQUE (draft_id, round, broker_id))"
    )
    db.table("drafts").add_column("review_round", int, not_null_default=1)


@migrations()
def m005_login_tokens_and_sessions(db: Database) -> None:
    """Single-use login links and broker sessions; only hashes of the secrets are stored."""
    db.execute(
        "CREATE TABLE login_tokens (token_hash TEXT PRIMARY KEY, broker_id INTEGER NOT NULL REFERENCES brokers(id), "
        "created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)"
    )
    db.execute(
        "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, broker_id INTEGER NOT NULL REFERENCES brokers(id), "
        "csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)"
    )


@migrations()
def m006_notices(db: Database) -> None:
    """Messages to civil servants about their drafts, kept until delivered: a push channel
    (Telegram) sends them at once, others show them at the user's next turn."""
    db.execute(
        "CREATE TABLE notices (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, user_ref TEXT NOT NULL, "
        "draft_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT)"
    )
    db.execute("CREATE INDEX notices_pending ON notices(channel, user_ref) WHERE delivered_at IS NULL")


@migrations()
def m007_suggestions(db: Database) -> None:
    """An approved draft goes as a suggestion to research groups; each suggestion has its own
    unguessable link (only the hash is stored) and its own answer."""
    db.execute(
        "CREATE TABLE suggestions (id TEXT PRIMARY KEY, draft_id TEXT NOT NULL REFERENCES drafts(id), "
        "group_id TEXT NOT NULL REFERENCES research_groups(id), token_hash TEXT NOT NULL UNIQUE, "
        "state TEXT NOT NULL, reason TEXT, text TEXT, proposed_start TEXT, contact_name TEXT, "
        "why TEXT NOT NULL DEFAULT '[]', semester TEXT NOT NULL, created_at TEXT NOT NULL, answered_at TEXT, "
        "UNIQUE (draft_id, group_id))"
    )
    db.execute("CREATE INDEX suggestions_group ON suggestions(group_id, state)")


@migrations()
def m008_suggestion_reminders(db: Database) -> None:
    """When a suggestion without answer was reminded; due times follow from created_at."""
    db.table("suggestions").add_column("reminded_at", str)


@migrations()
def m009_channel_addresses(db: Database) -> None:
    """Where a chat user can be reached later (a Teams conversation reference), so status
    changes can be pushed; brokers link their Teams or Telegram account with a single-use code
    from the dashboard (only its hash is stored) to be told there."""
    db.execute(
        "CREATE TABLE channel_addresses (channel TEXT NOT NULL, user_ref TEXT NOT NULL, address TEXT NOT NULL, "
        "updated_at TEXT NOT NULL, PRIMARY KEY (channel, user_ref))"
    )
    db.table("brokers").add_column("teams_id", str)
    db.execute(
        "CREATE TABLE chat_link_codes (code_hash TEXT PRIMARY KEY, broker_id INTEGER NOT NULL REFERENCES brokers(id), "
        "created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)"
    )


@migrations()
def m010_organisation_sentence_names(db: Database) -> None:
    """How an organisation reads in a sentence: its article ("het", "de" or none) and its
    running-text name ("het ministerie van Defensie"). Example organisations already in the
    database get the forms shipped with the example data; other rows stay empty until they
    are imported again, and are read as the article before the short name meanwhile."""
    from knowledge.example_data import example_rows

    organisations = db.table("organisations")
    organisations.add_column("article", str, not_null_default="")
    organisations.add_column("sentence_name", str, not_null_default="")
    for row in example_rows("organisations"):
        db.execute(
            "UPDATE organisations SET article = ?, sentence_name = ? WHERE id = ? AND name = ? AND example = 1",
            [row.get("article", ""), row.get("sentence_name", ""), row["id"], row["name"]],
        )


@migrations()
def m011_chat_transcripts(db: Database) -> None:
    """What the web chat shows of a conversation: both sides, as stored (the user's side
    redacted), in turns; a page shows it again after a reload or a later visit."""
    db.execute(
        "CREATE TABLE chat_transcripts (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, "
        "user_ref TEXT NOT NULL, turn INTEGER NOT NULL, side TEXT NOT NULL, text TEXT NOT NULL, "
        "options TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX chat_transcripts_user ON chat_transcripts(channel, user_ref, id)")


@migrations()
def m012_chat_transcript_cards(db: Database) -> None:
    """A bot message of the web chat may come with its structure (the draft as a card, JSON),
    so the page shows it as more than text; NULL for every other message."""
    db.execute("ALTER TABLE chat_transcripts ADD COLUMN card TEXT")


@migrations()
def m013_overlaps(db: Database) -> None:
    """Overlap across organisations: the embeddings of open and recent drafts, cached by
    content hash per model (the in-memory index is rebuilt from them at start), and the pairs
    of drafts brokers linked ("samen oppakken") with each asker's answer and the contact they
    gave, kept only until both are introduced or one declines."""
    db.execute(
        "CREATE TABLE draft_vectors (draft_id TEXT NOT NULL REFERENCES drafts(id), model TEXT NOT NULL, "
        "content_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (draft_id, model))"
    )
    db.execute(
        "CREATE TABLE overlap_links (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "draft_a TEXT NOT NULL REFERENCES drafts(id), draft_b TEXT NOT NULL REFERENCES drafts(id), "
        "score REAL NOT NULL, why TEXT NOT NULL DEFAULT '[]', linked_by TEXT NOT NULL, linked_at TEXT NOT NULL, "
        "state TEXT NOT NULL, answer_a TEXT, answer_b TEXT, contact_a TEXT, contact_b TEXT, closed_at TEXT, "
        "UNIQUE (draft_a, draft_b), CHECK (draft_a < draft_b))"
    )
    db.execute("CREATE INDEX overlap_links_b ON overlap_links(draft_b)")


@migrations()
def m014_public_catalogue(db: Database) -> None:
    """The public catalogue of approved questions (/opdrachten): drafts the brokers keep out of
    it, interest from research groups that found a question there, and e-mail subscriptions per
    theme (only the address and the themes; double opt-in, deleted when unsubscribed)."""
    db.execute(
        "CREATE TABLE catalogue_confidential (draft_id TEXT PRIMARY KEY REFERENCES drafts(id), marked_at TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE catalogue_interests (id INTEGER PRIMARY KEY AUTOINCREMENT, draft_id TEXT NOT NULL "
        "REFERENCES drafts(id), group_id TEXT REFERENCES research_groups(id), group_name TEXT NOT NULL, "
        "email TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', suggestion_id TEXT REFERENCES suggestions(id), "
        "created_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX catalogue_interests_draft ON catalogue_interests(draft_id)")
    db.execute(
        "CREATE TABLE catalogue_subscriptions (id TEXT PRIMARY KEY, email TEXT NOT NULL COLLATE NOCASE, "
        "themes TEXT NOT NULL, created_at TEXT NOT NULL, confirmed_at TEXT, digest_at TEXT)"
    )
    db.execute("CREATE INDEX catalogue_subscriptions_email ON catalogue_subscriptions(email)")
