-- The per-store order stream: orders keyed by their channel identity, and a gap-free event log.
create extension if not exists btree_gist;
-- statement-breakpoint
-- The head of each store's log. Incremented in the same transaction that appends events, so a rolled
-- back ingest leaves no gap and concurrent ingests for one store are serialised on this row.
create table store_log_head (
  store_id text primary key,
  seq bigint not null default 0
);
-- statement-breakpoint
create table orders (
  store_id text not null,
  id text not null,
  channel text not null,
  external_id text not null,
  -- The canonical domain order (packages/domain `Order`).
  doc jsonb not null,
  -- Replication checkpoint: server time of the last change, in ms, with id as tie-break.
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
-- Payment notifications, kept even when their order has not arrived yet (linked when it does).
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
