-- Reports (issue 9): what the owner's day reads, kept cheap to read while orders keep arriving.
-- Orders by creation instant: a business day is an instant range in the store's zone, so one index
-- serves every zone and cutoff.
create index orders_report_created on orders (store_id, ((doc->'timestamps'->>'createdAt')::bigint));
-- statement-breakpoint
-- Orders still in progress (the needs-attention list reads only these).
create index orders_report_open on orders (store_id, ((doc->'timestamps'->>'createdAt')::bigint))
  where doc->>'fulfilment' not in ('done', 'cancelled');
-- statement-breakpoint
-- Refunds by the instant they were made: a refund counts on its own day, whenever the order was placed.
-- Refunds only accumulate on an order (a set), so rows are only ever added. Filled by a trigger.
create table report_refunds (
  store_id text not null,
  order_id text not null,
  refund_id text not null,
  at bigint not null,
  amount_fen bigint not null,
  primary key (store_id, order_id, refund_id)
);
-- statement-breakpoint
create index report_refunds_at on report_refunds (store_id, at);
-- statement-breakpoint
-- Finished business days' sales, computed once by the domain and kept until an order of that day changes
-- (the trigger below drops the day). `start_ms`/`end_ms` is the day's instant range.
create table report_days (
  store_id text not null,
  day text not null,
  start_ms bigint not null,
  end_ms bigint not null,
  report jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (store_id, day)
);
-- statement-breakpoint
create index report_days_range on report_days (store_id, start_ms);
-- statement-breakpoint
create function report_on_order_write() returns trigger language plpgsql as $$
declare
  created bigint := (new.doc->'timestamps'->>'createdAt')::bigint;
begin
  delete from report_days where store_id = new.store_id and start_ms <= created and end_ms > created;
  if new.doc->'refunds' <> '{}'::jsonb
     and (tg_op = 'INSERT' or new.doc->'refunds' is distinct from old.doc->'refunds') then
    with added as (
      insert into report_refunds (store_id, order_id, refund_id, at, amount_fen)
      select new.store_id, new.id, r.key, (r.value->>'at')::bigint, (r.value->>'amountFen')::bigint
      from jsonb_each(new.doc->'refunds') r
      on conflict do nothing
      returning at
    )
    delete from report_days d using added
    where d.store_id = new.store_id and d.start_ms <= added.at and d.end_ms > added.at;
  end if;
  return null;
end
$$;
-- statement-breakpoint
create trigger orders_report after insert or update of doc on orders
  for each row execute function report_on_order_write();
-- statement-breakpoint
-- Ingredient recipes, stock counts and imported WeChat Pay trade bills (以销定采 and reconciliation).
create table report_recipes (
  store_id text primary key,
  doc jsonb not null,
  updated_at timestamptz not null default now()
);
-- statement-breakpoint
create table report_stock (
  store_id text not null,
  ingredient_id text not null,
  quantity numeric not null,
  counted_at bigint not null,
  counted_by text not null,
  primary key (store_id, ingredient_id)
);
-- statement-breakpoint
create table report_tradebills (
  store_id text not null,
  bill_day text not null,
  imported_at bigint not null,
  result jsonb not null,
  primary key (store_id, bill_day)
);
