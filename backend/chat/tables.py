"""Bot conversations (dialogue state, expiry after inactivity) and their minimised transcripts."""

from piccolo.columns import JSONB, UUID, BigSerial, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.people.tables import Person
from backend.platform.db import DB
from backend.quickjobs.tables import QuickJob


class BotConversation(Table, tablename="bot_conversation", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    channel = Varchar(length=20, default="api")  # api | telegram | terminal
    language = Varchar(length=2, default="nl")
    state = JSONB()  # the dialogue engine's state, a plain JSON dict
    quickjob = ForeignKey(QuickJob, null=True)  # the one QuickJob this conversation created
    created_at = Timestamptz()
    updated_at = Timestamptz()


class BotMessage(Table, tablename="bot_message", db=DB):
    id = BigSerial(primary_key=True)
    conversation = ForeignKey(BotConversation, null=False)
    seq = Integer()
    sender = Varchar(length=4)  # user | bot
    text = Text()  # personal data masked
    created_at = Timestamptz()
