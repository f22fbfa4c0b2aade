-- Room on every page for the next version of its rows. Most writes to an account's row change only columns no index
-- covers (document, position, updated_at, last_observed_at), so PostgreSQL can keep the new version on the same page
-- without touching the indexes (a HOT update): a sweep's confirmation of 10,000 accounts and a replay's rewrite of
-- each account per event cost a heap write each instead of six index insertions. Applies to pages written from now
-- on; a rebuild writes its copy anew.
ALTER TABLE account_view_a SET (fillfactor = 50);
ALTER TABLE account_view_b SET (fillfactor = 50);
