-- The per-store order stream: orders keyed by their channel identity, and a gap-free event log.
create extension if not exists btree_gist;
-- statement-breakpoint
-- The head of each store's log. Advanced in the same transaction that appends an event, so a rolled
-- back ingest leaves no gap and concurrent ingests for one store are serialised on this row.
-- `updated_ms` is a per-store monotonic clock (never behind the previous value, whichever process or
-- clock wrote it): the replication checkpoint orders documents by it.
create table store_log_head (
  store_id text primary key,
  seq bigint not null default 0,
  updated_ms bigint not null default 0
);
-- statement-breakpoint
create table orders (
  store_id text not null,
  id text not null,
  channel text not null,
  external_id text not null,
  -- The canonical domain order (packages/domain `Order`).
  doc jsonb not null,
  -- Replication checkpoint: the store's monotonic clock at the last change, with id as tie-break.
  updated_at bigint not null,
  last_seq bigint not null,
  created_at timestamptz not null default now(),
  primary key (store_id, id),
  unique (store_id, channel, external_id)
);
-- statement-breakpoint
create index orders_checkpoint on orders (store_id, updated_at, id);
-- statement-breakpoint
create table order_events (
  store_id text not null,
  seq bigint not null,
  order_id text,
  type text not null,
  -- What makes a delivery a duplicate: the same dedupe key adds no second event.
  dedupe_key text not null,
  payload jsonb not null,
  recorded_at timestamptz not null default now(),
  primary key (store_id, seq),
  unique (store_id, dedupe_key)
);
-- statement-breakpoint
-- Payment notifications as received, matched or not: reconciliation reads them.
create table payments (
  store_id text not null,
  provider text not null,
  transaction_id text not null,
  out_trade_no text not null,
  amount_fen integer not null,
  payer_total_fen integer not null,
  order_id text,
  paid_at bigint not null,
  primary key (store_id, provider, transaction_id)
);
-- statement-breakpoint
create index payments_out_trade_no on payments (store_id, out_trade_no);
-- statement-breakpoint
-- Commands for an order of our own that has not arrived yet (a payment or refund first); folded in when it does.
create table orphan_commands (
  store_id text not null,
  order_id text not null,
  dedupe_key text not null,
  command jsonb not null,
  primary key (store_id, dedupe_key)
);
-- statement-breakpoint
create index orphan_commands_order on orphan_commands (store_id, order_id);
