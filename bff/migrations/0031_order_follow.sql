-- What booking, passes and 拼团 need to act on the order stream and on the one ingest path, crash-safely.
--
-- `stream_cursors`: how far a consumer has read a store's order log. A consumer advances its cursor in
-- the same transaction as the effects of the events it read, so a crash replays nothing twice and skips
-- nothing; the row lock (taken with SKIP LOCKED) lets one BFF process at a time follow a store.
create table stream_cursors (
  store_id text not null,
  consumer text not null,
  seq bigint not null default 0,
  primary key (store_id, consumer)
);
-- statement-breakpoint
-- Orders we created for a booking, a pass purchase, a generated drink-plan period or a 拼团 seat: the
-- follower looks events up here to know whose payment or refund it is.
create table tracked_orders (
  store_id text not null,
  order_id text not null,
  kind text not null,
  ref_id text not null,
  primary key (store_id, order_id)
);
-- statement-breakpoint
-- Commands for the ingest path, written in the same transaction as the decision that needs them (a hold's
-- order, a cancel, a confirmation) and submitted after commit; a row is deleted once the ingest answered.
-- Every command is idempotent on ingest (its dedupe key), so a crash between the two only means it is
-- submitted again and counted once. `lease_until` keeps two processes from submitting it at once.
create table command_outbox (
  store_id text not null,
  key text not null,
  command jsonb not null,
  created_ms bigint not null,
  attempts integer not null default 0,
  lease_until bigint not null default 0,
  last_error text,
  primary key (store_id, key)
);
-- statement-breakpoint
create index command_outbox_due on command_outbox (lease_until);
