-- Shared live state (Yjs): each document's updates, compacted past a threshold.
-- `seq` is the document's head: advanced in the transaction that appends rows, so concurrent writers of
-- one document (several BFF processes) are serialised on this row and a reader that holds `seq = n`
-- finds everything newer with `seq > n`. The counters say when to compact.
create table collab_docs (
  doc_name text primary key,
  seq bigint not null default 0,
  rows_since_compaction integer not null default 0,
  bytes_since_compaction bigint not null default 0,
  updated_at timestamptz not null default now()
);
-- statement-breakpoint
-- A compaction replaces rows 1..n with one row numbered n holding the merged state.
create table collab_updates (
  doc_name text not null,
  seq bigint not null,
  data bytea not null,
  primary key (doc_name, seq)
);
-- statement-breakpoint
-- Which member (openid, or `server`) each Yjs client id of a cart document belongs to: bound the first
-- time a connection sends structs of that client id; a second member presenting it is refused. The lock
-- reads it to know who last wrote each line.
create table collab_clients (
  doc_name text not null,
  client_id bigint not null,
  principal text not null,
  primary key (doc_name, client_id)
);
-- statement-breakpoint
-- Removals Yjs cannot attribute (a delete carries no client id): a line, or a key of a line, deleted by
-- someone other than the line's author. Cleared when the line or key is written again.
create table collab_foreign_removals (
  doc_name text not null,
  line_id text not null,
  field text not null,
  author text not null,
  removed_by text not null,
  primary key (doc_name, line_id, field)
);
-- statement-breakpoint
-- Group carts (一起点). The invite token is kept as its SHA-256 only.
create table collab_carts (
  cart_id text primary key,
  store_id text not null,
  host_openid text not null,
  invite_hash text not null,
  invite_code text not null,
  status text not null,
  order_id text,
  lock_result jsonb,
  created_at bigint not null,
  checked_out_at bigint,
  expires_at bigint not null
);
-- statement-breakpoint
-- A 6-digit code is unique among a store's carts that can still be joined.
create unique index collab_carts_open_code on collab_carts (store_id, invite_code) where status = 'open';
-- statement-breakpoint
create index collab_carts_expiry on collab_carts (expires_at);
-- statement-breakpoint
create table collab_cart_members (
  cart_id text not null references collab_carts (cart_id) on delete cascade,
  openid text not null,
  nickname text not null,
  joined_at bigint not null,
  primary key (cart_id, openid)
);
