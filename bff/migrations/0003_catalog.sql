-- Each store's catalog (menu, promotions, channel item codes) as one document, and the counters that
-- hand out pickup numbers: the server's own per business day, and one block per staff tablet.
create table catalogs (
  store_id text primary key,
  doc jsonb not null,
  updated_at timestamptz not null default now()
);
-- statement-breakpoint
create table pickup_counters (
  store_id text not null,
  business_day text not null,
  last integer not null,
  primary key (store_id, business_day)
);
-- statement-breakpoint
create table devices (
  store_id text not null,
  device_id text not null,
  block integer not null,
  registered_at timestamptz not null default now(),
  primary key (store_id, device_id),
  unique (store_id, block)
);
