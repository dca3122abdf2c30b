-- Each conversation keeps the sequence number its next message takes, so that an exchange is appended
-- by one statement that reserves its numbers while it holds the conversation's row lock.
ALTER TABLE conversations ADD COLUMN next_seq integer NOT NULL DEFAULT 1;

UPDATE conversations c
   SET next_seq = 1 + coalesce((SELECT max(m.seq) FROM messages m WHERE m.conversation_id = c.id), 0);
