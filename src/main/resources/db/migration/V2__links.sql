-- Share links (DESIGN.md section 5). In the clear: only what the server needs to check a token.
-- The label and the token are sealed to the vault's public key (for the unlocked app); what the
-- link's holder sees is encrypted under keys derived from the token, in links/<id>.bin.
CREATE TABLE links (
    id           TEXT    PRIMARY KEY,
    token_hash   BLOB    NOT NULL UNIQUE,   -- SHA-256 of the token's characters
    created_at   INTEGER NOT NULL,          -- epoch milliseconds
    expires_at   INTEGER NOT NULL,
    quota        INTEGER,                   -- documents allowed in total, NULL = no limit
    used         INTEGER NOT NULL DEFAULT 0,
    revoked      INTEGER NOT NULL DEFAULT 0,
    sealed_label BLOB    NOT NULL,          -- age, to recipient.txt
    sealed_token BLOB    NOT NULL           -- age, to recipient.txt
);
