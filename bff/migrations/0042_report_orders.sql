-- Reports read a projection of the orders instead of the documents, and keep it themselves: no trigger
-- and no index of theirs on `orders`, so the ingest path pays nothing for reports. Before reading, a
-- report brings the projection up to date from `orders.updated_at` (the store's replication clock,
-- which only moves forward and commits in order), remembering how far it got in `report_sync`.
drop trigger if exists orders_report on orders;
-- statement-breakpoint
drop function if exists report_on_order_write();
-- statement-breakpoint
drop index if exists orders_report_created;
-- statement-breakpoint
drop index if exists orders_report_open;
-- statement-breakpoint
-- What the daily sales read of each order (its channel, status, creation time, amounts, promotions,
-- refunds, and lines with their options): about a third of the document.
create table report_orders (
  store_id text not null,
  order_id text not null,
  created_ms bigint not null,
  updated_at bigint not null,
  slim jsonb not null,
  primary key (store_id, order_id)
);
-- statement-breakpoint
create index report_orders_created on report_orders (store_id, created_ms);
-- statement-breakpoint
create index report_orders_updated on report_orders (store_id, updated_at);
-- statement-breakpoint
-- Orders still in progress, for the needs-attention list.
create index report_orders_open on report_orders (store_id, created_ms)
  where slim->>'fulfilment' not in ('done', 'cancelled');
-- statement-breakpoint
-- How far each store's projection has read `orders.updated_at`.
create table report_sync (
  store_id text primary key,
  watermark bigint not null default -1
);
-- statement-breakpoint
-- Refunds and finished days are kept by the same catch-up from now on (it rebuilds them from the start).
truncate report_refunds, report_days;
-- statement-breakpoint
create function report_slim(d jsonb) returns jsonb language sql immutable as $$
  select jsonb_build_object(
    'id', d->'id',
    'channel', d->'channel',
    'fulfilment', d->'fulfilment',
    'timestamps', jsonb_build_object('createdAt', d->'timestamps'->'createdAt'),
    'amounts', d->'amounts',
    'promotions', d->'promotions',
    'refunds', d->'refunds',
    'lines', coalesce((
      select jsonb_agg(jsonb_build_object(
        'itemId', l->'itemId',
        'itemName', l->'itemName',
        'quantity', l->'quantity',
        'subtotalFen', l->'subtotalFen',
        'totalFen', l->'totalFen',
        'options', coalesce((
          select jsonb_agg(jsonb_build_object('groupId', p->'groupId', 'optionId', p->'optionId', 'name', p->'name'))
          from jsonb_array_elements(l->'options') p), '[]'::jsonb)))
      from jsonb_array_elements(d->'lines') l), '[]'::jsonb))
$$;
